// Runs in bench/webgpu.html: square f32 products at growing sizes with Netlab's WGSL GEMM (operands
// resident on the GPU, timed to queue completion), Netlab's WASM SIMD GEMM, and TensorFlow.js's webgpu
// backend, in one page. Query: sizes (comma list), budget (seconds per engine and size, default 2).
'use strict';

const params = new URLSearchParams(location.search);
const sizes = (params.get('sizes') || '256,512,1024,2048,4096').split(',').map(Number);
const budget = Number(params.get('budget') || 2);

function log(line) {
  document.getElementById('log').textContent += '\n' + line;
  (window.benchLog = window.benchLog || []).push(line);
}

const gflops = (n, seconds) => (2 * n * n * n) / seconds / 1e9;

// One warm-up, then repeats until `budget` seconds pass (at least one timed run); the best run's time.
async function bestSeconds(run) {
  await run();
  let best = Infinity;
  const start = performance.now();
  do {
    const t = performance.now();
    await run();
    best = Math.min(best, (performance.now() - t) / 1000);
  } while ((performance.now() - start) / 1000 < budget);
  return best;
}

async function wgslGflops(gpu, n) {
  const data = Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const a = gpu.buffer(data), b = gpu.buffer(data), c = gpu.buffer(n * n);
  const seconds = await bestSeconds(async () => {
    const encoder = gpu.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    gpu.encodeGemm(pass, a, b, c, n, n, n);
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);
    await gpu.device.queue.onSubmittedWorkDone();
  });
  [a, b, c].forEach((x) => x.destroy());
  return gflops(n, seconds);
}

async function tfWebgpuGflops(n) {
  const a = tf.randomUniform([n, n], -1, 1), b = tf.randomUniform([n, n], -1, 1);
  const seconds = await bestSeconds(async () => {
    const c = tf.matMul(a, b);
    await c.data();  // waits for the GPU, like onSubmittedWorkDone above (plus the read-back)
    c.dispose();
  });
  a.dispose();
  b.dispose();
  return gflops(n, seconds);
}

async function run() {
  const result = { sizes, rows: [] };
  const gpu = await NetlabGpu.create();
  result.adapter = gpu ? gpu.adapterInfo : `none (${NetlabGpu.lastReason})`;
  log(`WebGPU adapter: ${result.adapter}`);
  const netlab = await createNetlabBench();
  let tfReady = false;
  try {
    tfReady = await tf.setBackend('webgpu');
    await tf.ready();
  } catch (error) {
    log(`tfjs webgpu: unavailable (${error})`);
  }
  // Sizes whose single product takes longer than the budget are skipped for the slower engines, so the
  // run ends in bounded time on a software adapter.
  const tooSlow = { wgsl: false, wasm: false, tfjs: false };
  for (const n of sizes) {
    const row = { n };
    if (gpu && !tooSlow.wgsl) row.wgsl = await wgslGflops(gpu, n);
    if (!tooSlow.wasm) row.wasm = netlab._bench_netlab_gemm_gflops(n, Math.min(budget, 1));
    if (tfReady && !tooSlow.tfjs) row.tfjs = await tfWebgpuGflops(n);
    for (const key of Object.keys(tooSlow))
      if (row[key] !== undefined && (2 * n * n * n * 8) / (row[key] * 1e9) > budget) tooSlow[key] = true;
    const shown = (x) => (x === undefined ? 'skipped' : x.toFixed(2));
    log(`n=${n}: wgsl ${shown(row.wgsl)}  wasm-simd ${shown(row.wasm)}  tfjs-webgpu ${shown(row.tfjs)} GFLOPS`);
    result.rows.push(row);
  }
  window.benchResult = result;
}

run().catch((error) => { window.benchResult = { error: String(error.stack || error) }; });
