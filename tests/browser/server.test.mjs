// web/serve.mjs against hostile requests, sent byte for byte over raw sockets (an HTTP client would
// normalise or refuse most of them): each gets the expected status, nothing outside what the page needs
// is readable, and the server still serves the page afterwards. Needs no browser.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './browser.mjs';

function start(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'web/serve.mjs'), '0', root]);
    child.stdout.on('data', (chunk) => {
      const match = /127\.0\.0\.1:(\d+)\//.exec(String(chunk));
      if (match) resolve({ port: Number(match[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

// Sends `raw` as it is and returns the status code and body of the answer ('closed' if none came).
function send(port, raw) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(5000, () => { socket.destroy(); reject(new Error('no answer within 5 s to ' + JSON.stringify(raw.slice(0, 80)))); });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: match ? Number(match[1]) : 'closed', head: text.slice(0, split), body: text.slice(split + 4) });
    });
    socket.write(raw, 'latin1');
  });
}
const get = (target, method = 'GET') => `${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;

let failures = 0;
async function check(server, what, raw, expected, bodyMustNotContain) {
  const reply = await send(server.port, raw);
  const ok = reply.status === expected && !(bodyMustNotContain && reply.body.includes(bodyMustNotContain));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${reply.status} (expected ${expected})`);
  if (!ok) failures++;
  return reply;
}

// A root with the things that must stay private, a symlink out of it and a sibling whose name starts
// with the root's name (the old string-prefix check let "/x/netlab-secret" pass as inside "/x/netlab").
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'netlab-serve-'));
const root = path.join(base, 'netlab');
const secret = 'SECRET-' + process.pid;
for (const [file, text] of [['netlab/index.html', '<!doctype html><title>page</title>'], ['netlab/web/app.js', 'ok'],
                            ['netlab/.git/config', secret], ['netlab/build/netlab', secret], ['netlab/build-web/x.js', secret],
                            ['netlab/third_party/imgui/imgui.h', secret], ['netlab-secret/key.txt', secret],
                            ['netlab/tests/browser/node_modules/x/index.js', secret], ['netlab/web/data/iris.csv', '1,2,0']]) {
  fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
  fs.writeFileSync(path.join(base, file), text);
}
fs.symlinkSync(path.join(base, 'netlab-secret/key.txt'), path.join(root, 'web/link.js'));
fs.symlinkSync(path.join(base, 'netlab-secret'), path.join(root, 'examples'));

const server = await start(root);
try {
  const page = await check(server, 'the page', get('/'), 200);
  assert.match(page.head, /X-Content-Type-Options: nosniff/i);
  await check(server, 'a page file', get('/web/app.js'), 200);
  await check(server, 'HEAD of the page', get('/', 'HEAD'), 200);
  await check(server, 'POST', get('/', 'POST'), 405);
  await check(server, 'PUT', get('/index.html', 'PUT'), 405);
  await check(server, 'DELETE', get('/index.html', 'DELETE'), 405);
  await check(server, 'a lone %', get('/%'), 400);
  await check(server, 'an encoded NUL', get('/index.html%00.png'), 400);
  await check(server, 'a bad %-escape', get('/%zz'), 400);
  await check(server, 'a cut UTF-8 escape', get('/%E2%82'), 400);
  // Every way at what must stay private: refused, and the secret never in the answer.
  for (const [what, target, expected] of [
    ['an encoded backslash', '/web%5c..%5c..%5cnetlab-secret%5ckey.txt', 400],
    ['an encoded dot-dot', '/%2e%2e/netlab-secret/key.txt', 400],
    ['dot-dot into the sibling', '/../netlab-secret/key.txt', 400],
    ['dot-dot inside a path', '/web/../../netlab-secret/key.txt', 400],
    ['a symlinked file out of the tree', '/web/link.js', 404],
    ['a symlinked folder out of the tree', '/examples/key.txt', 404],
    ['.git', '/.git/config', 404],
    ['build/', '/build/netlab', 404],
    ['build-web/', '/build-web/x.js', 404],
    ['third_party/', '/third_party/imgui/imgui.h', 404],
    ['node_modules of the tests', '/tests/browser/node_modules/x/index.js', 404],
    ['an absolute-form target', 'http://localhost/.git/config', 400],
  ]) await check(server, what, get(target), expected, secret);
  await check(server, 'an absurdly long path', get('/' + 'a'.repeat(100000)), 400);
  await check(server, 'an absurdly long header', `GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ${'b'.repeat(100000)}\r\n\r\n`, 400);
  await check(server, 'garbage instead of a request', '\x00\x01\x02 not http at all\r\n\r\n', 400);
  await check(server, 'a header without a colon', 'GET / HTTP/1.1\r\nHost localhost\r\n\r\n', 400);
  await check(server, 'a missing file', get('/web/missing.js'), 404);
  // Still up and still serving the page after all of that.
  const after = await check(server, 'the page afterwards', get('/index.html'), 200);
  assert.match(after.body, /<title>page<\/title>/);
  assert.equal(server.child.exitCode, null, 'the server process has exited');
} finally {
  server.child.kill();
  fs.rmSync(base, { recursive: true, force: true });
}

// The real checkout: every page the tests and benchmarks open is served, the private folders are not.
const real = await start(repoRoot);
try {
  await check(real, 'the real page', get('/?autoplay=0'), 200);
  for (const file of ['web/netlab-page.js', 'web/netlab-embed.js', 'web/netlab-gpu.js', 'web/data/iris.csv',
                      'examples/course-page.html', 'examples/iframe-embed.html', 'tests/browser/webgpu.html',
                      'bench/bench.html', 'bench/bench_page.js', 'bench/webgpu.html', 'bench/webgpu_page.js'])
    await check(real, file, get('/' + file), 200);
  for (const dir of fs.readdirSync(path.join(repoRoot, 'shaders')).slice(0, 3))
    await check(real, 'shaders/' + dir, get('/shaders/' + dir), 200);
  await check(real, 'the real .git', get('/.git/HEAD'), 404);
  await check(real, 'the real CMakeLists.txt', get('/CMakeLists.txt'), 404);
  await check(real, 'the engine sources', get('/engine/links/config_text.cpp'), 404);
  await check(real, 'the web entry source', get('/web/main_web.cpp'), 404);
} finally {
  real.child.kill();
}
assert.equal(failures, 0, `${failures} answers were not as expected`);
console.log('server test passed');
