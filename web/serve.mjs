// Static file server for the playground: serves the repository root with the right MIME types (wasm
// must be application/wasm for streaming compilation) and cross-origin isolation headers, so a later
// threaded build can use SharedArrayBuffer. Usage: node web/serve.mjs [port] [root]
// NETLAB_ISOLATION=off leaves the isolation headers out, as most static hosts do (the page then loads
// the single-thread build).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const port = Number(process.argv[2] || process.env.PORT || 8080);
const root = path.resolve(process.argv[3] || path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.csv': 'text/csv', '.wgsl': 'text/plain', '.txt': 'text/plain',
};

const isolation = process.env.NETLAB_ISOLATION === 'off' ? {} : {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
  if (!file.startsWith(root)) { response.writeHead(403); response.end('forbidden'); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (error, data) => {
    if (error) { response.writeHead(404, { 'Content-Type': 'text/plain' }); response.end('not found'); return; }
    response.writeHead(200, {
      'Content-Type': types[path.extname(file)] || 'application/octet-stream',
      ...isolation,
      'Cache-Control': 'no-cache',
    });
    response.end(data);
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Netlab is served at http://127.0.0.1:${server.address().port}/`);
});
