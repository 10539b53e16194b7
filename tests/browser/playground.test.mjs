// End to end in headless Chromium: the served page loads the WASM app, trains on its own, the test loss
// falls below a threshold in bounded time, the frame rate stays usable, and a screenshot is saved.
// Also: a browser without WebGL2 gets a clear message instead of a blank page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1280, height: 800 }, outDir });

await test('the playground trains in the page and its test loss falls', async (page, errors) => {
  // Circle data, default network: a logistic loss of 0.693 is chance level; 0.25 means it separates.
  // ?redraw=full: paused and training frames both redraw the whole canvas, so their rates compare the
  // training's share of a frame (with partial redraw a paused frame redraws nothing and costs far less).
  await page.goto(server.url + '?autoplay=0&redraw=full');
  const first = await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000,
                              'the app to start, paused');
  assert.equal(first.playing, false);
  assert.ok(first.test_loss > 0.5, `starts untrained (test loss ${first.test_loss})`);
  // Frame rate while paused, the yardstick for the one while training: headless Chromium renders with
  // SwiftShader on a shared CPU, so absolute fps here (about 10 when measured) says nothing about a
  // real browser's 60, but training must not take a large share of each frame (it is time-budgeted).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const pausedFps = (await page.evaluate(() => window.netlab.status())).fps;
  await page.evaluate(() => window.netlab.setPlaying(true));
  await waitFor(page, () => window.netlab.status(), (s) => s.playing && s.step > 0, 10000, 'training to start');
  const started = Date.now();
  const trained = await waitFor(page, () => window.netlab.status(), (s) => s.test_loss !== null && s.test_loss < 0.25,
                                60000, 'test loss < 0.25');
  console.log(`  trained in ${Date.now() - started} ms: step ${trained.step}, test loss ${trained.test_loss}, ` +
              `accuracy ${trained.test_accuracy}, ${trained.fps} fps (${pausedFps} fps paused)`);
  assert.ok(trained.test_accuracy >= 0.9, `accuracy ${trained.test_accuracy}`);
  assert.ok(trained.fps >= 0.5 * pausedFps, `${trained.fps} fps while training, ${pausedFps} fps paused`);
  assert.equal(await page.locator('#overlay').isHidden(), true, 'loading overlay is gone');
  await page.screenshot({ path: path.join(outDir, 'playground.png') });
  assert.deepEqual(errors, []);
});

await test('after early stopping the page stops stepping and keeps its loss curve', async (page, errors) => {
  // Patience 1 on a noisy spiral with a validation split: early stopping fires within a few epochs.
  await page.goto(server.url + '#dataset=spiral&noise=0.5&validation_fraction=0.3&patience=1&learning_rate=0.1');
  const stopped = await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.stopped_early, 60000,
                                'early stopping');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const later = await page.evaluate(() => window.netlab.status());
  assert.equal(later.step, stopped.step, 'no more steps');
  assert.ok(later.history <= stopped.history + 1, `history grew from ${stopped.history} to ${later.history}`);
  assert.deepEqual(errors, []);
});

await test('a share-link config in the URL hash is loaded', async (page) => {
  await page.goto(server.url + '#dataset=xor&layers=8:relu,8:relu&initializer=he_uniform&seed=4');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 30000, 'training');
  const text = await page.evaluate(() => window.netlab.configText());
  assert.match(text, /dataset=xor/);
  assert.match(text, /layers=8:relu,8:relu/);
});

await test('a broken link shows a message and keeps a working default', async (page) => {
  await page.goto(server.url + '#layers=1000000000:relu&learning_rate=nan');
  const s = await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 30000, 'training');
  assert.match(s.message, /Could not load/);
  assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=circle/);
});

await test('a cross-origin isolated page runs the pthreads build with one GEMM thread per core, up to 4', async (page) => {
  await page.goto(server.url);
  const s = await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 30000, 'training');
  const info = await page.evaluate(() => ({ build: window.netlab.build, threads: window.netlab.gemmThreads(),
                                            cores: navigator.hardwareConcurrency, isolated: crossOriginIsolated }));
  assert.equal(info.isolated, true);
  assert.equal(info.build, 'web/dist/netlab-threads.js');
  assert.equal(info.threads, Math.min(4, info.cores));
  assert.ok(s.test_loss !== null);
});

// Where the page is cross-origin isolated the playground trains on a thread of its own (no step holds a
// frame: engine/pacing/background_training.h); the trainer comes back for a pause, a step and an edit.
await test('an isolated page trains on its own thread and hands the trainer back to pause, step and edit', async (page, errors) => {
  await page.goto(server.url + '#dataset=xor&seed=3');
  const training = await waitFor(page, () => window.netlab && window.netlab.status(),
                                 (s) => s.training_thread && s.step > 20, 30000, 'training on its thread');
  assert.equal(training.playing, true);
  await page.evaluate(() => window.netlab.setPlaying(false));
  const paused = await waitFor(page, () => window.netlab.status(), (s) => !s.training_thread, 5000, 'the trainer back');
  const losses = await page.evaluate(() => window.netlab.step(3));
  assert.equal(losses.length, 3);
  assert.equal((await page.evaluate(() => window.netlab.status())).step, paused.step + 3, 'exactly the 3 steps asked for');
  // A live edit while the thread trains reaches the trainer: its history records the new learning rate.
  await page.evaluate(() => window.netlab.setPlaying(true));
  await waitFor(page, () => window.netlab.status(), (s) => s.training_thread, 5000, 'the thread again');
  const text = await page.evaluate(() => window.netlab.configText());
  assert.ok(await page.evaluate((t) => window.netlab.editConfig(t), text.replace(/learning_rate=[^&]*/, 'learning_rate=0.0123')));
  const edited = await page.evaluate(() => window.netlab.status().step);
  await waitFor(page, () => window.netlab.status(), (s) => s.training_thread && s.step > edited + 20, 20000, 'steps after the edit');
  const rows = (await page.evaluate(() => window.netlab.historyCsv())).trim().split('\n');
  const header = rows[0].split(',');
  const last = rows[rows.length - 1].split(',');
  assert.equal(Number(last[header.indexOf('learning_rate')]).toFixed(4), '0.0123', rows[rows.length - 1]);
  assert.deepEqual(errors, []);
});

await test('a page that is not cross-origin isolated falls back to the single-threaded build', async (page) => {
  // Serve the same files without the COOP/COEP headers that web/serve.mjs adds.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto(server.url);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 30000, 'training');
  const info = await page.evaluate(() => ({ build: window.netlab.build, threads: window.netlab.gemmThreads(),
                                            isolated: crossOriginIsolated }));
  assert.deepEqual(info, { build: 'web/dist/netlab.js', threads: 1, isolated: false });
  assert.equal((await page.evaluate(() => window.netlab.status())).training_thread, false, 'training is budgeted per frame');
});

await test('without WebGL2 the page says so instead of staying blank', async (page) => {
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  });
  await page.goto(server.url);
  await waitFor(page, () => window.netlabError, (e) => !!e, 10000, 'an error message');
  assert.match(await page.locator('#overlay').textContent(), /WebGL2/);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
