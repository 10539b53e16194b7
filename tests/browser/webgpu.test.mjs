// The WebGPU path in headless Chromium (SwiftShader adapter): the WGSL GEMM matches a double-precision
// reference at odd sizes and every transposition, a GPU-resident MLP trains step for step like a
// double-precision reference of the engine's training step for every loss and optimizer, continues from an engine optimizer state given through setState and round-trips its own state, and every way of not having a GPU (switched off, no navigator.gpu, lost device) gives a
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

// One engine training step in double precision, written from engine/nn/dense.cpp, activation.cpp,
// loss.cpp and optimizer.cpp (not from the WGSL): forward, Loss::value, Loss::gradient, backward, then the
// optimizer on W0, b0, W1, b1, ... . Runs inside the page, so it is passed as source text.
const referenceSource = String(function makeReference({ sizes, activations, loss, weights, biases }) {
  const sigmoid = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  const act = {
    linear: [(x) => x, () => 1],
    relu: [(x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0)],
    leaky_relu: [(x) => (x > 0 ? x : 0.01 * x), (x) => (x > 0 ? 1 : 0.01)],
    sigmoid: [sigmoid, (x, y) => y * (1 - y)],
    tanh: [Math.tanh, (x, y) => 1 - y * y],
    softplus: [(x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), (x) => sigmoid(x)],
    abs: [Math.abs, (x) => Math.sign(x)],
    elu: [(x) => (x > 0 ? x : Math.expm1(x)), (x, y) => (x > 0 ? 1 : y + 1)],
  };
  // Each loss: per-batch value (mean over rows of the per-sample loss) and gradient dL/dy, divided by rows.
  const losses = {
    mse: (y, t, rows) => ({ value: y.reduce((s, v, i) => s + 0.5 * (v - t[i]) ** 2, 0) / rows,
                            grad: y.map((v, i) => (v - t[i]) / rows) }),
    mae: (y, t, rows) => ({ value: y.reduce((s, v, i) => s + Math.abs(v - t[i]), 0) / rows,
                            grad: y.map((v, i) => Math.sign(v - t[i]) / rows) }),
    sigmoid_bce: (z, t, rows) => ({
      value: z.reduce((s, v, i) => s + Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - t[i] * v, 0) / rows,
      grad: z.map((v, i) => (sigmoid(v) - t[i]) / rows) }),
    softmax_ce: (z, t, rows) => {
      const cols = z.length / rows, grad = new Array(z.length);
      let value = 0;
      for (let r = 0; r < rows; ++r) {
        const row = z.slice(r * cols, (r + 1) * cols), m = Math.max(...row);
        const e = row.map((v) => Math.exp(v - m)), sum = e.reduce((a, b) => a + b), lse = m + Math.log(sum);
        for (let c = 0; c < cols; ++c) {
          value += t[r * cols + c] * (lse - row[c]);
          grad[r * cols + c] = (e[c] / sum - t[r * cols + c]) / rows;
        }
      }
      return { value: value / rows, grad };
    },
  };
  const L = sizes.length - 1;
  const params = [];
  for (let l = 0; l < L; ++l) {
    params.push({ value: Array.from(weights[l]), isWeight: true });
    params.push({ value: Array.from(biases[l]), isWeight: false });
  }
  for (const p of params) { p.first = p.value.map(() => 0); p.second = p.value.map(() => 0); }
  let adamStep = 0;
  function optimize(o) {
    const eta = o.learning_rate;
    if (o.kind === 'adam' || o.kind === 'adamw') ++adamStep;
    for (const p of params) {
      const w = p.value, g = p.grad, a = p.first, b = p.second;
      for (let i = 0; i < w.length; ++i) {
        switch (o.kind) {
          case 'sgd': w[i] -= eta * g[i]; break;
          case 'momentum': a[i] = o.momentum * a[i] - eta * g[i]; w[i] += a[i]; break;
          case 'nesterov': a[i] = o.momentum * a[i] - eta * g[i]; w[i] += o.momentum * a[i] - eta * g[i]; break;
          case 'adagrad': a[i] += g[i] * g[i]; w[i] -= eta * g[i] / (Math.sqrt(a[i]) + o.epsilon); break;
          case 'rmsprop':
            a[i] = o.rho * a[i] + (1 - o.rho) * g[i] * g[i];
            w[i] -= eta * g[i] / (Math.sqrt(a[i]) + o.epsilon);
            break;
          case 'adam': case 'adamw': {
            a[i] = o.beta1 * a[i] + (1 - o.beta1) * g[i];
            b[i] = o.beta2 * b[i] + (1 - o.beta2) * g[i] * g[i];
            if (o.kind === 'adamw' && p.isWeight) w[i] *= 1 - eta * o.weight_decay;
            const mHat = a[i] / (1 - o.beta1 ** adamStep), vHat = b[i] / (1 - o.beta2 ** adamStep);
            w[i] -= eta * mHat / (Math.sqrt(vHat) + o.epsilon);
            break;
          }
          default: throw new Error(`no reference for ${o.kind}`);
        }
      }
    }
  }
  function step(inputs, targets, optimizer) {
    const rows = inputs.length / sizes[0];
    const xs = [Array.from(inputs)], pre = [];
    for (let l = 0; l < L; ++l) {
      const [fi, fo] = [sizes[l], sizes[l + 1]], W = params[2 * l].value, b = params[2 * l + 1].value;
      const z = new Array(rows * fo);
      for (let r = 0; r < rows; ++r) for (let j = 0; j < fo; ++j) {
        let s = b[j];
        for (let k = 0; k < fi; ++k) s += xs[l][r * fi + k] * W[k * fo + j];
        z[r * fo + j] = s;
      }
      pre.push(z);
      xs.push(l < L - 1 ? z.map(act[activations[l]][0]) : z);
    }
    const { value, grad } = losses[loss](xs[L], Array.from(targets), rows);
    let delta = grad;
    for (let l = L - 1; l >= 0; --l) {
      const [fi, fo] = [sizes[l], sizes[l + 1]], W = params[2 * l].value;
      const gW = new Array(fi * fo).fill(0), gb = new Array(fo).fill(0), gx = new Array(rows * fi).fill(0);
      for (let r = 0; r < rows; ++r) for (let j = 0; j < fo; ++j) {
        const d = delta[r * fo + j];
        gb[j] += d;
        for (let k = 0; k < fi; ++k) { gW[k * fo + j] += xs[l][r * fi + k] * d; gx[r * fi + k] += d * W[k * fo + j]; }
      }
      params[2 * l].grad = gW;
      params[2 * l + 1].grad = gb;
      if (l > 0) {
        const [f, fPrime] = act[activations[l - 1]];
        delta = gx.map((g, i) => g * fPrime(pre[l - 1][i], xs[l][i]));
      }
    }
    optimize(optimizer);
    return value;
  }
  // The engine optimizer's state in its member order (Momentum::velocity_, AdaGrad::accumulated_,
  // RmsProp::mean_square_, Adam::first_moment_/second_moment_), one array per parameter; `steps` is Adam's t.
  const slotCounts = { sgd: 0, momentum: 1, nesterov: 1, adagrad: 1, rmsprop: 1, adam: 2, adamw: 2 };
  const state = (kind, steps) => ({
    kind, step: steps,
    slots: ['first', 'second'].slice(0, slotCounts[kind]).map((slot) => params.map((p) => p[slot].slice())),
  });
  return { step, params, state };
});

// A seeded problem for `sizes`: initial weights and biases, and one batch of inputs and learnable targets
// per entry of `batches`. Runs inside the page, so it is passed as source text.
const problemSource = String(function makeProblem({ sizes, loss, batches }) {
  let seed = sizes.reduce((s, v) => s * 31 + v, 3) % 2147483648;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const weights = sizes.slice(1).map((out, l) => Array.from({ length: sizes[l] * out }, () => random() * 1.2 / Math.sqrt(sizes[l])));
  const biases = sizes.slice(1).map((out) => Array.from({ length: out }, () => random() * 0.1));
  const outputs = sizes[sizes.length - 1];
  const data = batches.map((rows) => {
    const inputs = Float32Array.from({ length: rows * sizes[0] }, random);
    const targets = new Float32Array(rows * outputs);
    for (let r = 0; r < rows; ++r) {
      if (loss === 'softmax_ce') targets[r * outputs + (r * 7 + 3) % outputs] = 1;
      // Other targets are functions of the inputs, so that a few steps can learn them.
      else for (let c = 0; c < outputs; ++c) {
        const x = inputs[r * sizes[0] + c % sizes[0]];
        targets[r * outputs + c] = loss === 'sigmoid_bce' ? (x > 0 ? 1 : 0) : 0.8 * x + 0.2;
      }
    }
    return { inputs, targets };
  });
  return { weights, biases, data };
});

// Every loss and every optimizer, the activations spread over them, odd sizes; some cases alternate two
// batch sizes, some queue all their steps before awaiting any. The learning rate changes every step.
const mlpCases = [
  { loss: 'softmax_ce', optimizer: { kind: 'adam', learning_rate: 0.01 }, sizes: [13, 37, 21, 5], activations: ['tanh', 'relu'], batches: [19] },
  { loss: 'sigmoid_bce', optimizer: { kind: 'momentum', learning_rate: 0.3, momentum: 0.9 }, sizes: [7, 16, 3], activations: ['leaky_relu'], batches: [19, 8], queued: true },
  { loss: 'mse', optimizer: { kind: 'nesterov', learning_rate: 0.05, momentum: 0.8 }, sizes: [5, 11, 9, 2], activations: ['softplus', 'elu'], batches: [23] },
  { loss: 'softmax_ce', optimizer: { kind: 'adagrad', learning_rate: 0.05, epsilon: 1e-7 }, sizes: [13, 37, 21, 5], activations: ['sigmoid', 'elu'], batches: [19], queued: true },
  { loss: 'mse', optimizer: { kind: 'rmsprop', learning_rate: 0.003, rho: 0.95 }, sizes: [6, 19, 3], activations: ['tanh'], batches: [17, 5] },
  { loss: 'sigmoid_bce', optimizer: { kind: 'adamw', learning_rate: 0.01, beta1: 0.8, beta2: 0.99, weight_decay: 0.1 }, sizes: [9, 23, 17, 4], activations: ['relu', 'softplus'], batches: [21], queued: true },
  { loss: 'softmax_ce', optimizer: { kind: 'sgd', learning_rate: 1.5 }, sizes: [13, 37, 21, 5], activations: ['leaky_relu', 'sigmoid'], batches: [19] },
  { loss: 'mae', optimizer: { kind: 'sgd', learning_rate: 0.05 }, sizes: [4, 10, 1], activations: ['abs'], batches: [16], queued: true },
  { loss: 'mse', optimizer: { kind: 'adam', learning_rate: 0.05 }, sizes: [3, 1], activations: [], batches: [40] },
];

for (const testCase of mlpCases) {
  const { loss, optimizer, sizes, activations, batches, queued } = testCase;
  const name = `${loss} + ${optimizer.kind} on ${sizes.join('-')} (${activations.join(', ') || 'no hidden layer'}` +
    `${batches.length > 1 ? ', two batch sizes' : ''}${queued ? ', queued' : ''}) trains step for step like the engine reference`;
  await test(name, async (page) => {
    const result = await page.evaluate(async ({ testCase, referenceSource, problemSource }) => {
      const { loss, sizes, activations, batches, queued } = testCase;
      // Engine OptimizerSettings defaults, overridden per case.
      const base = { momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, rho: 0.9, weight_decay: 0.01, ...testCase.optimizer };
      const gpu = await NetlabGpu.create();
      if (!gpu) return { error: NetlabGpu.lastReason };
      const { weights, biases, data } = eval(`(${problemSource})`)({ sizes, loss, batches });
      const reference = eval(`(${referenceSource})`)({ sizes, activations, loss, weights, biases });
      const mlp = gpu.createMlp({ sizes, activations, loss, weights, biases });
      const settings = (s) => ({ ...base, learning_rate: base.learning_rate * (1 - 0.02 * s) });
      const gpuLosses = [], cpuLosses = [];
      for (let s = 0; s < 25; ++s) {
        const { inputs, targets } = data[s % data.length];
        const pending = mlp.step(inputs, targets, settings(s));
        gpuLosses.push(queued ? pending : await pending);
        cpuLosses.push(reference.step(inputs, targets, settings(s)));
      }
      const finalLosses = await Promise.all(gpuLosses);
      const read = await mlp.readParameters();
      mlp.destroy();
      if (!read) return { error: gpu.reason };
      let parameterError = 0;
      reference.params.forEach((p, i) => {
        const got = (p.isWeight ? read.weights : read.biases)[i >> 1];
        if (got.length !== p.value.length) parameterError = Infinity;
        for (let j = 0; j < p.value.length; ++j) parameterError = Math.max(parameterError, Math.abs(got[j] - p.value[j]));
      });
      return { gpuLosses: finalLosses, cpuLosses, parameterError, reason: gpu.reason };
    }, { testCase, referenceSource, problemSource });
    assert.equal(result.error, undefined, `GPU path failed: ${result.error}`);
    assert.ok(result.gpuLosses.every((l) => l !== null), `a step failed: ${result.reason}`);
    const { gpuLosses, cpuLosses } = result;
    const lossError = Math.max(...cpuLosses.map((c, s) => Math.abs(gpuLosses[s] - c) / Math.max(1, Math.abs(c))));
    console.log(`  loss ${cpuLosses[0].toFixed(4)} -> ${cpuLosses[24].toFixed(4)}; worst loss error ${lossError.toExponential(1)}, parameter error ${result.parameterError.toExponential(1)}`);
    for (let s = 0; s < cpuLosses.length; ++s)
      assert.ok(Math.abs(gpuLosses[s] - cpuLosses[s]) < 1e-4 * Math.max(1, Math.abs(cpuLosses[s])), `step ${s}: ${gpuLosses[s]} vs ${cpuLosses[s]}`);
    // Steps 0 and 24 train on the same batch, so the reference has learnt when the later loss is lower.
    assert.ok(cpuLosses[24] < cpuLosses[0] * 0.8, `the reference itself learns: ${cpuLosses[0]} -> ${cpuLosses[24]}`);
    assert.ok(result.parameterError < 1e-4, `parameters drift by ${result.parameterError}`);
  });
}

// Optimizer state I/O in the engine's layout: the reference trains 8 steps, a fresh GPU network gets its
// weights and (via setState) its optimizer state, and both go on for 6 steps. Without the state
// (setState(null)) the GPU run must leave the reference clearly, so the check can fail.
const stateCases = [
  { loss: 'sigmoid_bce', optimizer: { kind: 'momentum', learning_rate: 0.3, momentum: 0.9 }, sizes: [7, 16, 3], activations: ['leaky_relu'] },
  { loss: 'mse', optimizer: { kind: 'nesterov', learning_rate: 0.05, momentum: 0.8 }, sizes: [5, 11, 9, 2], activations: ['softplus', 'elu'] },
  { loss: 'softmax_ce', optimizer: { kind: 'adagrad', learning_rate: 0.05, epsilon: 1e-7 }, sizes: [13, 37, 21, 5], activations: ['sigmoid', 'elu'] },
  { loss: 'mse', optimizer: { kind: 'rmsprop', learning_rate: 0.003, rho: 0.95 }, sizes: [6, 19, 3], activations: ['tanh'] },
  { loss: 'softmax_ce', optimizer: { kind: 'adam', learning_rate: 0.01 }, sizes: [13, 37, 21, 5], activations: ['tanh', 'relu'] },
  { loss: 'sigmoid_bce', optimizer: { kind: 'adamw', learning_rate: 0.01, beta1: 0.8, beta2: 0.99, weight_decay: 0.1 }, sizes: [9, 23, 17, 4], activations: ['relu', 'softplus'] },
];

for (const testCase of stateCases) {
  const { loss, optimizer, sizes } = testCase;
  await test(`${optimizer.kind} (${loss} on ${sizes.join('-')}): setState with the engine reference's state after 8 steps continues like the reference; without it the run differs`, async (page) => {
    const result = await page.evaluate(async ({ testCase, referenceSource, problemSource }) => {
      const { loss, sizes, activations } = testCase;
      const settings = { momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, rho: 0.9, weight_decay: 0.01, ...testCase.optimizer };
      const gpu = await NetlabGpu.create();
      if (!gpu) return { error: NetlabGpu.lastReason };
      const { weights, biases, data } = eval(`(${problemSource})`)({ sizes, loss, batches: [19, 11] });
      const reference = eval(`(${referenceSource})`)({ sizes, activations, loss, weights, biases });
      for (let s = 0; s < 8; ++s) reference.step(data[s % 2].inputs, data[s % 2].targets, settings);
      const trained = {
        weights: reference.params.filter((p) => p.isWeight).map((p) => p.value.slice()),
        biases: reference.params.filter((p) => !p.isWeight).map((p) => p.value.slice()),
      };
      const state = reference.state(settings.kind, 8);
      // Six more steps on a GPU network from the trained weights, with the state or without.
      async function continueOnGpu(withState) {
        const mlp = gpu.createMlp({ sizes, activations, loss, ...trained });
        mlp.setState(withState ? state : null);
        const losses = [];
        for (let s = 8; s < 14; ++s) losses.push(await mlp.step(data[s % 2].inputs, data[s % 2].targets, settings));
        const read = await mlp.readParameters({ state: true });
        mlp.destroy();
        return { losses, read };
      }
      const withState = await continueOnGpu(true), without = await continueOnGpu(false);
      const cpuLosses = [];
      for (let s = 8; s < 14; ++s) cpuLosses.push(reference.step(data[s % 2].inputs, data[s % 2].targets, settings));
      if (!withState.read || !without.read) return { error: gpu.reason };
      const parameterError = (read) => Math.max(...reference.params.map((p, i) => {
        const got = (p.isWeight ? read.weights : read.biases)[i >> 1];
        return got.length !== p.value.length ? Infinity : Math.max(...p.value.map((v, j) => Math.abs(got[j] - v)));
      }));
      // The state read back after the continuation against the reference's (relative, as sums of squares grow).
      const expected = reference.state(settings.kind, 14), got = withState.read.state;
      let stateError = got && got.slots.length === expected.slots.length ? 0 : Infinity;
      if (got) expected.slots.forEach((slot, k) => slot.forEach((tensor, i) => {
        if (!got.slots[k][i] || got.slots[k][i].length !== tensor.length) stateError = Infinity;
        else tensor.forEach((v, j) => { stateError = Math.max(stateError, Math.abs(got.slots[k][i][j] - v) / Math.max(1, Math.abs(v))); });
      }));
      return {
        cpuLosses, gpuLosses: withState.losses, freshLosses: without.losses,
        parameterError: parameterError(withState.read), freshParameterError: parameterError(without.read),
        stateError, readKind: got && got.kind, readStep: got && got.step, reason: gpu.reason,
      };
    }, { testCase, referenceSource, problemSource });
    assert.equal(result.error, undefined, `GPU path failed: ${result.error}`);
    assert.ok(result.gpuLosses.every((l) => l !== null) && result.freshLosses.every((l) => l !== null), `a step failed: ${result.reason}`);
    const { cpuLosses, gpuLosses, freshLosses } = result;
    const lossError = Math.max(...cpuLosses.map((c, s) => Math.abs(gpuLosses[s] - c) / Math.max(1, Math.abs(c))));
    console.log(`  with state: loss error ${lossError.toExponential(1)}, parameter error ${result.parameterError.toExponential(1)}, state error ${result.stateError.toExponential(1)}; ` +
                `fresh state: parameter error ${result.freshParameterError.toExponential(1)}`);
    for (let s = 0; s < cpuLosses.length; ++s)
      assert.ok(Math.abs(gpuLosses[s] - cpuLosses[s]) < 1e-4 * Math.max(1, Math.abs(cpuLosses[s])), `step ${s + 8}: ${gpuLosses[s]} vs ${cpuLosses[s]}`);
    assert.ok(result.parameterError < 1e-4, `parameters drift by ${result.parameterError}`);
    assert.equal(result.readKind, optimizer.kind);
    assert.equal(result.readStep, 14);
    assert.ok(result.stateError < 1e-4, `optimizer state drifts by ${result.stateError}`);
    // State matters: started from zero state the same six steps end far outside the tolerance.
    assert.ok(result.freshParameterError > 100 * 1e-4, `a run without the state ends only ${result.freshParameterError} away`);
  });
}

await test('readParameters({ state: true }) round-trips through setState: a second network steps bit for bit like the first', async (page) => {
  const result = await page.evaluate(async ({ problemSource }) => {
    const gpu = await NetlabGpu.create();
    if (!gpu) return { error: NetlabGpu.lastReason };
    const sizes = [6, 15, 9, 3], activations = ['tanh', 'elu'], loss = 'mse';
    const { weights, biases, data } = eval(`(${problemSource})`)({ sizes, loss, batches: [13, 7] });
    const settings = { kind: '', learning_rate: 0.02, momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, rho: 0.9, weight_decay: 0.05 };
    const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
    const cases = [];
    for (const kind of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw']) {
      const o = { ...settings, kind };
      const first = gpu.createMlp({ sizes, activations, loss, weights, biases });
      const fresh = await first.readParameters({ state: true });
      // Queued without awaiting: the read must come after all five steps.
      for (let s = 0; s < 5; ++s) first.step(data[s % 2].inputs, data[s % 2].targets, o);
      const read = await first.readParameters({ state: true });
      if (!read) return { error: gpu.reason };
      const second = gpu.createMlp({ sizes, activations, loss, weights: read.weights, biases: read.biases });
      second.setState(read.state);
      const lossesFirst = [], lossesSecond = [];
      for (let s = 5; s < 10; ++s) {
        lossesFirst.push(await first.step(data[s % 2].inputs, data[s % 2].targets, o));
        lossesSecond.push(await second.step(data[s % 2].inputs, data[s % 2].targets, o));
      }
      const [a, b] = [await first.readParameters({ state: true }), await second.readParameters({ state: true })];
      const plain = await first.readParameters();
      first.setState(null);
      const cleared = await first.readParameters({ state: true });
      first.destroy();
      second.destroy();
      const tensorsA = [...a.weights, ...a.biases, ...a.state.slots.flat()];
      const tensorsB = [...b.weights, ...b.biases, ...b.state.slots.flat()];
      cases.push({
        kind, freshState: fresh.state, readKind: read.state.kind, readStep: read.state.step,
        slotShape: read.state.slots.map((slot) => slot.map((t) => t.length)),
        stateNonZero: read.state.slots.every((slot) => slot.some((t) => t.some((v) => v !== 0))),
        sameLosses: same(lossesFirst, lossesSecond), sameTensors: tensorsA.length === tensorsB.length && tensorsA.every((t, i) => same(t, tensorsB[i])),
        finalSteps: [a.state.step, b.state.step], plainHasState: plain.state != null, clearedState: cleared.state,
      });
    }
    return { cases };
  }, { problemSource });
  assert.equal(result.error, undefined, `GPU path failed: ${result.error}`);
  const parameterSizes = [6 * 15, 15, 15 * 9, 9, 9 * 3, 3];
  const slotCounts = { sgd: 0, momentum: 1, nesterov: 1, adagrad: 1, rmsprop: 1, adam: 2, adamw: 2 };
  for (const c of result.cases) {
    assert.equal(c.freshState, null, `${c.kind}: no state before any step`);
    assert.equal(c.readKind, c.kind);
    assert.equal(c.readStep, 5);
    assert.deepEqual(c.slotShape, Array(slotCounts[c.kind]).fill(parameterSizes), `${c.kind}: slots in engine layout`);
    assert.ok(c.stateNonZero, `${c.kind}: the state read back was trained`);
    assert.ok(c.sameLosses, `${c.kind}: losses differ after the round trip`);
    assert.ok(c.sameTensors, `${c.kind}: weights or state differ after the round trip`);
    assert.deepEqual(c.finalSteps, [10, 10]);
    assert.equal(c.plainHasState, false, 'readParameters() without options reads no state');
    assert.equal(c.clearedState, null, `${c.kind}: setState(null) clears the state`);
  }
});

await test('setState refuses states that do not fit, naming what is wrong', async (page) => {
  const result = await page.evaluate(async () => {
    const gpu = await NetlabGpu.create();
    if (!gpu) return { error: NetlabGpu.lastReason };
    const mlp = gpu.createMlp({ sizes: [2, 3, 2], activations: ['tanh'], loss: 'mse', weights: [new Float32Array(6), new Float32Array(6)], biases: [new Float32Array(3), new Float32Array(2)] });
    const tensors = (fill = 0) => [6, 3, 6, 2].map((n) => new Float32Array(n).fill(fill));
    const message = (state) => { try { mlp.setState(state); return null; } catch (e) { return e.message; } };
    const messages = {
      sgld: message({ kind: 'sgld', step: 1, slots: [] }),
      slotCount: message({ kind: 'adam', step: 3, slots: [tensors()] }),
      parameterCount: message({ kind: 'momentum', step: 3, slots: [tensors().slice(1)] }),
      length: message({ kind: 'rmsprop', step: 3, slots: [[new Float32Array(6), new Float32Array(4), new Float32Array(6), new Float32Array(2)]] }),
      step: message({ kind: 'adam', step: -1, slots: [tensors(), tensors()] }),
      nan: message({ kind: 'nesterov', step: 2, slots: [tensors(NaN)] }),
      negative: message({ kind: 'adagrad', step: 2, slots: [tensors(-1)] }),
      good: message({ kind: 'adagrad', step: 2, slots: [tensors(0.5)] }),
    };
    const read = await mlp.readParameters({ state: true });
    mlp.destroy();
    return { messages, state: read && read.state, available: gpu.available };
  });
  assert.equal(result.error, undefined, `GPU path failed: ${result.error}`);
  const m = result.messages;
  assert.match(m.sgld, /optimizer 'sgld' is not supported on the GPU/);
  assert.match(m.slotCount, /adam keeps 2 state slot\(s\) \(first moment, second moment\), got 1/);
  assert.match(m.parameterCount, /momentum velocity needs one array per parameter \(4\), got 3/);
  assert.match(m.length, /rmsprop mean square of parameter 1 must hold 1 x 3 values, got 4/);
  assert.match(m.step, /step must be a non-negative integer/);
  assert.match(m.nan, /nesterov velocity of parameter 0 holds NaN/);
  assert.match(m.negative, /adagrad accumulated squares of parameter 0 holds -1/);
  assert.equal(m.good, null);
  // The refused states left nothing behind; the accepted one reads back as given.
  assert.equal(result.state.kind, 'adagrad');
  assert.equal(result.state.step, 2);
  assert.deepEqual(result.state.slots.map((s) => s.map((t) => Object.values(t))), [[6, 3, 6, 2].map((n) => Array(n).fill(0.5))]);
  assert.equal(result.available, true);
});

await test('createMlp names what the GPU does not support; an unsupported optimizer falls back', async (page) => {
  const result = await page.evaluate(async () => {
    const gpu = await NetlabGpu.create();
    if (!gpu) return { error: NetlabGpu.lastReason };
    const net = { sizes: [2, 3, 2], activations: ['tanh'], loss: 'softmax_ce', weights: [new Float32Array(6), new Float32Array(6)], biases: [new Float32Array(3), new Float32Array(2)] };
    const message = (changes) => { try { gpu.createMlp({ ...net, ...changes }); return null; } catch (e) { return e.message; } };
    const gelu = message({ activations: ['gelu'] }), hinge = message({ loss: 'hinge' });
    const shape = message({ weights: [new Float32Array(5), new Float32Array(6)] });
    const mlp = gpu.createMlp(net);
    const sgld = await mlp.step(new Float32Array(2), new Float32Array([1, 0]), { kind: 'sgld', learning_rate: 0.1 });
    return { gelu, hinge, shape, supported: NetlabGpu.SUPPORTED, sgld, available: gpu.available, reason: gpu.reason };
  });
  assert.equal(result.error, undefined, `GPU path failed: ${result.error}`);
  assert.match(result.gelu, /activation 'gelu' is not supported on the GPU/);
  assert.match(result.hinge, /loss 'hinge' is not supported on the GPU/);
  assert.match(result.shape, /weights\[0\] must hold 2 x 3 values/);
  assert.ok(!result.supported.activations.includes('gelu') && result.supported.activations.includes('elu'));
  assert.deepEqual(result.supported.optimizers, ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw']);
  assert.equal(result.sgld, null);
  assert.equal(result.available, false);
  assert.match(result.reason, /optimizer 'sgld' is not supported on the GPU/);
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
