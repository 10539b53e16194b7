// The workbench in the page, as a teacher uses it: build a CNN by clicking in the Network panel (add a
// convolution, change its filters, add pooling), train it on the digits to 95%, copy its link, open the
// link in a fresh page and see the same first losses; a stack that cannot work is refused with the
// layer it names while the last good model keeps training.
import assert from 'node:assert/strict';
import path from 'node:path';
import { clickRect, launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1280, height: 800 }, outDir });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function open(page, fragment) {
  await page.goto('about:blank');
  await page.goto(server.url + '?autoplay=0#' + fragment);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.task !== undefined, 30000, 'the app');
}

// Opens `fragment`, plays it, and waits until the run has taken more than `steps` steps.
async function openTraining(page, fragment, steps) {
  await open(page, fragment);
  await page.evaluate(() => window.netlab.setPlaying(true));
  await waitFor(page, () => window.netlab.status().run, (c) => c && c.step > steps, 20000, 'training');
}

async function rectOf(page, name) {
  return waitFor(page, (n) => window.netlab.itemRect(n), (r) => r !== null, 10000, `the item "${name}"`, name);
}

const click = async (page, name) => clickRect(page, await rectOf(page, name));

// A drag field takes typed text after a double click: select what is there, type, Enter.
async function type(page, name, text) {
  const r = await rectOf(page, name);
  await page.mouse.dblclick(r.x + r.width / 2, r.y + r.height / 2);
  await sleep(300);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await sleep(400);
}

const layers = (page) => page.evaluate(() => /(?:^|&)layers=([^&]*)/.exec(window.netlab.configText())[1]);

await test('a CNN built by clicking learns the digits, and its link reproduces the first losses', async (page, errors) => {
  // Start from an MLP on the digits, as the Task combo's classification would with one dense layer.
  await open(page, 'task=classify&dataset=digits&layers=32:relu&initializer=he_normal&init_scale=1&optimizer=adam&' +
                   'learning_rate=0.003&batch_size=32&seed=6');
  assert.equal(await layers(page), '32:relu');
  await click(page, 'stack add conv');  // goes before the dense layer
  await waitFor(page, () => window.netlab.configText(), (t) => t.includes('conv:8'), 5000, 'the conv layer');
  await type(page, 'stack units 1', '12');
  await waitFor(page, () => window.netlab.configText(), (t) => t.includes('conv:12:relu'), 5000, '12 filters');
  await click(page, 'stack add maxpool');
  const built = await layers(page);
  console.log(`  built by clicking: layers=${built}`);
  assert.equal(built, 'conv:12:relu:3x3:s1:p1,maxpool:2x2:s2,32:relu');
  await page.evaluate(() => window.netlab.setPlaying(true));
  const trained = await waitFor(page, () => window.netlab.status().run, (c) => c && c.test_accuracy >= 0.95, 120000,
                                'the CNN to reach 95% test accuracy on the digits');
  console.log(`  ${trained.test_accuracy} test accuracy after ${trained.epoch.toFixed(1)} epochs`);
  await page.screenshot({ path: path.join(outDir, 'workbench-cnn.png') });
  const first = trained.first_losses;
  assert.equal(first.length, 10);
  const link = await page.evaluate(() => window.netlab.shareLink());
  assert.match(link, /task=classify/);

  const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await fresh.goto(link.replace('#', '?autoplay=0#'));
  await waitFor(fresh, () => window.netlab && window.netlab.status(), (s) => s.task === 'classify', 30000, 'the link');
  assert.equal(await layers(fresh), built);
  await fresh.evaluate(() => window.netlab.setPlaying(true));
  const again = await waitFor(fresh, () => window.netlab.status().run, (c) => c && c.first_losses.length === 10, 30000,
                              'ten steps in the fresh page');
  assert.deepEqual(again.first_losses, first, 'the same link and seed give the same first losses');
  await fresh.close();
  // Not vacuous: another seed starts elsewhere (a hand-edited link drops its check entry, docs/config.md).
  await open(page, link.replace(/^[^#]*#/, '').replace(/(^|&)check=[^&]*/, '').replace(/seed=6/, 'seed=7'));
  await page.evaluate(() => window.netlab.setPlaying(true));
  const other = await waitFor(page, () => window.netlab.status().run, (c) => c && c.first_losses.length === 10, 30000,
                              'another seed');
  assert.notDeepEqual(other.first_losses, first);
  assert.deepEqual(errors, []);
});

await test('an impossible stack is refused with the layer it names and the last model keeps training', async (page, errors) => {
  // 8x8 -> conv 3x3 -> 6x6 -> pool 2 -> 3x3 -> conv 3x3 -> 1x1: fits; a 5x5 kernel on the 3x3 map does not.
  await openTraining(page, 'task=classify&dataset=digits&layers=conv:4:relu:3x3:s1:p0,maxpool:2x2:s2,conv:4:relu:3x3:s1:p0,16:relu',
                     20);
  const before = await layers(page);
  await type(page, 'stack kernel 3', '5');
  const status = await waitFor(page, () => window.netlab.status(), (s) => s.message !== '', 5000, 'the refusal');
  console.log(`  ${status.message}`);
  assert.match(status.message, /Layer 3 \(conv 4 5x5/);
  assert.equal(await layers(page), before, 'the config is the last good one');
  const step = status.run.step;
  await sleep(1000);
  assert.ok((await page.evaluate(() => window.netlab.status().run.step)) > step, 'the last good model keeps training');
  assert.deepEqual(errors, []);
});

await test('the Model tab shows a residual convolution\'s filters and its block\'s feature maps', async (page, errors) => {
  // conv 1 is plain; conv 2 is wrapped in a residual skip (y = x + F(x)), which the view reaches through
  // the block (conv/feature_maps.h): its maps are noted as "residual feature maps 2".
  await openTraining(page, 'task=classify&dataset=digits&layers=conv:4:relu:3x3:s1:p1,conv:4:tanh:3x3:s1:p1:res,' +
                           'maxpool:2x2:s2,16:relu&view=model', 20);
  const plain = await rectOf(page, 'feature maps 1');
  const residual = await rectOf(page, 'residual feature maps 2');
  console.log(`  maps of conv 1 at ${JSON.stringify(plain)}, of the residual conv 2 at ${JSON.stringify(residual)}`);
  // Four 8x8 maps each (padding 1 keeps the side), drawn below the first convolution's.
  assert.ok(residual.width > 0 && residual.height > 0, 'the residual block\'s maps are drawn');
  assert.ok(residual.y > plain.y, 'after the first convolution\'s');
  assert.equal(await page.evaluate(() => window.netlab.itemRect('feature maps 2')), null, 'conv 2 is named residual');
  await page.evaluate(() => window.netlab.setPlaying(false));
  await twoFrames(page);
  await page.screenshot({ path: path.join(outDir, 'workbench-model-residual.png') });
  const found = layoutProblems(await page.evaluate(() => window.netlab.layoutReport()), 'model tab');
  assert.ok(found.length === 0, found.join('\n'));
  assert.deepEqual(errors, []);
});

await test('a classification stack has the Layers and Gradient check tabs and the hyperparameter search', async (page, errors) => {
  await openTraining(page, 'task=classify&dataset=digits&optimizer=sgd&learning_rate=0.1&batch_size=16&' +
                           'layers=conv:4:tanh:3x3:s1:p1,maxpool:2x2:s2,16:tanh', 50);
  await click(page, 'task tab gradient_check');
  await click(page, 'Run gradient check');
  // 1·9·4+4 + (4·4·4)·16+16 + 16·10+10 = 40 + 1040 + 170 = 1250 parameters, twice (inference and training mode).
  const check = await waitFor(page, () => window.netlab.status().models.gradient_check, (g) => g.state === 'done',
                              60000, 'the gradient check');
  console.log(`  gradient check: ${JSON.stringify(check)}`);
  assert.equal(check.total, 2 * 1250);
  assert.ok(check.worst < 1e-2, `backprop agrees with finite differences (worst ${check.worst})`);
  await click(page, 'task tab layers');
  await sleep(1500);
  await page.screenshot({ path: path.join(outDir, 'workbench-layers.png') });
  const report = await page.evaluate(() => window.netlab.layoutReport());
  assert.deepEqual(report.overlaps, [], 'no text over text in the Layers tab');
  // The search trains trials on 80% of the training set; its best config loads back into the task.
  await page.evaluate(() => window.netlab.setPlaying(false));
  await click(page, 'task search');
  await click(page, 'Start search');
  await waitFor(page, () => window.netlab.itemRect('Cancel search'), (r) => r !== null, 10000, 'the search to start');
  await waitFor(page, () => window.netlab.itemRect('Cancel search'), (r) => r === null, 240000, 'the search to finish');
  await click(page, 'Apply best');
  const text = await page.evaluate(() => window.netlab.configText());
  const setting = (key) => (new RegExp(`(?:^|&)${key}=([^&]*)`).exec(text) || [])[1];
  assert.equal(setting('task'), 'classify', 'the search result is a classification config');
  const rows = setting('layers').split(',');
  assert.equal(rows.length, 3, 'the stack keeps its rows');
  assert.match(rows[0], /^conv:4:/, 'the convolution keeps its 4 filters');
  const units = Number(rows[2].split(':')[0]);
  assert.ok(units >= 2 && units <= 32, `the dense row's width ${units} is in the searched range`);
  assert.deepEqual(errors, []);
});

await test('Netlab.mount takes a version-2 config: an embedded classification task trains as the full page does', async (page, errors) => {
  const fragment = 'task=classify&dataset=digits&layers=conv:4:relu:3x3:s1:p1,16:relu&seed=5';
  await open(page, fragment);
  await page.evaluate(() => window.netlab.setPlaying(true));
  const full = await waitFor(page, () => window.netlab.status().run, (c) => c && c.first_losses.length === 10, 30000,
                             'the full page\'s first losses');
  await page.goto('about:blank');
  await page.goto(server.url + 'examples/course-page.html?autoplay=0');
  await waitFor(page, async () => (await window.demos).length, (n) => n === 3, 60000, 'the course page');
  const embedded = await page.evaluate(async (config) => {
    const box = document.createElement('div');
    box.style.cssText = 'width: 640px; height: 480px';
    document.body.append(box);
    window.classifier = await Netlab.mount(box, { config, autoplay: false });
    window.classifier.setPlaying(true);
    return window.classifier.status().task;
  }, fragment);
  assert.equal(embedded, 'classify');
  const status = await waitFor(page, () => window.classifier.status().run, (c) => c && c.first_losses.length === 10,
                               30000, 'the embedded task\'s first losses');
  assert.deepEqual(status.first_losses, full.first_losses, 'the same config trains the same in an embed');
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
