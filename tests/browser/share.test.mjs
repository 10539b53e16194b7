// Share links in headless Chromium: two page loads of one link train identically step for step; the
// URL hash follows edits and Back/Forward restore them; truncated, garbled and hostile links leave a
// working default with a message; a z2 link is raw DEFLATE the browser unpacks; ?embed=1 gives the compact layout.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1000, height: 700 } });

// A fresh document each time (a goto that changes only the hash would not reload the page).
async function open(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  return waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the paused app');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await test('two loads of one link give identical losses for the first 40 steps', async (page, errors) => {
  const fragment = 'version=1&dataset=spiral&layers=6:relu,5:tanh&optimizer=adam&learning_rate=0.01&seed=77';
  const runs = [];
  for (let i = 0; i < 2; ++i) {
    await open(page, server.url + '?autoplay=0#' + fragment);
    runs.push(await page.evaluate(() => window.netlab.step(40)));
  }
  assert.equal(runs[0].length, 40);
  assert.deepEqual(runs[1], runs[0]);
  assert.ok(runs[0][39] < runs[0][0], `the loss falls (${runs[0][0]} -> ${runs[0][39]})`);
  // Not vacuous: another seed gives other losses.
  await open(page, server.url + '?autoplay=0#' + fragment.replace('seed=77', 'seed=78'));
  assert.notDeepEqual(await page.evaluate(() => window.netlab.step(40)), runs[0]);
  // And the link the page makes for itself restores the same config.
  const link = await page.evaluate(() => window.netlab.shareLink());
  const text = await page.evaluate(() => window.netlab.configText());
  await open(page, link.replace('#', '?autoplay=0#'));
  assert.equal(await page.evaluate(() => window.netlab.configText()), text);
  assert.deepEqual(errors, []);
});

await test('the hash follows edits, and Back/Forward restore them', async (page, errors) => {
  await open(page, server.url + '?autoplay=0#dataset=xor&seed=1');
  const configs = ['dataset=xor&seed=1', 'dataset=xor&seed=2&layers=3:relu', 'dataset=gaussians&seed=3'];
  for (const edit of configs.slice(1)) {
    await sleep(1100);  // edits within a second replace the history entry instead of adding one
    await page.evaluate((text) => window.netlab.editConfig(text), edit);
    // The edit applies on the next frame (a paused page draws one when called): wait for its link.
    const seed = /seed=(\d+)/.exec(edit)[0];
    const expected = await waitFor(page, () => window.netlab.shareLink().replace(/^[^#]*/, ''),
                                   (h) => h.includes(seed), 5000, `the link of ${edit}`);
    await waitFor(page, () => location.hash, (h) => h === expected, 5000, `hash ${expected}`);
  }
  const seedOf = () => /seed=(\d+)/.exec(window.netlab.configText())[1];
  assert.equal(await page.evaluate(seedOf), '3');
  await page.goBack();
  await waitFor(page, seedOf, (s) => s === '2', 5000, 'Back to seed 2');
  assert.match(await page.evaluate(() => window.netlab.configText()), /layers=3:relu/);
  await page.goBack();
  await waitFor(page, seedOf, (s) => s === '1', 5000, 'Back to seed 1');
  await page.goForward();
  await waitFor(page, seedOf, (s) => s === '2', 5000, 'Forward to seed 2');
  assert.deepEqual(errors, []);
});

// The same bytes as the engine test's bomb: a 3-byte seed, then copies that would expand past 64 KB.
const bomb = [2, 97, 61, 98];
for (let i = 0; i < 4000; ++i) bomb.push(0xff, 1, 0);
const bombLink = 'z1.' + Buffer.from(bomb).toString('base64url');

await test('truncated, garbled and hostile links give a message and the default playground', async (page, errors) => {
  const bad = ['z1.GHZlcnNpb249MSZkYXRhc2V0PXhvciZsYXmAGAAHPTg6cmVsdSyt', 'z1.%%%', 'learning_rate=%4',
               'layers=1000000000:relu', 'learning_rate=NaN', 'layers=' + '1:relu,'.repeat(2000), bombLink,
               'a'.repeat(20000)];
  for (const fragment of bad) {
    const s = await open(page, server.url + '?autoplay=0#' + fragment);
    assert.match(s.message, /Could not load/, fragment.slice(0, 40));
    assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=circle/);
    assert.ok((await page.evaluate(() => window.netlab.step(3))).every(Number.isFinite), 'still trains');
  }
  assert.deepEqual(errors, []);
});

await test('a z2 link is raw DEFLATE the browser itself unpacks, and a cut z2 link is refused', async (page, errors) => {
  const layers = Array.from({ length: 10 }, (_, i) => `${8 + i}:relu:bn`).join(',');
  await open(page, server.url + `?autoplay=0#dataset=spiral&layers=${layers}&seed=42`);
  const link = await page.evaluate(() => window.netlab.shareLink());
  const fragment = link.split('#')[1];
  const [prefix, length, crc, data] = fragment.split('.');
  assert.equal(prefix, 'z2', `a long config is compressed: ${fragment}`);
  assert.match(crc, /^[0-9a-f]{8}$/);
  // DecompressionStream('deflate-raw'), the browser's own RFC 1951 decoder, reads the data.
  const text = await page.evaluate(async (base64url) => {
    const bytes = Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
  }, data);
  assert.equal(new TextEncoder().encode(text).length, Number(length));
  assert.match(text, new RegExp(`layers=${layers}&seed=42$`));
  // Cut by a few characters or by half: refused with the reason, the default kept.
  for (const cut of [1, 2, 5, Math.floor(fragment.length / 2)]) {
    const s = await open(page, server.url + '?autoplay=0#' + fragment.slice(0, fragment.length - cut));
    assert.match(s.message, /Could not load.*cut off/, `cut ${cut}`);
    assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=circle/);
  }
  assert.deepEqual(errors, []);
});

await test('saved weights download and load back through the file picker, restoring the model', async (page, errors) => {
  await open(page, server.url + '?autoplay=0#dataset=spiral&layers=6:relu:bn,4:tanh&seed=12');
  await page.evaluate(() => window.netlab.step(60));
  const trained = await page.evaluate(() => window.netlab.status());
  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.netlab.saveWeights())]);
  assert.equal(download.suggestedFilename(), 'netlab-weights.nlw');
  const file = path.join(os.tmpdir(), `netlab-weights-${process.pid}.nlw`);
  await download.saveAs(file);
  assert.equal(fs.readFileSync(file).subarray(0, 8).toString('latin1'), 'NETLABW\n');

  await open(page, server.url + '?autoplay=0#dataset=xor');
  // A user gesture, which the browser requires for a file picker, on the Output window's title bar: a click
  // on the data plot (where it once was) paints a point, and when ImGui took it in a frame after the file
  // had loaded, that edit rebuilt the loaded model (the test then saw the untrained loss, 0.6803).
  const inert = { x: 900, y: 10 };
  await page.mouse.click(inert.x, inert.y);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.evaluate(() => window.netlab.openFile())]);
  await chooser.setFiles(file);
  const loaded = await waitFor(page, () => window.netlab.status(), (s) => /Loaded the saved model/.test(s.message),
                               10000, 'the weights to load');
  assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=spiral/);
  assert.equal(loaded.train_loss, trained.train_loss, 'the same model gives the same loss');
  assert.equal(loaded.test_accuracy, trained.test_accuracy);

  // A damaged file is refused with a message; the loaded model stays.
  const damaged = file + '.cut';
  fs.writeFileSync(damaged, fs.readFileSync(file).subarray(0, 100));
  await page.mouse.click(inert.x, inert.y);
  const [again] = await Promise.all([page.waitForEvent('filechooser'), page.evaluate(() => window.netlab.openFile())]);
  await again.setFiles(damaged);
  await waitFor(page, () => window.netlab.status(), (s) => /Could not load those weights/.test(s.message), 10000,
                'a message about the damaged file');
  assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=spiral/);
  fs.rmSync(file);
  fs.rmSync(damaged);
  assert.deepEqual(errors, []);
});

// Every task that keeps weights saves them in the page; the file reopens in the page on the same model
// and in the command line (the same engine for node), whose report line is the page's to the bit.
await test('a VAE trained in the page saves its weights; they reopen in the page and in the command line', async (page, errors) => {
  const example = fs.readFileSync(path.join(repoRoot, 'examples/configs/vae-digits.cfg'), 'utf8')
    .split('\n').filter((l) => l.trim() && !l.startsWith('#')).join('&');
  const ready = () => waitFor(page, () => window.netlab.reportLine(), (line) => line.startsWith('step=0'), 30000,
                              'the run on its data');
  await open(page, server.url + '?autoplay=0#' + example);
  const untrained = await ready();
  await page.evaluate(() => window.netlab.step(60));
  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.netlab.saveWeights())]);
  const file = path.join(os.tmpdir(), `netlab-vae-${process.pid}.nlw`);
  await download.saveAs(file);
  await open(page, server.url + '?autoplay=0#dataset=xor');
  await page.mouse.click(900, 10);  // a user gesture for the file picker, on the Output window's title bar
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.evaluate(() => window.netlab.openFile())]);
  await chooser.setFiles(file);
  await waitFor(page, () => window.netlab.status(), (s) => /Loaded the saved/.test(s.message), 10000, 'the weights');
  assert.equal((await page.evaluate(() => window.netlab.status())).task, 'vae');
  const reopened = await ready();
  assert.notEqual(reopened, untrained, 'the reopened model is the trained one, not a fresh one');
  const cli = execFileSync('node', ['--no-experimental-fetch', path.join(repoRoot, 'build-web/netlab-headless.js'),
                                    '--weights', file, '--headless', '--steps', '0'],
                           { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop();
  assert.equal(reopened, cli, 'the command line reads the same model from the file');
  fs.rmSync(file);
  assert.deepEqual(errors, []);
});

await test('an iframe with ?embed=1 shows the compact playground filling its box', async (page, errors) => {
  await page.goto(server.url + 'examples/iframe-embed.html');
  const frame = page.frameLocator('#demo');
  await frame.locator('#canvas').waitFor();
  const inner = page.frames().find((f) => f.url().includes('embed=1'));
  const s = await waitFor(inner, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the framed app');
  assert.equal(s.embedded, true);
  assert.equal(s.playing, false);
  assert.match(await inner.evaluate(() => window.netlab.configText()), /dataset=xor/);
  const box = await page.locator('#demo').evaluate((f) => [f.clientWidth, f.clientHeight]);
  assert.deepEqual(await inner.evaluate(() => [window.netlab.module.canvas.clientWidth,
                                               window.netlab.module.canvas.clientHeight]), box);
  assert.deepEqual(errors, []);
});

await test('?embed=1 and layout=compact use the compact layout', async (page, errors) => {
  const s = await open(page, server.url + '?embed=1&autoplay=0#dataset=xor');
  assert.equal(s.embedded, true);
  const full = await open(page, server.url + '?autoplay=0#dataset=xor');
  assert.equal(full.embedded, false);
  // The compact view can also travel in the link itself (layout=compact).
  const compact = await open(page, server.url + '?autoplay=0#dataset=xor&layout=compact');
  assert.equal(compact.embedded, true);
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
