// The pthreads build's thread scaling alone, `rounds` times (default 3), in a cross-origin isolated
// headless-Chromium page: GEMM GFLOPS and MLP / CNN training samples/s with 1, 2 and 4 threads, and the
// speed-ups against 1 thread. `./bench/run` measures the same rows among everything else; this is the
// quick re-measurement for a machine that has just become quiet. Needs ./bench/run's builds first.
// Usage: node bench/thread-scaling.mjs [rounds] [seconds per measurement, default 0.5]
import { launchBrowser, startServer, waitFor } from '../tests/browser/browser.mjs';

const rounds = Number(process.argv[2] || 3);
const seconds = Number(process.argv[3] || 0.5);
const server = await startServer();
const browser = await launchBrowser();
for (let round = 1; round <= rounds; ++round) {
  const page = await browser.newPage();
  await page.goto(`${server.url}bench/bench.html?only=scaling&seconds=${seconds}&sizes=256,512,1024`);
  const result = await waitFor(page, () => window.benchResult, (r) => !!r, 600000, 'the scaling rows');
  if (result.error || !result.scaling) throw new Error(result.error || 'the page is not cross-origin isolated');
  const one = result.scaling[0];
  for (const row of result.scaling)
    console.log(`round ${round}, ${row.threads} threads: gemm ${Object.entries(row.gemm).map(([n, g]) => `${n}: ${g.toFixed(1)}`).join(', ')} GFLOPS; ` +
                `mlp ${row.mlp.toFixed(0)} (${(row.mlp / one.mlp).toFixed(2)}x), cnn ${row.cnn.toFixed(0)} (${(row.cnn / one.cnn).toFixed(2)}x) samples/s`);
  await page.close();
}
await browser.close();
server.stop();
