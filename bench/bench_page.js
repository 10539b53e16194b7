// Runs in the bench page: Netlab's WASM module, TensorFlow.js and ONNX Runtime Web measured in the same
// page, one after the other, with the same warm-up-then-repeat timing. Query: seconds (per measurement
// round, default 0.3), threads (tfjs-wasm thread count, default 1 = single-threaded like Netlab; 0 = one
// per logical core, which needs the cross-origin isolated page serve.mjs gives), sizes (comma list).
'use strict';

const params = new URLSearchParams(location.search);
const seconds = Number(params.get('seconds') || 0.3);
const threads = Number(params.get('threads') || 1);
const sizes = (params.get('sizes') || '64,128,256,512,1024').split(',').map(Number);
const batch = 64;
// The pure-JS and the (software-rendered, in headless Chromium) WebGL backends take seconds per
// product at 1024; they are measured up to this size.
const slowBackendMaxSize = 512;

function log(line) {
  document.getElementById('log').textContent += '\n' + line;
  (window.benchLog = window.benchLog || []).push(line);
}

// As in bench/measurements.cpp: one warm-up call, then three rounds of at least `seconds` each; the
// best round's calls per second.
function callsPerSecond(work) {
  work();
  let best = 0;
  for (let round = 0; round < 3; ++round) {
    let calls = 0;
    const start = performance.now();
    let elapsed;
    do {
      work();
      ++calls;
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < seconds);
    best = Math.max(best, calls / elapsed);
  }
  return best;
}

// callsPerSecond for work that returns a promise (ONNX Runtime Web's session.run).
async function asyncCallsPerSecond(work) {
  await work();
  let best = 0;
  for (let round = 0; round < 3; ++round) {
    let calls = 0;
    const start = performance.now();
    let elapsed;
    do {
      await work();
      ++calls;
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < seconds);
    best = Math.max(best, calls / elapsed);
  }
  return best;
}

// ONNX Runtime Web's WASM backend, single-threaded as Netlab's build is, on the bench CNN exported by
// Netlab (the same layers and weights): forward passes of a random batch, samples/s. tfjs-wasm cannot
// train the CNN, so this is its second WASM peer, for inference.
async function onnxCnnInferenceSamplesPerSecond(netlab) {
  await loadScript('node_modules/onnxruntime-web/dist/ort.wasm.min.js');
  ort.env.wasm.wasmPaths = new URL('node_modules/onnxruntime-web/dist/', location.href).href;
  ort.env.wasm.numThreads = 1;
  const size = netlab._bench_cnn_onnx_size();
  if (size === 0) throw new Error('the bench CNN could not be exported to ONNX');
  const pointer = netlab._bench_cnn_onnx_bytes();
  const model = netlab.HEAPU8.slice(pointer, pointer + size);
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  const pixels = Float32Array.from({ length: batch * 784 }, () => Math.random() * 2 - 1);
  const input = new ort.Tensor('float32', pixels, [batch, 784]);
  try {
    return batch * await asyncCallsPerSecond(() => session.run({ input }));
  } finally {
    await session.release();
  }
}

const gflops = (n, rate) => (2 * n * n * n * rate) / 1e9;

function tfGemmGflops(n) {
  const a = tf.randomUniform([n, n], -1, 1);
  const b = tf.randomUniform([n, n], -1, 1);
  // dataSync waits for the product (needed on WebGL; a small copy on wasm/cpu).
  const rate = callsPerSecond(() => {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  });
  a.dispose();
  b.dispose();
  return gflops(n, rate);
}

// Training samples per second of `model` on the fixed batch `x` (disposed here, with the model): Adam
// (0.001) steps on softmax cross-entropy against fixed labels, as Netlab's measurements do.
function tfTrainingSamplesPerSecond(model, x) {
  const optimizer = tf.train.adam(0.001);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => (i * 7) % 10), 'int32'), 10);
  try {
    return batch * callsPerSecond(() => {
      const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply(x)), true);
      cost.dataSync();
      cost.dispose();
    });
  } finally {
    x.dispose();
    labels.dispose();
    optimizer.dispose();
    model.dispose();
  }
}

// 784-256-128-10 ReLU MLP, softmax cross-entropy, Adam(0.001): the shapes of Netlab's measurement.
function tfMlpSamplesPerSecond() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.dense({ units: 10, kernelInitializer: 'heUniform' }));
  return tfTrainingSamplesPerSecond(model, tf.randomUniform([batch, 784]));
}

// The Fashion-MNIST CNN of Netlab's measurement (engine/small_cnn.h), in tfjs's NHWC layout:
// conv 3x3x16 same - ReLU - max pool 2 - conv 3x3x32 same - ReLU - max pool 2 - dense 128 ReLU - dense 10.
function tfCnnSamplesPerSecond() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu',
                               kernelInitializer: 'heNormal' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heNormal' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heNormal' }));
  model.add(tf.layers.dense({ units: 10, kernelInitializer: 'glorotNormal' }));
  return tfTrainingSamplesPerSecond(model, tf.randomUniform([batch, 28, 28, 1], -1, 1));
}

async function run() {
  // ?only=scaling: just the pthreads build's 1/2/4-thread rows (bench/thread-scaling.mjs).
  if (params.get('only') === 'scaling') {
    window.benchResult = { scaling: await measureThreadScaling() };
    return;
  }
  const result = { seconds, threads, crossOriginIsolated: self.crossOriginIsolated, gemm: [], mlp: {}, cnn: {}, backends: [] };
  const netlab = await createNetlabBench();
  for (const n of sizes) {
    const row = { n, netlab: netlab._bench_netlab_gemm_gflops(n, seconds), eigen: netlab._bench_eigen_gemm_gflops(n, seconds) };
    result.gemm.push(row);
    log(`gemm ${n}: netlab ${row.netlab.toFixed(2)}, eigen ${row.eigen.toFixed(2)} GFLOPS`);
  }
  result.mlp.netlab = netlab._bench_mlp_samples_per_second(batch, 2 * seconds);
  log(`mlp netlab: ${result.mlp.netlab.toFixed(0)} samples/s`);
  result.cnn.netlab = netlab._bench_cnn_samples_per_second(batch, 2 * seconds);
  log(`cnn netlab: ${result.cnn.netlab.toFixed(0)} samples/s`);
  result.cnnInference = { netlab: netlab._bench_cnn_inference_samples_per_second(batch, 2 * seconds) };
  log(`cnn inference netlab: ${result.cnnInference.netlab.toFixed(0)} samples/s`);
  try {
    result.cnnInference['onnxruntime-web wasm'] = await onnxCnnInferenceSamplesPerSecond(netlab);
    log(`cnn inference onnxruntime-web wasm: ${result.cnnInference['onnxruntime-web wasm'].toFixed(0)} samples/s`);
  } catch (error) {
    result.cnnInferenceError = String(error.message || error);
    log(`cnn inference onnxruntime-web wasm: failed (${result.cnnInferenceError})`);
  }

  tf.wasm.setWasmPaths(new URL('node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);
  tf.wasm.setThreadsCount(threads > 0 ? threads : navigator.hardwareConcurrency);
  for (const backend of ['wasm', 'webgl', 'cpu']) {
    let ready = false;
    try {
      ready = await tf.setBackend(backend);
    } catch (error) {
      log(`tfjs ${backend}: unavailable (${error})`);
    }
    if (!ready) continue;
    await tf.ready();
    const name = `tfjs-${backend}`;
    result.backends.push(name);
    if (backend === 'wasm') {
      result.wasmThreads = tf.wasm.getThreadsCount();
      log(`tfjs-wasm threads: ${result.wasmThreads}`);
    }
    for (const row of result.gemm) {
      if (backend !== 'wasm' && row.n > slowBackendMaxSize) continue;
      row[name] = tfGemmGflops(row.n);
      log(`gemm ${row.n}: ${name} ${row[name].toFixed(2)} GFLOPS`);
    }
    result.mlp[name] = tfMlpSamplesPerSecond();
    log(`mlp ${name}: ${result.mlp[name].toFixed(0)} samples/s`);
    // tfjs-wasm has no Conv2DBackpropFilter kernel: it cannot train a CNN at all.
    try {
      result.cnn[name] = tfCnnSamplesPerSecond();
      log(`cnn ${name}: ${result.cnn[name].toFixed(0)} samples/s`);
    } catch (error) {
      (result.cnnErrors = result.cnnErrors || {})[name] = String(error.message || error);
      log(`cnn ${name}: cannot train (${result.cnnErrors[name]})`);
    }
  }
  if (self.crossOriginIsolated && params.get('scaling') !== '0') result.scaling = await measureThreadScaling();
  window.benchResult = result;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

// Netlab's pthreads build, which needs SharedArrayBuffer and so a cross-origin isolated page: the GEMM
// and the MLP and CNN steps with 1, 2 and 4 threads.
async function measureThreadScaling() {
  await loadScript('dist/netlab_bench_threads.js');
  const netlab = await createNetlabBenchThreads();
  const scaling = [];
  for (const wanted of [1, 2, 4]) {
    const row = { threads: netlab._bench_set_threads(wanted), gemm: {} };
    for (const n of sizes.filter((n) => n >= 256)) row.gemm[n] = netlab._bench_netlab_gemm_gflops(n, seconds);
    row.mlp = netlab._bench_mlp_samples_per_second(batch, 2 * seconds);
    row.cnn = netlab._bench_cnn_samples_per_second(batch, 2 * seconds);
    log(`threads ${row.threads}: gemm ${JSON.stringify(row.gemm)} GFLOPS, mlp ${row.mlp.toFixed(0)}, ` +
        `cnn ${row.cnn.toFixed(0)} samples/s`);
    scaling.push(row);
  }
  netlab._bench_set_threads(1);
  return scaling;
}

run().catch((error) => {
  log(`failed: ${error.stack || error}`);
  window.benchResult = { error: String(error.stack || error) };
});
