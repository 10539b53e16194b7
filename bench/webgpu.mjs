// The WebGPU part of the benchmark (through bench/run, or `node bench/webgpu.mjs [budget seconds]` after
// it has built and installed everything): WGSL GEMM vs WASM SIMD GEMM vs TF.js webgpu, in one page.
import { launchBrowser, startServer, waitFor } from '../tests/browser/browser.mjs';

const budget = Number(process.argv[2] || 2);
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}bench/webgpu.html?budget=${budget}`);
  let shown = 0;
  const { done } = await waitFor(page, () => ({ done: window.benchResult, log: window.benchLog || [] }), (s) => {
    for (; shown < s.log.length; ++shown) console.log(`  ${s.log[shown]}`);
    return !!s.done;
  }, 900000, 'the WebGPU bench page');
  if (done.error) throw new Error(done.error);
  const fixed = (x) => (x === undefined ? '-' : x.toFixed(2));
  const ratio = (a, b) => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(2)}x`);
  console.log(`\nGEMM n x n, GFLOPS, adapter: ${done.adapter} (a software adapter here: ratios say little about real GPUs)`);
  console.log(['n', 'wgsl', 'wasm-simd', 'tfjs-webgpu', 'wgsl/wasm', 'wgsl/tfjs'].map((s) => s.padStart(11)).join(''));
  for (const r of done.rows)
    console.log([r.n, fixed(r.wgsl), fixed(r.wasm), fixed(r.tfjs), ratio(r.wgsl, r.wasm), ratio(r.wgsl, r.tfjs)]
      .map((s) => String(s).padStart(11)).join(''));
} finally {
  await browser.close();
  server.stop();
}
