// The WebGPU path in headless Chromium (SwiftShader adapter): the WGSL GEMM matches a double-precision
// reference at odd sizes and every transposition, a GPU-resident MLP trains step for step like the CPU
// reference, and every way of not having a GPU (switched off, no navigator.gpu, lost device) gives a
// clean fallback instead of an exception.
import assert from 'node:assert/strict';
import { launchBrowser, startServer, testRunner } from './browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
const runner = testRunner(browser);
const failed = runner.failed;
// Every test starts on the WebGPU test page and must leave no page errors behind.
const test = (name, body) => runner.test(name, async (page, errors) => {
  await page.goto(server.url + 'tests/browser/webgpu.html');
  await body(page);
  assert.deepEqual(errors, []);
});

await test('WGSL GEMM matches the reference at odd sizes and all transpositions', async (page) => {
  const result = await page.evaluate(async () => {
    const gpu = await NetlabGpu.create();
    if (!gpu) return { error: NetlabGpu.lastReason };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const worst = [];
    for (const [m, n, k] of [[1, 1, 1], [17, 33, 9], [65, 3, 130], [100, 100, 100], [64, 128, 64]]) {
      for (const transA of [false, true]) for (const transB of [false, true]) {
        const a = Float32Array.from({ length: m * k }, random), b = Float32Array.from({ length: k * n }, random);
        const c = await gpu.gemm(a, b, m, n, k, transA, transB);
        if (!c) return { error: gpu.reason };
        let error = 0;
        for (let i = 0; i < m; ++i) for (let j = 0; j < n; ++j) {
          let sum = 0;
          for (let p = 0; p < k; ++p) sum += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
          error = Math.max(error, Math.abs(c[i * n + j] - sum) / Math.max(1, Math.abs(sum)));
        }
        worst.push({ m, n, k, transA, transB, error });
      }
    }
    return { adapter: gpu.adapterInfo, worst };
  });
  assert.equal(result.error, undefined, `GPU path failed: ${result.error}`);
  console.log(`  adapter: ${result.adapter}`);
  for (const w of result.worst) assert.ok(w.error < 1e-5, JSON.stringify(w));
});

await test('a GPU-resident MLP trains step for step like the CPU reference', async (page) => {
  const result = await page.evaluate(async () => {
    const gpu = await NetlabGpu.create();
    if (!gpu) return { error: NetlabGpu.lastReason };
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const sizes = [13, 37, 21, 5], activations = ['tanh', 'relu'], rows = 19, lr = 0.1;
    const weights = sizes.slice(1).map((out, l) => Array.from({ length: sizes[l] * out }, () => random() * 0.5));
    const biases = sizes.slice(1).map((out) => Array.from({ length: out }, () => random() * 0.1));
    const inputs = Float32Array.from({ length: rows * sizes[0] }, random);
    const labels = Array.from({ length: rows }, (_, i) => i % sizes[3]);
    // CPU reference in double precision: the same forward, softmax cross-entropy, backward, SGD.
    const W = weights.map((w) => w.slice()), B = biases.map((b) => b.slice());
    const act = { tanh: Math.tanh, relu: (v) => Math.max(0, v) };
    const dact = { tanh: (y) => 1 - y * y, relu: (y) => (y > 0 ? 1 : 0) };
    function cpuStep() {
      const outs = [Array.from(inputs)];
      for (let l = 0; l < 3; ++l) {
        const [fi, fo] = [sizes[l], sizes[l + 1]], out = new Array(rows * fo);
        for (let r = 0; r < rows; ++r) for (let j = 0; j < fo; ++j) {
          let s = B[l][j];
          for (let p = 0; p < fi; ++p) s += outs[l][r * fi + p] * W[l][p * fo + j];
          out[r * fo + j] = l < 2 ? act[activations[l]](s) : s;
        }
        outs.push(out);
      }
      let loss = 0;
      let grad = new Array(rows * 5);
      for (let r = 0; r < rows; ++r) {
        const z = outs[3].slice(r * 5, r * 5 + 5), m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b);
        loss += Math.log(s) + m - z[labels[r]];
        for (let c = 0; c < 5; ++c) grad[r * 5 + c] = (e[c] / s - (c === labels[r] ? 1 : 0)) / rows;
      }
      for (let l = 2; l >= 0; --l) {
        const [fi, fo] = [sizes[l], sizes[l + 1]];
        const gin = new Array(rows * fi).fill(0);
        for (let r = 0; r < rows; ++r) for (let p = 0; p < fi; ++p) {
          let s = 0;
          for (let j = 0; j < fo; ++j) s += grad[r * fo + j] * W[l][p * fo + j];
          gin[r * fi + p] = l > 0 ? s * dact[activations[l - 1]](outs[l][r * fi + p]) : s;
        }
        for (let p = 0; p < fi; ++p) for (let j = 0; j < fo; ++j) {
          let s = 0;
          for (let r = 0; r < rows; ++r) s += outs[l][r * fi + p] * grad[r * fo + j];
          W[l][p * fo + j] -= lr * s;
        }
        for (let j = 0; j < fo; ++j) {
          let s = 0;
          for (let r = 0; r < rows; ++r) s += grad[r * fo + j];
          B[l][j] -= lr * s;
        }
        grad = gin;
      }
      return loss / rows;
    }
    const mlp = gpu.createMlp(sizes, activations, weights, biases);
    const gpuLosses = [], cpuLosses = [];
    for (let s = 0; s < 25; ++s) {
      gpuLosses.push(await mlp.step(inputs, labels, lr));
      cpuLosses.push(cpuStep());
    }
    const w0 = await mlp.readWeights(0);
    let weightError = 0;
    for (let i = 0; i < w0.length; ++i) weightError = Math.max(weightError, Math.abs(w0[i] - W[0][i]));
    return { gpuLosses, cpuLosses, weightError, reason: gpu.reason };
  });
  assert.equal(result.error, undefined, `GPU path failed: ${result.error}`);
  assert.ok(result.gpuLosses.every((l) => l !== null), `a step failed: ${result.reason}`);
  for (let s = 0; s < result.cpuLosses.length; ++s)
    assert.ok(Math.abs(result.gpuLosses[s] - result.cpuLosses[s]) < 1e-4, `step ${s}: ${result.gpuLosses[s]} vs ${result.cpuLosses[s]}`);
  assert.ok(result.cpuLosses[24] < result.cpuLosses[0] * 0.5, 'the reference itself learns');
  assert.ok(result.weightError < 1e-4, `weights drift by ${result.weightError}`);
});

await test('no GPU, a switched-off GPU and a lost device all fall back cleanly', async (page) => {
  const result = await page.evaluate(async () => {
    const off = await NetlabGpu.create({ disabled: true });
    const offReason = NetlabGpu.lastReason;
    const gpu = await NetlabGpu.create();
    gpu.device.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const afterLoss = await gpu.gemm(new Float32Array(4), new Float32Array(4), 2, 2, 2);
    const realGpu = navigator.gpu;
    Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
    const none = await NetlabGpu.create();
    const noneReason = NetlabGpu.lastReason;
    Object.defineProperty(navigator, 'gpu', { value: realGpu, configurable: true });
    return { off, offReason, afterLoss, available: gpu.available, lostReason: gpu.reason, none, noneReason };
  });
  assert.equal(result.off, null);
  assert.match(result.offReason, /switched off/);
  assert.equal(result.afterLoss, null);
  assert.equal(result.available, false);
  assert.ok(result.lostReason.length > 0);
  assert.equal(result.none, null);
  assert.match(result.noneReason, /no WebGPU/);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
