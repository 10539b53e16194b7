// While training, the page keeps drawing at 30 frames a second or more in headless Chromium's software
// GL at 1400x900, for the default playground and for a 12-layer x 256-unit network (fewer steps per
// frame, never fewer frames), and the UI's own time per frame (status().ui_ms) stays within 5 ms.
// Frames are counted with requestAnimationFrame, which paces the app's main loop. The machine may be
// shared: a failure here under load is reported as measured, never retried with a lower bar.
// A measurement, not a gate test (speed is measured in benchmarks): run `node bench/frame-rate.mjs`
// after ./scripts/build-web. On the 2-core development machine it measured 11.5 fps (ui_ms 3.7) for
// the default playground and 6.2 fps (ui_ms 12.3) for 12 x 256, short of the 30 fps target. With the
// window backgrounds left to the clear, points as sprites and at most 48 weight lines per layer pair,
// at a load average of 9-11 (other builds running): 11.2-13.5 fps and 4.9-6.2 fps, where the same
// run of the earlier build measured 7.1 and 1.9 fps. bench/frame-profile.mjs shows where a frame goes:
// under that load most of it is SwiftShader rasterising (render_ms), which grows with the pixels
// covered and the triangles drawn. Partial redraw (ui/platform/partial_redraw.h) cut that: at a load
// average of 2-4, the default playground 23.9 fps (17.8 with NETLAB_REDRAW=full), 12 x 256 16.1 (11.7),
// the digits-cnn Layers tab 27.0 (17.3). A frame that redraws even 9% of the canvas still costs 20-30 ms
// in the browser (render_ms), most likely its copy and composite of the whole canvas in SwiftShader; a
// frame that redraws nothing costs about 5 ms (autoencoder-digits between reports: 52 fps). A trace
// (Chromium's tracing, the GPU process) then showed its main thread busy all the time, in the
// compositor's readback waiting for SwiftShader; a page with one tiny draw a frame still ran at 58 fps,
// so the cost was our triangles: every frame redrew the model's pictures (thousands of anti-aliased
// circles and rectangles in the GAN, flow and perceptron views). With the pictures moving on at most ten
// times a second (ui/widgets/picture_cadence.h), planes and images as textures, points as sprites and
// steps dearer than the budget paced over frames (engine/pacing/training_pace.h), and ImGui's GL-state
// queries answered without a round trip, every case met both targets (31.6-56.9 fps, ui_ms <= 4.9).
// Those answered queries seemed to make headless Chromium stop issuing frames now and then, so they were
// taken out for a while (render_ms 20-35 ms, most views 22-35 fps). A trace showed the real cause: the
// WebGPU kernels compiling (0.8 s in SwiftShader on the GPU process's main thread) just after start;
// they now compile only when the GPU is to be used, and with the answers back every case measured
// 34.2-60.1 fps with ui_ms 0.6-3.1 (12 x 256: 41.2 fps, ui_ms 3.0); with NETLAB_GLSTATE=ask in the
// same minutes, 33-43 fps and render_ms 10-21 ms.
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { exampleFragment, launchBrowser, repoRoot, startServer, testRunner, waitFor } from '../tests/browser/browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
const minFps = 30;    // the floor for a training page
const maxUiMs = 5;    // the ceiling for the UI's own time per frame
const wide = Array(12).fill('256:relu').join(',');
// The playground, then every task's view as its example opens it (Fashion-MNIST's examples are left
// out: they wait for the data set to download, and draw the same views as the digits ones), plus the
// classification task's Layers tab. `node bench/frame-rate.mjs NAME...` measures only those cases.
const examples = fs.readdirSync(path.join(repoRoot, 'examples/configs'))
  .filter((f) => f.endsWith('.cfg') && !f.startsWith('fashion')).map((f) => f.slice(0, -4)).sort();
const cases = [
  ['the default playground', ''],
  ['a 12 x 256 network', `#version=1&layers=${wide}`],
  ...examples.map((name) => [name, '#' + exampleFragment(name)]),
  ['digits-cnn Layers tab', '#' + exampleFragment('digits-cnn') + '&view=layers'],
].filter(([name]) => process.argv.length <= 2 || process.argv.slice(2).some((a) => name.includes(a)));
// `node bench/frame-rate.mjs screens` measures only the screen sizes at the end.

// NETLAB_REDRAW=full measures the page redrawing its whole canvas every frame (?redraw=full), for
// comparison with the partial redraw it does by default (ui/platform/partial_redraw.h).
// NETLAB_GLSTATE=ask lets ImGui's GL backend ask GL for its state every frame (?glstate=ask), a round
// trip to the GPU process each, instead of being answered (ui/platform/known_gl_state.h).
const query = '?' + [process.env.NETLAB_REDRAW === 'full' ? 'redraw=full' : '',
                     process.env.NETLAB_GLSTATE === 'ask' ? 'glstate=ask' : ''].filter(Boolean).join('&');

const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1400, height: 900 }, outDir });
for (const [name, link] of cases) {
  await test(`${name} trains at >= ${minFps} fps with ui_ms <= ${maxUiMs}`, async (page, errors) => {
    await page.goto(server.url + 'index.html' + query + link);
    const playground = !link || link.includes('version=1');
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => !playground || s.step > 0, 60000, 'training');
    assert.equal((await page.evaluate(() => window.netlab.status())).message, '', 'the link was accepted');
    // Let the first pictures finish, then count frames over 3 s.
    await page.waitForTimeout(2000);
    const before = await page.evaluate(() => window.netlab.status());
    const frames = await page.evaluate(() => new Promise((resolve) => {
      let count = 0;
      const start = performance.now();
      const tick = (now) => {
        if (now - start >= 3000) return resolve(count / ((now - start) / 1000));
        count += 1;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }));
    const after = await page.evaluate(() => window.netlab.status());
    const timing = await page.evaluate(() => JSON.parse(window.netlab.module.ccall('netlab_frame_timing', 'string', [], [])));
    console.log(`# ${name}: ${frames.toFixed(1)} frames/s, ui_ms ${after.ui_ms.toFixed(2)}, ` +
                `render_ms ${timing.render_ms.toFixed(2)}, last frame redrew ${(100 * timing.redrawn).toFixed(0)}%` +
                (playground ? `, ${after.step - before.step} steps in about 3 s` : ''));
    assert.ok(playground ? after.step > before.step : after.playing, 'it kept training');
    assert.ok(frames >= minFps, `${frames.toFixed(1)} frames/s < ${minFps}`);
    assert.ok(after.ui_ms <= maxUiMs, `ui_ms ${after.ui_ms} > ${maxUiMs}`);
    assert.deepEqual(errors, []);
  });
}

// Screens of every size (issue 31): the default playground's training speed is counted in steps per
// second (App::StepsThisFrame), so at 2560x1440@2 and 3840x2160@1 it keeps >= 80% of its 1400x900
// speed, and the frame rate there is within 80% of a bare WebGL page that only clears a canvas of the
// same size in the same run (the software renderer's ceiling for that many pixels). Measured on the
// 2-core machine (`node bench/frame-rate.mjs screens`): 299.6 / 305.9 / 298.4 steps/s at 1400x900,
// 2560x1440@2 and 3840x2160@1 (the page drew 5 steps a frame before: 290 / 29), at 60.0 / 14.7 / 13.0 fps
// against the bare page's 60.3 / 18.3 / 15.0. Frames in SwiftShader vary by +-20% from run to run.
const bare = `<canvas id=c style="position:fixed;left:0;top:0;width:100vw;height:100vh"></canvas><script>
const c = document.getElementById('c'); c.width = innerWidth * devicePixelRatio; c.height = innerHeight * devicePixelRatio;
const gl = c.getContext('webgl2'); let n = 0;
(function f() { gl.clearColor(n++ % 2, 0.5, 0.5, 1); gl.clear(gl.COLOR_BUFFER_BIT); requestAnimationFrame(f); })();</script>`;
const countFrames = (page, ms) => page.evaluate((ms) => new Promise((resolve) => {
  let count = 0;
  const start = performance.now();
  const tick = (now) => {
    if (now - start >= ms) return resolve(count / ((now - start) / 1000));
    count += 1;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}), ms);
const screens = [[1400, 900, 1], [2560, 1440, 2], [3840, 2160, 1]];
let baseSteps = null;
for (const [width, height, scale] of process.argv.length <= 2 || process.argv.includes('screens') ? screens : []) {
  const name = `${width}x${height}@${scale}`;
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  try {
    const bareTab = await context.newPage();
    await bareTab.setContent(bare);
    await bareTab.waitForTimeout(1000);
    const bareFps = await countFrames(bareTab, 4000);
    await bareTab.close();
    const page = await context.newPage();
    await page.goto(server.url + 'index.html' + query + '#dataset=circle');
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 60000, 'training');
    await page.waitForTimeout(1500);
    const before = await page.evaluate(() => ({ step: window.netlab.status().step, at: performance.now() }));
    const fps = await countFrames(page, 5000);
    const after = await page.evaluate(() => ({ step: window.netlab.status().step, at: performance.now() }));
    const steps = (after.step - before.step) / ((after.at - before.at) / 1000);
    if (baseSteps === null) baseSteps = steps;
    const line = `${name}: ${steps.toFixed(1)} steps/s (${(100 * steps / baseSteps).toFixed(0)}% of 1400x900), ` +
                 `${fps.toFixed(1)} fps, bare WebGL ${bareFps.toFixed(1)} fps (${(100 * fps / bareFps).toFixed(0)}%)`;
    console.log(`# ${line}`);
    const ok = steps >= 0.8 * baseSteps && fps >= 0.8 * Math.min(bareFps, 60);
    console.log(`${ok ? 'ok' : 'not ok'} - ${name} keeps its training speed and the bare page's frame rate`);
    if (!ok) process.exitCode = 1;
  } finally {
    await context.close();
  }
}
await browser.close();
server.stop();
process.exit(failed() || process.exitCode ? 1 : 0);
