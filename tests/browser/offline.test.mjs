// Works offline after the first visit (issue 17): the packaged folder (scripts/package) served under
// /courses/dl/netlab/; a first visit installs the service worker (netlab-sw.js) and caches the build;
// with the server stopped (a real network failure: the port refuses connections) a reload still starts
// the playground and trains; after a rebuild (a changed page file, re-stamped by
// scripts/stamp-web-version, served again on the same origin) the next visit installs the new build,
// which replaces the old one's cache and is what a later offline reload runs.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repoRoot, waitFor } from './browser.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netlab-offline-'));
const prefix = 'courses/dl/netlab/';
const site = path.join(tmp, 'site');
const folder = path.join(site, prefix);

// web/serve.mjs on the packaged site; `port` 0 picks a free one, a number restarts on the same origin.
function serve(port) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'web/serve.mjs'), String(port), site],
                        { env: { ...process.env, NETLAB_SERVE: 'site', NETLAB_ISOLATION: 'on' } });
    child.stdout.on('data', (chunk) => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(chunk));
      if (match) resolve({ port: Number(match[1]), url: match[0], stop: async () => { child.kill(); await once(child, 'exit'); } });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const versionOf = () => /version: '([0-9a-f]+)'/.exec(fs.readFileSync(path.join(folder, 'web/dist/netlab-version.js'), 'utf8'))[1];
const ready = (page) => waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.step === 0, 60000, 'the paused playground');

async function trainsOffline(page, errors) {
  await page.reload();
  await ready(page);
  const losses = await page.evaluate(() => window.netlab.step(20));
  assert.equal(losses.length, 20);
  assert.ok(losses.every(Number.isFinite), `finite losses: ${losses}`);
  assert.deepEqual(errors, []);
}

let failed = false;
let server;
let browser;
try {
  execFileSync(path.join(repoRoot, 'scripts/package'), [tmp], { stdio: 'inherit' });
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  fs.renameSync(path.join(tmp, 'netlab'), folder);
  const first = versionOf();
  server = await serve(0);
  const url = server.url + prefix + '?autoplay=0#dataset=xor&seed=4';
  browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(url);
  await ready(page);
  const scope = server.url + prefix;
  let keys = await waitFor(page, () => (navigator.serviceWorker.controller ? caches.keys() : null),
                           (k) => Array.isArray(k) && k.length === 1, 60000, 'the service worker with the build cached');
  assert.deepEqual(keys, [`netlab ${scope} ${first}`]);
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  assert.equal(manifest.start_url, './');
  console.log(`ok - the first visit under /${prefix} caches build ${first}`);

  await server.stop();
  await assert.rejects(fetch(scope), 'the server is down');
  await trainsOffline(page, errors);
  assert.equal(await page.evaluate(() => window.netlab.build), 'web/dist/netlab-threads.js');  // cached headers keep isolation
  console.log('ok - with the server stopped a reload starts the playground and trains');

  // A rebuild: one page file changes, the stamp gives a new version.
  fs.appendFileSync(path.join(folder, 'web/netlab-page.js'), '\n// rebuilt for the offline test\n');
  execFileSync(path.join(repoRoot, 'scripts/stamp-web-version'), [folder]);
  const second = versionOf();
  assert.notEqual(second, first);
  server = await serve(server.port);
  await page.goto(url.replace('?autoplay=0', '?autoplay=0&visit=2'));  // a new query: a real navigation, not a fragment jump
  await ready(page);
  keys = await waitFor(page, () => (navigator.serviceWorker.controller ? caches.keys() : null),
                       (k) => Array.isArray(k) && k.length === 1 && k[0].endsWith(' ' + second), 60000, 'the new build cached');
  assert.deepEqual(keys, [`netlab ${scope} ${second}`]);  // the old build's cache is gone
  await server.stop();
  server = null;
  await trainsOffline(page, errors);
  const script = await page.evaluate(async () => (await fetch('web/netlab-page.js')).text());
  assert.match(script, /rebuilt for the offline test/);
  console.log(`ok - the rebuilt version ${second} replaces ${first} on the next visit and runs offline`);
} catch (error) {
  failed = true;
  console.log(`not ok - offline\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
} finally {
  if (browser) await browser.close();
  if (server) await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
