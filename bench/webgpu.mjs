// The WebGPU part of the benchmark (through bench/run, or `node bench/webgpu.mjs [budget seconds]` after
// it has built and installed everything): WGSL GEMM vs WASM SIMD GEMM vs TF.js webgpu, in one page.
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, waitFor } from '../tests/browser/browser.mjs';
import { Results } from './results.mjs';

const budget = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) || 2);
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
  const results = new Results();
  for (const r of done.rows) {
    const table = `webgpu gemm n=${r.n}, adapter ${done.adapter}`;
    results.record(table, 'wgsl', r.wgsl, 'GFLOPS');
    results.record(table, 'wasm-simd', r.wasm, 'GFLOPS');
    results.record(table, 'tfjs-webgpu', r.tfjs, 'GFLOPS');
    results.record(table, 'wgsl', r.wgsl, 'GFLOPS', 'wasm-simd', r.wasm);
    results.record(table, 'wgsl', r.wgsl, 'GFLOPS', 'tfjs-webgpu', r.tfjs);
    console.log([r.n, fixed(r.wgsl), fixed(r.wasm), fixed(r.tfjs), ratio(r.wgsl, r.wasm), ratio(r.wgsl, r.tfjs)]
      .map((s) => String(s).padStart(11)).join(''));
  }
  console.log(`(-: not measured; an engine stops once one product at twice the size, 8x the work, would take ` +
              `longer than the ${budget} s budget at its last rate, or where the engine is unavailable)`);
  // bench/run passes --append-results after run.mjs has written the file; run alone, this writes a fresh one.
  results.write(path.join(repoRoot, 'bench/results.json'), { append: process.argv.includes('--append-results') });
} finally {
  await browser.close();
  server.stop();
}
