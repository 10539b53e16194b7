// Data out of the page (issue 17): the WASM build's ONNX export runs in ONNX Runtime (onnxruntime-node
// from tests/export) and classifies the page's test points exactly as the page says it does; the history
// CSV has one row per reported step; the data CSV has every point.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { clickItem, exampleFragment, launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const ort = createRequire(path.join(repoRoot, 'tests/export/package.json'))('onnxruntime-node');
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1000, height: 700 } });

const rows = (csv) => csv.trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
const python = '/usr/bin/python3';

// Clicks the Export PyTorch button named `item`, unzips the download with Python's own reader, and runs
// its train.py for `steps` steps; the report lines, and the folder to remove.
async function trainExported(page, item, steps) {
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, item, 20000)]);
  assert.equal(download.suggestedFilename(), 'netlab-pytorch.zip');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netlab-pytorch-'));
  await download.saveAs(path.join(dir, 'export.zip'));
  execFileSync(python, ['-m', 'zipfile', '-e', path.join(dir, 'export.zip'), dir]);
  const script = path.join(dir, 'netlab-pytorch', 'train.py');
  const lines = execFileSync(python, [script, '--steps', String(steps), '--report-every', '10'], { encoding: 'utf8' });
  return { lines: lines.trim().split('\n'), dir };
}

// netlab-headless's report lines for a config file.
const headless = (config, steps) => execFileSync(path.join(repoRoot, 'build/netlab-headless'),
  ['--headless', '--steps', String(steps), '--report-every', '10', config],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');

// Same steps (and epochs, where `epochs`); losses to the 1e-4 the export promises (printed rounding aside).
function sameReports(torch, netlab, epochs) {
  assert.equal(torch.length, netlab.length, `${torch.join('\n')}\nagainst\n${netlab.join('\n')}`);
  const fields = (line) => Object.fromEntries(line.split(' ').map((kv) => kv.split('=')));
  torch.forEach((line, i) => {
    const a = fields(line), b = fields(netlab[i]);
    assert.equal(a.step, b.step);
    if (epochs) assert.equal(a.epoch, b.epoch);
    for (const key of ['train_loss', 'test_loss'])
      if (b[key] !== undefined && b[key] !== 'null')
        assert.ok(Math.abs(a[key] - b[key]) <= 1e-4 * Math.abs(b[key]) + 1e-6, `${key} at step ${a.step}: ${a[key]} against ${b[key]}`);
  });
}

await test('the page exports an ONNX model that ONNX Runtime runs to the page\'s own test accuracy', async (page, errors) => {
  const fragment = 'dataset=xor&noise=0.3&layers=6:relu:bn,5:gelu:ln:res,4:prelu:hw&loss=softmax_ce&seed=5';
  await page.goto(server.url + '?autoplay=0#' + fragment);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the paused app');
  await page.evaluate(() => window.netlab.step(200));
  const status = await page.evaluate(() => window.netlab.status());
  const onnx = Buffer.from(await page.evaluate(() => window.netlab.exportOnnxBase64()), 'base64url');
  assert.ok(onnx.length > 100, `ONNX bytes: ${onnx.length}`);
  const points = rows(await page.evaluate(() => window.netlab.datasetCsv()));
  const test = points.filter((r) => r[3] === 1);
  assert.equal(points.length, 500);  // the default samples=500, train and test together
  const session = await ort.InferenceSession.create(onnx);
  const input = new Float32Array(test.flatMap((r) => [r[0], r[1]]));
  const { prediction } = await session.run({ points: new ort.Tensor('float32', input, [test.length, 2]) });
  assert.deepEqual(prediction.dims, [test.length, 2]);
  let correct = 0;
  test.forEach((r, i) => { correct += (prediction.data[2 * i + 1] > prediction.data[2 * i] ? 1 : 0) === r[2]; });
  // The page evaluates the same trained network on the same points: its accuracy, to the count.
  const accuracy = status.test_accuracy ?? status.testAccuracy;
  assert.ok(Number.isFinite(accuracy), `status has a test accuracy: ${JSON.stringify(status)}`);
  assert.equal(Math.round(accuracy * test.length), correct);
  assert.ok(correct / test.length > 0.7, `trained past chance: ${correct}/${test.length}`);
  const history = (await page.evaluate(() => window.netlab.historyCsv())).trim().split('\n');
  assert.match(history[0], /^step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,validation_loss/);
  assert.ok(history.length >= 2, `history rows: ${history.length - 1}`);
  assert.deepEqual(errors, []);
});

await test('Export PyTorch downloads a .zip whose train.py trains as netlab-headless does', async (page, errors) => {
  const fragment = 'dataset=spiral&layers=6:tanh,4:relu&optimizer=sgd&learning_rate=0.1&seed=3';
  await page.setViewportSize({ width: 1000, height: 1100 });  // the Share and export buttons on screen
  await page.goto(server.url + '?autoplay=0#' + fragment);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the paused app');
  const { lines, dir } = await trainExported(page, 'Export PyTorch', 30);
  const config = path.join(dir, 'page.cfg');
  fs.writeFileSync(config, fragment.replaceAll('&', '\n') + '\n');
  assert.equal(lines.length, 4);
  sameReports(lines, headless(config, 30), true);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(errors, []);
});

await test('the classification task\'s Export PyTorch downloads a .zip whose train.py trains as netlab-headless does, and the DQN\'s says why it has none', async (page, errors) => {
  const name = 'digits-cnn';
  await page.setViewportSize({ width: 1000, height: 1400 });  // the Share and export buttons on screen
  await page.goto(server.url + '?autoplay=0#' + exampleFragment(name));
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.task === 'classify' && !s.models.loading, 30000, 'the paused task');
  const { lines, dir } = await trainExported(page, 'task export pytorch', 20);
  sameReports(lines, headless(path.join(repoRoot, 'examples/configs', name + '.cfg'), 20), false);
  fs.rmSync(dir, { recursive: true, force: true });
  // A task without a PyTorch form: the button is there, disabled, and a click downloads nothing.
  await page.goto('about:blank');
  await page.goto(server.url + '?autoplay=0#' + exampleFragment('dqn-gridworld'));
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.task === 'dqn', 30000, 'the DQN');
  let downloaded = false;
  page.on('download', () => { downloaded = true; });
  await clickItem(page, 'task export pytorch', 20000);
  await page.waitForTimeout(1000);
  assert.equal(downloaded, false, 'a disabled button downloads nothing');
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
if (failed()) process.exit(1);
