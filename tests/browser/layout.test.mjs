// No text over text and no text cut off, from a phone to a 4K screen: at each size the page's own layout
// report (window.netlab.layoutReport(), ui/platform/layout_report.cpp) lists every run of glyphs the last
// frame drew, the pairs that overlap and the runs cut by their window, the screen or an ellipsis; each
// list must be empty. Checked for the playground (and its controls screen where the screen is narrow),
// the teaching views and the three embeds of examples/course-page.html. Screenshots go to out/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
// The four screens: phone, tablet, laptop, 4K monitor (CSS pixels and device pixel ratio).
const screens = [
  { width: 360, height: 640, scale: 3 },
  { width: 768, height: 1024, scale: 2 },
  { width: 1400, height: 900, scale: 1 },
  { width: 3840, height: 2160, scale: 1 },
];
const views = ['backprop', 'gradient_check', 'layers', 'errors', 'race'];

function problems(report, where) {
  assert.ok(report.runs >= 5, `${where}: only ${report.runs} text runs drawn: ${JSON.stringify(report)}`);
  return layoutProblems(report, where);
}

const server = await startServer();
const browser = await launchBrowser();
let failed = false;
for (const screen of screens) {
  const tag = `${screen.width}x${screen.height}@${screen.scale}`;
  const { test, failed: anyFailed } = testRunner(browser, {
    viewport: { width: screen.width, height: screen.height }, outDir,
  });
  const open = async (page, url) => {
    await page.setViewportSize({ width: screen.width, height: screen.height });
    await page.goto(url);
  };
  await test(`playground and views at ${tag} draw no text over text and cut none`, async (page, errors) => {
    await open(page, server.url + 'index.html?autoplay=0');
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 60000, 'the playground');
    const found = [];
    await twoFrames(page);
    found.push(...problems(await page.evaluate(() => window.netlab.layoutReport()), `playground ${tag}`));
    await page.screenshot({ path: path.join(outDir, `layout-playground-${tag}.png`) });
    // A narrow screen shows the controls behind their own button.
    const drawn = () => window.netlab.module.ccall('netlab_frames_drawn', 'number', [], []);
    const controls = await page.evaluate(() => window.netlab.itemRect('Controls screen'));
    if (controls) {
      // Four frames the app drew after the click: the controls window has measured its content and knows
      // that it scrolls (with two animation frames a loaded machine could read it before it did).
      const before = await page.evaluate(drawn);
      await page.mouse.click(controls.x + controls.width / 2, controls.y + controls.height / 2);
      await waitFor(page, drawn, (frames) => frames >= before + 4, 10000, 'four frames of the controls');
      await twoFrames(page);
      found.push(...problems(await page.evaluate(() => window.netlab.layoutReport()), `controls ${tag}`));
      await page.screenshot({ path: path.join(outDir, `layout-controls-${tag}.png`) });
      const output = await page.evaluate(() => window.netlab.itemRect('Output screen'));
      await page.mouse.click(output.x + output.width / 2, output.y + output.height / 2);
    }
    for (const view of views) {
      // Four frames the app really drew (a loaded machine may skip some animation frames), so that
      // child windows have sized themselves and know whether they scroll before the report is read.
      const before = await page.evaluate(drawn);
      await page.evaluate((v) => window.netlab.setView(v), view);
      await waitFor(page, drawn, (frames) => frames >= before + 4, 10000, `four frames of the ${view} view`);
      await twoFrames(page);
      found.push(...problems(await page.evaluate(() => window.netlab.layoutReport()), `${view} ${tag}`));
      await page.screenshot({ path: path.join(outDir, `layout-${view}-${tag}.png`) });
    }
    assert.deepEqual(errors, []);
    assert.ok(found.length === 0, found.join('\n'));
  });
  await test(`course page at ${tag}: embeds fit and draw no text over text`, async (page, errors) => {
    await open(page, server.url + 'examples/course-page.html?autoplay=0');
    await waitFor(page, async () => { window.handles = await window.demos; return window.handles.length; },
                  (n) => n === 3, 60000, 'three mounted playgrounds');
    await twoFrames(page);
    const found = [];
    const reports = await page.evaluate(() => window.handles.map((h) => h.layoutReport()));
    reports.forEach((r, i) => found.push(...problems(r, `embed ${i} ${tag}`)));
    // Each embed's canvas fills its box: it is as wide as the element that holds it.
    const fits = await page.evaluate(() => window.handles.map((h) => [h.canvas.clientWidth, h.element.clientWidth]));
    for (const [canvas, box] of fits) assert.ok(Math.abs(canvas - box) <= 2, `canvas ${canvas} px in a ${box} px box`);
    await page.screenshot({ path: path.join(outDir, `layout-course-page-${tag}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    assert.ok(found.length === 0, found.join('\n'));
  });
  failed = failed || anyFailed();
}
await browser.close();
server.stop();
process.exit(failed ? 1 : 0);
