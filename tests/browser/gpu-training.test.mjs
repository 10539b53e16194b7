// The playground trains on WebGPU in headless Chromium (SwiftShader adapter): a large network steps on
// the GPU on the trainer's own batches and matches the CPU run of the same link step for step, also
// when it moves between CPU and GPU (weights and optimizer state go along); with
// WebGPU off the CPU run is bit for bit the one of a browser without WebGPU; small or unsupported
// networks stay on the CPU with the reason shown; a lost device hands training back to the CPU.
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
const runner = testRunner(browser, { viewport: { width: 1280, height: 800 }, outDir: path.join(repoRoot, 'tests/browser/out') });
// 2-256-256-1 at batch 64: 12.7 M multiply-adds per step, above the 8.4 M threshold.
const LARGE = 'dataset=xor&layers=256:relu,256:tanh&batch_size=64&learning_rate=0.003&seed=5';

async function open(page, query, fragment) {
  await page.goto(`${server.url}?autoplay=0&${query}#${fragment}`);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the app to start');
  return page.evaluate(() => window.netlab.gpuReady.then((t) => t !== null));
}

const test = (name, body) => runner.test(name, async (page, errors) => {
  const t0 = Date.now();
  await body(page, errors);
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
});
// The README's claim: the GPU run follows the CPU run to 1e-5 relative train loss at every step.
const RELATIVE_TOLERANCE = 1e-5;
await test('a large network trains on the GPU step for step like the CPU', async (page, errors) => {
  assert.ok(await open(page, 'webgpu=on', LARGE), 'a WebGPU device was created');
  const gpu = await page.evaluate(() => window.netlab.gpuTrainer.steps(12));
  const status = await page.evaluate(() => window.netlab.status());
  assert.equal(status.backend, 'webgpu', status.gpu_status);
  assert.equal(status.step, 12);
  const cpuPage = await browser.newPage();
  await open(cpuPage, 'webgpu=off', LARGE);
  const cpu = await cpuPage.evaluate(() => window.netlab.step(12));
  await cpuPage.close();
  const worst = Math.max(...gpu.map((g, s) => Math.abs(g - cpu[s]) / Math.abs(cpu[s])));
  console.log(`  train loss after 12 steps: GPU ${gpu[11]}, CPU ${cpu[11]}; worst relative difference ${worst.toExponential(2)}`);
  for (let s = 0; s < 12; ++s)
    assert.ok(Math.abs(gpu[s] - cpu[s]) <= RELATIVE_TOLERANCE * Math.abs(cpu[s]), `step ${s + 1}: GPU ${gpu[s]} vs CPU ${cpu[s]}`);
  assert.ok(cpu[11] < cpu[0], 'the run learns');
  assert.deepEqual(errors, []);
});

await test('training moves between CPU and GPU and back without the optimizer starting over', async (page, errors) => {
  assert.ok(await open(page, 'webgpu=on', LARGE));
  const mixed = [
    ...(await page.evaluate(() => window.netlab.step(4))),
    ...(await page.evaluate(() => window.netlab.gpuTrainer.steps(4))),
    ...(await page.evaluate(() => window.netlab.step(4))),
  ];
  const cpuPage = await browser.newPage();
  await open(cpuPage, 'webgpu=off', LARGE);
  const cpu = await cpuPage.evaluate(() => window.netlab.step(12));
  await cpuPage.close();
  const worst = Math.max(...mixed.map((m, s) => Math.abs(m - cpu[s]) / Math.abs(cpu[s])));
  console.log(`  CPU 4, GPU 4, CPU 4 steps vs CPU 12: worst relative difference ${worst.toExponential(2)}`);
  for (let s = 0; s < 12; ++s)
    assert.ok(Math.abs(mixed[s] - cpu[s]) <= RELATIVE_TOLERANCE * Math.abs(cpu[s]), `step ${s + 1}: mixed ${mixed[s]} vs CPU ${cpu[s]}`);
  assert.deepEqual(errors, []);
});

await test('playing, the page trains a large network on the GPU and shows it', async (page, errors) => {
  assert.ok(await open(page, 'webgpu=on', LARGE));
  const first = await page.evaluate(() => window.netlab.status());
  await page.evaluate(() => window.netlab.setPlaying(true));
  const status = await waitFor(page, () => window.netlab.status(), (s) => s.backend === 'webgpu' && s.step >= 40, 60000, '40 GPU steps');
  assert.ok(status.train_loss < first.train_loss, `train loss ${first.train_loss} -> ${status.train_loss}`);
  assert.match(status.gpu_status, /2-256-256-1 network/);
  await page.screenshot({ path: path.join(repoRoot, 'tests/browser/out/gpu-training.png') });
  assert.deepEqual(errors, []);
});

await test('with WebGPU off the CPU run is the one of a browser without WebGPU', async (page, errors) => {
  await open(page, 'webgpu=off', LARGE);
  const off = await page.evaluate(() => window.netlab.step(15));
  const status = await page.evaluate(() => window.netlab.status());
  assert.equal(status.backend, 'cpu');
  const bare = await browser.newPage();
  await bare.addInitScript(() => Object.defineProperty(navigator, 'gpu', { value: undefined }));
  await open(bare, '', LARGE);
  const none = await bare.evaluate(() => window.netlab.step(15));
  await bare.close();
  assert.deepEqual(off, none);
  assert.deepEqual(errors, []);
});

await test('small and unsupported networks stay on the CPU and say why', async (page, errors) => {
  assert.ok(await open(page, 'webgpu=on', 'dataset=circle'));
  await page.evaluate(() => window.netlab.setPlaying(true));
  const small = await waitFor(page, () => window.netlab.status(), (s) => s.step > 20 && s.gpu_status !== '', 20000, 'training');
  assert.equal(small.backend, 'cpu');
  assert.match(small.gpu_status, /multiply-adds per step, fewer than/);
  await page.evaluate((text) => window.netlab.loadConfig(text), LARGE + '&l2=0.001');
  const l2 = await waitFor(page, () => window.netlab.status(), (s) => /L1\/L2/.test(s.gpu_status), 20000, 'the L2 refusal');
  assert.equal(l2.backend, 'cpu');
  await page.evaluate((text) => window.netlab.loadConfig(text), LARGE.replace('256:tanh', '256:gelu'));
  const gelu = await waitFor(page, () => window.netlab.status(), (s) => /gelu/.test(s.gpu_status), 20000, 'the GELU refusal');
  assert.equal(gelu.backend, 'cpu');
  // The engine's plan decides what the GPU takes; the page's kernels must bind exactly those names.
  const { kernels, bound } = await page.evaluate(() => ({
    kernels: window.netlab.gpuTrainer.plan().kernels, bound: window.NetlabGpu.SUPPORTED }));
  assert.deepEqual([...bound.activations].sort(), [...kernels.activations].sort());
  assert.deepEqual([...bound.losses].sort(), [...kernels.losses].sort());
  assert.deepEqual([...bound.optimizers].sort(), [...kernels.optimizers].sort());
  assert.deepEqual(errors, []);
});

await test('a lost device hands training back to the CPU, which goes on', async (page, errors) => {
  assert.ok(await open(page, 'webgpu=on', LARGE));
  await page.evaluate(() => window.netlab.setPlaying(true));
  await waitFor(page, () => window.netlab.status(), (s) => s.backend === 'webgpu' && s.step >= 5, 60000, 'GPU steps');
  await page.evaluate(() => window.netlab.gpuTrainer.gpu.device.destroy());
  const handed = await waitFor(page, () => window.netlab.status(), (s) => s.backend === 'cpu', 20000, 'the CPU to take over');
  assert.match(handed.gpu_status, /WebGPU stopped/);
  const later = await waitFor(page, () => window.netlab.status(), (s) => s.step >= handed.step + 20, 20000, 'CPU steps');
  assert.equal(later.diverged, false);
  assert.equal(later.backend, 'cpu');
  assert.deepEqual(errors, []);
});

// SwiftShader's compile of the kernels takes most of a second of the GPU process's main thread, which
// also draws the page: by default (a software adapter is not used unasked) it waits until the GPU is
// switched on, and the first frames after start come without a gap that long.
await test('on a software adapter the kernels are compiled only once the GPU is switched on', async (page, errors) => {
  assert.ok(await open(page, '', LARGE), 'a WebGPU device was created');
  const before = await page.evaluate(() => ({ compiled: window.netlab.gpuTrainer.gpu.compiled,
                                              status: window.netlab.status() }));
  assert.equal(before.compiled, null, 'nothing compiled at start');
  assert.equal(before.status.backend, 'cpu');
  const gap = await page.evaluate(() => new Promise((resolve) => {
    const times = [];
    const tick = (now) => {
      times.push(now);
      if (times.length < 40) return requestAnimationFrame(tick);
      resolve(Math.max(...times.slice(1).map((t, i) => t - times[i])));
    };
    window.netlab.setPlaying(true);
    requestAnimationFrame(tick);
  }));
  console.log(`  longest gap between the first 40 frames while training on the CPU: ${gap.toFixed(0)} ms`);
  assert.ok(gap < 500, `a ${gap.toFixed(0)} ms gap between frames`);
  // The Compute panel's checkbox ("Train large networks on the GPU").
  await page.evaluate(() => window.netlab.module.ccall('netlab_gpu_set_wanted', null, ['number'], [1]));
  const on = await waitFor(page, () => window.netlab.status(), (s) => s.backend === 'webgpu' && s.step >= 5, 60000,
                           'GPU steps once switched on');
  assert.equal(on.diverged, false);
  assert.equal(await page.evaluate(() => window.netlab.gpuTrainer.gpu.available), true);
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(runner.failed() ? 1 : 0);
