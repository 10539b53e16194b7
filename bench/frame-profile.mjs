// Where a training frame's time goes, in headless Chromium at 1400x900: the time inside each
// requestAnimationFrame callback (the wasm Frame with its GL calls) against the time between frames
// (the browser's own work: compositing, SwiftShader's rasterising), and the app's own ui_ms / train
// share. A profiling aid beside bench/frame-rate.mjs: `node bench/frame-profile.mjs [link]`.
import { launchBrowser, repoRoot, startServer, waitFor } from '../tests/browser/browser.mjs';

const link = process.argv[2] || '';
const size = (process.argv[3] || '1400x900@1').match(/(\d+)x(\d+)@([\d.]+)/);
const server = await startServer();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: +size[1], height: +size[2] }, deviceScaleFactor: +size[3] });
await page.addInitScript(() => {
  const inside = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.__frameTimes = inside;
  window.requestAnimationFrame = (callback) => raf((now) => {
    const start = performance.now();
    callback(now);
    inside.push([now, performance.now() - start]);
  });
});
await page.goto(server.url + 'index.html' + link);
await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 60000, 'training');
await page.waitForTimeout(2000);
const before = await page.evaluate(() => { window.__frameTimes.length = 0; return window.netlab.status(); });
await page.waitForTimeout(3000);
const result = await page.evaluate(() => window.__frameTimes.slice());
const after = await page.evaluate(() => window.netlab.status());
const timing = await page.evaluate(() => JSON.parse(window.netlab.module.ccall('netlab_frame_timing', 'string', [], [])));
const spans = result.map((r, i) => (i ? r[0] - result[i - 1][0] : 0)).slice(1);
const mean = (a) => a.reduce((s, x) => s + x, 0) / Math.max(1, a.length);
console.log(`${result.length} callbacks in 3 s; mean inside callback ${mean(result.map((r) => r[1])).toFixed(1)} ms; ` +
            `mean frame interval ${mean(spans).toFixed(1)} ms; ui_ms ${after.ui_ms.toFixed(2)}; ` +
            `steps ${after.step - before.step}; fps(status) ${after.fps.toFixed(1)}; ${JSON.stringify(timing)}`);
await browser.close();
server.stop();
