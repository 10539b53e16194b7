// The model families as tasks in the served page (the Models window became tasks in the main output
// area): each family opens from its example config's link and trains there, only the task on screen
// trains, the CNN learns the digits; user CSV files load or say which line is wrong; a .gz bomb stops at
// the size limit; the Fashion-MNIST subset is fetched on demand.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { exampleFragment, launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';
import { changedFraction, decodePng } from './png.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1280, height: 800 }, outDir });
// The output area right of the controls at 1280 x 800 (ui/widgets/layout.cpp).
const region = { x: 400, y: 40, width: 860, height: 740 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const models = (page) => page.evaluate(() => window.netlab.status().models);

async function openPage(page, fragment = '') {
  await page.goto('about:blank');
  await page.goto(server.url + '?autoplay=0' + (fragment ? '#' + fragment : ''));
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the app to start');
}

await test('every family opens from its example link and trains in the output area', async (page, errors) => {
  const families = [['rbm-digits', 'rbm', 'RBM'], ['dbn-digits', 'dbn', 'DBN'],
                    ['autoencoder-digits', 'autoencoder', 'Autoencoder'], ['vae-digits', 'vae', 'VAE'],
                    ['gan-ring', 'gan', 'GAN'], ['lstm-sine', 'sequence', 'RNN']];
  let previous = null;
  for (const [example, task, view] of families) {
    await openPage(page, exampleFragment(example));
    const status = await page.evaluate(() => window.netlab.status());
    assert.equal(status.task, task, `${example} opens the ${task} task`);
    await page.evaluate(() => window.netlab.setPlaying(true));
    const first = await waitFor(page, (v) => window.netlab.status().models.views[v], (s) => !!s, 10000, `the ${view} view`, view);
    await sleep(2500);
    const shot = decodePng(await page.screenshot({ clip: region, path: path.join(outDir, `models-${view.toLowerCase()}.png`) }));
    const after = (await models(page)).views;
    console.log(`  ${example}: ${JSON.stringify(after[view])}`);
    assert.deepEqual(Object.keys(after), [view], 'only the task on screen is built and trains');
    assert.notEqual(JSON.stringify(after[view]), JSON.stringify(first), `the ${view} numbers move while it trains`);
    if (previous) assert.ok(changedFraction(previous, shot) > 0.05, `the ${view} view replaces the previous one`);
    previous = shot;
  }
  // The RBM's numbers improve: an untrained RBM reconstructs a digit with an error of about 10 (64 pixels
  // near 0.5 off); CD-1 brings it under 4 within a few hundred updates.
  await openPage(page, exampleFragment('rbm-digits'));
  await page.evaluate(() => window.netlab.setPlaying(true));
  const rbm = await waitFor(page, () => window.netlab.status().models.views.RBM, (r) => r && r.updates > 400, 30000, 'RBM updates');
  assert.ok(rbm.reconstruction_error < 4, `the RBM reconstructs the test digits (${rbm.reconstruction_error})`);
  assert.deepEqual(errors, []);
});

await test('the old Models window names open their tasks, and the CNN learns the digits in the page', async (page, errors) => {
  await openPage(page);
  await page.evaluate(() => { window.netlab.setPlaying(true); window.netlab.openWindow('models/CNN'); });
  const cnn = await waitFor(page, () => window.netlab.status().run, (c) => c && c.test_accuracy >= 0.9,
                            90000, 'the CNN to reach 90% test accuracy on the digits');
  assert.equal((await page.evaluate(() => window.netlab.status())).task, 'classify');
  console.log(`  CNN: ${cnn.test_accuracy} test accuracy after ${cnn.epoch} epochs`);
  assert.deepEqual(errors, []);
});

await test('a malformed CSV names its bad line and keeps the data; a good CSV is trained on', async (page, errors) => {
  await openPage(page);
  await page.evaluate(() => { window.netlab.setPlaying(true); window.netlab.openWindow('models/RBM'); });
  await waitFor(page, () => window.netlab.status().models.views.RBM, (r) => r && r.updates > 0, 10000, 'the RBM to train');
  const load = (files) => page.evaluate((list) => window.netlab.loadModelsData(
    list.map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.text) }))), files);
  await load([{ name: 'bad.csv', text: 'a,b,label\n1,2,0\n3,x,1\n' }]);
  let status = await waitFor(page, () => window.netlab.status().models, (m) => m.error !== '', 5000, 'the CSV error');
  console.log(`  ${status.error}`);
  assert.match(status.error, /bad\.csv: line 3, column 2/);
  assert.equal(status.data, 'digits 8x8', 'the digits stay');
  const updates = status.views.RBM.updates;
  await sleep(500);
  assert.ok((await models(page)).views.RBM.updates > updates, 'training goes on after the bad file');

  // 4x4 "images": class 1 has the left half on, class 0 the right half; values 0..10 are scaled to [0, 1].
  let text = '';
  for (let i = 0; i < 100; ++i) {
    const label = i % 2;
    const pixels = Array.from({ length: 16 }, (_, p) => ((p % 4 < 2) === (label === 1) ? 10 : i % 3));
    text += `${pixels.join(',')},${label}\n`;
  }
  await load([{ name: 'halves.csv', text }]);
  status = await waitFor(page, () => window.netlab.status().models, (m) => m.data === 'halves.csv', 5000, 'the CSV to load');
  assert.equal(status.error, '');
  assert.equal(status.train, 80);
  assert.equal(status.test, 20);
  assert.match(status.notice, /scaled/);
  await waitFor(page, () => window.netlab.status().models.views.RBM, (r) => r && r.updates > 50, 10000,
                'the RBM to train on the CSV');
  await page.screenshot({ clip: region, path: path.join(outDir, 'models-csv.png') });
  assert.deepEqual(errors, []);
});

await test('a .gz bomb is refused at the 128 MB limit while unpacking and the data keeps training; a .gz CSV loads', async (page, errors) => {
  await openPage(page);
  await page.evaluate(() => { window.netlab.setPlaying(true); window.netlab.openWindow('models/RBM'); });
  await waitFor(page, () => window.netlab.status().models.views.RBM, (r) => r && r.updates > 0, 10000, 'the RBM to train');
  const load = (files) => page.evaluate((list) => window.netlab.loadModelsData(list.map((f) => ({
    name: f.name, bytes: Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) }))), files);
  // 129 MB of zeros, one more than kMaxDataFileBytes (engine/data/from_files.h), packs to about 130 KB.
  const bomb = zlib.gzipSync(Buffer.alloc(129 << 20), { level: 9 });
  assert.ok(bomb.length < 200000, `the bomb is ${bomb.length} bytes`);
  await load([{ name: 'bomb.csv.gz', base64: bomb.toString('base64') }]);
  const status = await waitFor(page, () => window.netlab.status().models, (m) => m.error !== '', 20000, 'the bomb to be refused');
  console.log(`  ${status.error}`);
  assert.match(status.error, /bomb\.csv\.gz unpacks to more than 128 MB/);
  assert.equal(status.data, 'digits 8x8', 'the digits stay');
  const updates = status.views.RBM.updates;
  await sleep(500);
  assert.ok((await models(page)).views.RBM.updates > updates, 'training goes on after the bomb');

  let text = 'x,y,label\n';
  for (let i = 0; i < 50; ++i) text += `${i % 7},${(i * 3) % 5},${i % 2}\n`;
  await load([{ name: 'small.csv.gz', base64: zlib.gzipSync(Buffer.from(text)).toString('base64') }]);
  const loaded = await waitFor(page, () => window.netlab.status().models, (m) => m.data === 'small.csv', 10000, 'the .gz CSV to load');
  assert.equal(loaded.error, '');
  assert.equal(loaded.train + loaded.test, 50);
  assert.deepEqual(errors, []);
});

await test('the Fashion-MNIST subset is fetched on demand and the models train on it', async (page, errors) => {
  await openPage(page);
  await page.evaluate(() => { window.netlab.setPlaying(true); window.netlab.openWindow('models/VAE'); });
  await sleep(500);
  assert.ok(await page.evaluate(() => window.netlab.setModelsData('Fashion-MNIST subset')));
  const status = await waitFor(page, () => window.netlab.status().models, (m) => m.data === 'Fashion-MNIST subset' || m.error,
                               30000, 'the subset to arrive');
  assert.equal(status.error, '');
  assert.equal(status.train, 3000);
  assert.equal(status.test, 1000);
  const vae = await waitFor(page, () => window.netlab.status().models.views.VAE, (v) => v && v.updates > 20, 30000,
                            'the VAE to train on 28x28 images');
  await page.screenshot({ clip: region, path: path.join(outDir, 'models-fashion.png') });
  console.log(`  VAE on Fashion-MNIST: ${JSON.stringify(vae)}`);
  // The classification task on the same subset, as a link names it.
  assert.ok(await page.evaluate(() => window.netlab.loadConfig(
    'task=classify&dataset=fashion&layers=conv:8:relu:3x3:s1:p1,maxpool:2x2:s2,conv:16:relu:3x3:s1:p1,maxpool:2x2:s2,' +
    '64:relu&initializer=he_normal&init_scale=1&optimizer=adam&learning_rate=0.003&batch_size=32')));
  await waitFor(page, () => window.netlab.status().run, (c) => c && c.test_accuracy > 0.5, 90000,
                'the CNN to pass 50% on Fashion-MNIST');
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
