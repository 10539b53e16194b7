// The Models window in the served page: it starts closed (costing the playground nothing), opens, and
// every tab draws and trains on the embedded digits; the CNN learns them; user CSV files load or say
// which line is wrong; a .gz bomb stops at the size limit; the Fashion-MNIST subset is fetched on demand.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';
import { changedFraction, decodePng } from './png.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1280, height: 800 }, outDir });
// ui/model_tabs/models_window.cpp places the window at (width - 370, height - 470), 360 x 460.
const region = { x: 910, y: 330, width: 360, height: 460 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const models = (page) => page.evaluate(() => window.netlab.status().models);

async function openPage(page) {
  await page.goto(server.url + '?autoplay=0');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the app to start');
}

async function clickTab(page, name) {
  const rect = await waitFor(page, (n) => window.netlab.itemRect(`models tab ${n}`), (r) => r !== null, 10000,
                             `the ${name} tab`, name);
  // As a hand clicks: over the tab first, then a press and a release that frames see apart (Dear ImGui
  // 1.86 has no input queue; a press and release inside one slow frame can be missed by a tab).
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await sleep(200);
  await page.mouse.down();
  await sleep(200);
  await page.mouse.up();
  await waitFor(page, () => window.netlab.status().models.view, (v) => v === name, 5000, `the ${name} tab to open`);
}

await test('the Models window opens and its RBM trains on the embedded digits', async (page, errors) => {
  await openPage(page);
  await sleep(500);
  const closed = decodePng(await page.screenshot({ clip: region }));
  assert.deepEqual((await models(page)).views, {}, 'nothing is built before the window opens');
  await page.evaluate(() => window.netlab.openWindow('models'));  // as the "Models" button does
  await sleep(1500);
  const opened = decodePng(await page.screenshot({ clip: region }));
  const first = await models(page);
  await sleep(2000);
  const later = decodePng(await page.screenshot({ clip: region, path: path.join(outDir, 'models.png') }));
  const after = await models(page);
  const opening = changedFraction(closed, opened), training = changedFraction(opened, later);
  console.log(`  opening changed ${(100 * opening).toFixed(1)}% of the window's pixels, 2 s of training ` +
              `${(100 * training).toFixed(1)}%; RBM updates ${first.views.RBM.updates} -> ${after.views.RBM.updates}, ` +
              `reconstruction error ${after.views.RBM.reconstruction_error}`);
  assert.equal(after.data, 'digits 8x8');
  assert.equal(after.train + after.test, 1797);
  assert.ok(opening > 0.3, 'the window opens over the region');
  assert.ok(training > 0.01, 'filters and dreams change while the RBM trains');
  assert.ok(after.views.RBM.updates > first.views.RBM.updates, 'the RBM keeps training');
  // An untrained RBM reconstructs a digit with an error of about 10 (64 pixels near 0.5 off); CD-1
  // brings it under 4 within a few hundred updates.
  assert.ok(after.views.RBM.reconstruction_error < 4, 'the RBM reconstructs the test digits');
  assert.deepEqual(errors, []);
});

await test('every tab draws its model and trains it', async (page, errors) => {
  await openPage(page);
  await page.evaluate(() => window.netlab.openWindow('models'));
  await sleep(1000);
  // Every tab must be there: a missing one fails here instead of silently going untested.
  const tabs = ['RBM', 'DBN', 'CNN', 'VAE', 'GAN', 'RNN'];
  const found = [];
  for (const name of tabs)
    if (await page.evaluate((n) => window.netlab.itemRect(`models tab ${n}`), name)) found.push(name);
  assert.deepEqual(found, tabs, `tabs found: ${found}`);
  let previous = decodePng(await page.screenshot({ clip: region }));
  for (const name of tabs) {
    await clickTab(page, name);
    await sleep(1000);
    const first = JSON.stringify((await models(page)).views[name]);
    await sleep(2000);
    const view = decodePng(await page.screenshot({ clip: region, path: path.join(outDir, `models-${name.toLowerCase()}.png`) }));
    const status = (await models(page)).views[name];
    console.log(`  ${name}: ${JSON.stringify(status)}`);
    assert.notEqual(JSON.stringify(status), first, `the ${name} tab's numbers move while it trains`);
    assert.ok(changedFraction(previous, view) > 0.05, `the ${name} view replaces the previous one`);
    previous = view;
  }
  // The DBN tab pretrained while it was open: some epochs done, PCA's error known from the start.
  const dbn = (await models(page)).views.DBN;
  assert.ok(dbn.pretrain_epochs > 0 || dbn.phase === 'finetune', `the DBN trained: ${JSON.stringify(dbn)}`);
  assert.ok(dbn.pca_error > 0, 'PCA reconstructs the test digits with some error');
  assert.deepEqual(errors, []);
});

await test('the CNN learns the digits in the page', async (page, errors) => {
  await openPage(page);
  await page.evaluate(() => window.netlab.openWindow('models/CNN'));
  const cnn = await waitFor(page, () => window.netlab.status().models.views.CNN, (c) => c && c.test_accuracy >= 0.9,
                            90000, 'the CNN to reach 90% test accuracy on the digits');
  console.log(`  CNN: ${cnn.test_accuracy} test accuracy after ${cnn.epochs} epochs`);
  assert.deepEqual(errors, []);
});

await test('a malformed CSV names its bad line and keeps the data; a good CSV is trained on', async (page, errors) => {
  await openPage(page);
  await page.evaluate(() => window.netlab.openWindow('models/RBM'));
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
  await page.evaluate(() => window.netlab.openWindow('models/RBM'));
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
  await page.evaluate(() => window.netlab.openWindow('models/VAE'));
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
  await clickTab(page, 'CNN');
  await waitFor(page, () => window.netlab.status().models.views.CNN, (c) => c && c.test_accuracy > 0.5, 90000,
                'the CNN to pass 50% on Fashion-MNIST');
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
