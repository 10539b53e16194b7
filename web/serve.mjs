// Static file server for the playground: serves what the page, the tests and the benchmarks load (and
// nothing else of the checkout) with the right MIME types (wasm must be application/wasm for streaming
// compilation) and cross-origin isolation headers, so the threaded build can use SharedArrayBuffer.
// Usage: node web/serve.mjs [port] [root]
// NETLAB_ISOLATION=off leaves the isolation headers out, as most static hosts do (the page then loads
// the single-thread build). NETLAB_SERVE=site serves every file under the root instead of the list
// below: for a packaged folder (scripts/package), which holds only what the page needs.
//
// It faces whatever a browser (or anyone on the machine) sends, so: only GET and HEAD (405 otherwise);
// a path that does not decode, holds NUL, a backslash or a dot-segment, or is absurdly long is a 400;
// a file is served only when its real path (symlinks resolved) lies inside the real root plus a
// separator, and that real path is on the list below; any error answers and the server stays up.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.argv[2] || process.env.PORT || 8080);
const root = fs.realpathSync(path.resolve(process.argv[3] || path.join(path.dirname(fileURLToPath(import.meta.url)), '..')));
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.csv': 'text/csv', '.wgsl': 'text/plain', '.txt': 'text/plain', '.gz': 'application/gzip',
  '.webmanifest': 'application/manifest+json',
};
// Long enough for a 16 KB share link in the query (fragments never reach a server) with room to spare.
const kMaxUrlBytes = 8192;

// What may be served, as paths relative to the root: the page (index.html, its service worker, manifest
// and icon, web/'s scripts, web/data/ and the built web/dist/), the examples, the WGSL shaders, the
// browser tests' own pages and the benchmark pages with the TensorFlow.js and ONNX Runtime Web files
// they load. Never .git/, build*/, third_party/, sources or other node_modules.
const allowed = [
  /^index\.html$/,
  /^netlab-sw\.js$/, /^netlab\.webmanifest$/, /^netlab-icon\.svg$/,
  /^web\/[^/]+\.(js|html|css)$/,
  /^web\/(dist|data)\/(?!.*node_modules\/)[^]*$/,
  /^examples\/[^]*$/,
  /^shaders\/[^]*$/,
  /^tests\/browser\/[^/]+\.(html|js)$/,
  /^bench\/(dist\/)?[^/]+\.(html|js|wasm)$/,
  /^bench\/node_modules\/@tensorflow\/[^/]+\/dist\/[^]*$/,
  /^bench\/node_modules\/onnxruntime-web\/dist\/[^]*$/,
];
const wholeSite = process.env.NETLAB_SERVE === 'site';
const isAllowed = (relative) => !relative.split('/').some((part) => part.startsWith('.')) &&
                                (wholeSite || allowed.some((pattern) => pattern.test(relative)));
const isolation = process.env.NETLAB_ISOLATION === 'off' ? {} : {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function answer(response, status, text, extra = {}) {
  if (response.headersSent) { response.destroy(); return; }
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff',
                               ...extra });
  response.end(text + '\n');
}

// The request's path as a file path relative to the root, or a status and reason when it is refused.
function requestedPath(rawUrl) {
  if (typeof rawUrl !== 'string' || !rawUrl.startsWith('/')) return { status: 400, why: 'bad request target' };
  if (rawUrl.length > kMaxUrlBytes) return { status: 400, why: 'request target too long' };
  const pathname = rawUrl.split(/[?#]/, 1)[0];
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, why: 'broken %-escape' };
  }
  if (/[\0\\]/.test(decoded)) return { status: 400, why: 'NUL or backslash in the path' };
  const parts = decoded.split('/').slice(1);
  if (parts.some((part) => part === '.' || part === '..')) return { status: 400, why: 'dot segment in the path' };
  let relative = parts.join('/');
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  return { relative };
}

async function serve(request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    answer(response, 405, 'only GET and HEAD', { Allow: 'GET, HEAD' });
    return;
  }
  const wanted = requestedPath(request.url);
  if (wanted.status) { answer(response, wanted.status, wanted.why); return; }
  let real;
  try {
    real = await fs.promises.realpath(path.join(root, wanted.relative));
    if ((await fs.promises.stat(real)).isDirectory()) real = await fs.promises.realpath(path.join(real, 'index.html'));
  } catch {
    answer(response, 404, 'not found');
    return;
  }
  // Inside the root by real path plus separator: "/srv/netlab-old" does not start with "/srv/netlab/".
  const relative = real.startsWith(root + path.sep) ? real.slice(root.length + 1).split(path.sep).join('/') : null;
  if (relative === null || !isAllowed(relative)) { answer(response, 404, 'not found'); return; }
  let data;
  try {
    data = await fs.promises.readFile(real);
  } catch {
    answer(response, 404, 'not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': types[path.extname(real)] || 'application/octet-stream',
    'Content-Length': data.length,
    'X-Content-Type-Options': 'nosniff',
    ...isolation,
    'Cache-Control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : data);
}

const server = http.createServer({ maxHeaderSize: 16384 }, (request, response) => {
  serve(request, response).catch(() => answer(response, 500, 'internal error'));
});
// Requests node's parser rejects (garbage, oversized headers) get a 400 instead of a silent reset.
server.on('clientError', (error, socket) => {
  if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Netlab is served at http://127.0.0.1:${server.address().port}/`);
});
