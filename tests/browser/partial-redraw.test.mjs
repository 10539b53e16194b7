// Partial redraw (ui/platform/partial_redraw.h) draws exactly what a whole redraw draws. The page's
// self-check draws each checked frame twice, as partial redraw draws it over the canvas kept from the
// frame before and whole over a cleared canvas, and counts the pixels that differ: they must be none,
// while training (the heatmap's texture, the plots and the numbers change), under a moving mouse (hover
// colours, tooltips), at pixel ratios 1, 1.5 (rounding between CSS and device pixels), 2 and 3, and in a
// model view. Partial redraw must also pay: while the playground trains, frames redraw part of the canvas.
// ?redraw=full turns it off.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exampleFragment, launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { outDir });

// Functions evaluated in the page.
const check = () => JSON.parse(window.netlab.module.ccall('netlab_redraw_check', 'string', [], []));
const timing = () => JSON.parse(window.netlab.module.ccall('netlab_frame_timing', 'string', [], []));

async function checkFrames(page, frames, { width, height }) {
  await page.evaluate((n) => window.netlab.module.ccall('netlab_redraw_check_start', null, ['number'], [n]), frames);
  // The mouse crosses the page meanwhile: hovered buttons and tooltips change a few tiles.
  for (let i = 0; i < 12; ++i) {
    await page.mouse.move(((i * 97) % 10 + 0.5) * width / 10, ((i * 53) % 10 + 0.5) * height / 10, { steps: 3 });
    await page.waitForTimeout(150);
  }
  return waitFor(page, check, (c) => c.frames >= frames, 120000, `${frames} checked frames`);
}

const screens = [
  { width: 1400, height: 900, scale: 1 },
  { width: 768, height: 1024, scale: 1.5 },
  { width: 1000, height: 700, scale: 2 },
  { width: 360, height: 640, scale: 3 },
];
for (const screen of screens) {
  const tag = `${screen.width}x${screen.height}@${screen.scale}`;
  const options = { viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.scale };
  await test(`the training playground at ${tag}: partial redraws equal whole ones`, options, async (page, errors) => {
    await page.goto(server.url + '#dataset=spiral&seed=5');
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 20, 60000, 'training');
    const result = await checkFrames(page, 24, screen);
    console.log(`  ${tag}: ${JSON.stringify(result)}`);
    assert.equal(result.differing_pixels, 0, `frame ${result.first_bad_frame} differs from its whole redraw`);
    assert.ok(result.partial_frames >= result.frames / 2, `only ${result.partial_frames} of ${result.frames} frames partial`);
    assert.ok(result.mean_redrawn < 0.9, `frames redrew ${(100 * result.mean_redrawn).toFixed(0)}% of the canvas`);
    assert.deepEqual(errors, []);
  });
}

await test('digits-cnn\'s model view at 1000x700@2: partial redraws equal whole ones',
           { viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 }, async (page, errors) => {
  await page.goto(server.url + '#' + exampleFragment('digits-cnn'));
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.task === 'classify', 60000, 'the app');
  await page.evaluate(() => window.netlab.setPlaying(true));
  await page.waitForTimeout(2000);
  const result = await checkFrames(page, 16, { width: 1000, height: 700 });
  console.log(`  digits-cnn: ${JSON.stringify(result)}`);
  assert.equal(result.differing_pixels, 0, `frame ${result.first_bad_frame} differs from its whole redraw`);
  assert.deepEqual(errors, []);
});

await test('?redraw=full redraws the whole canvas every frame', { viewport: { width: 800, height: 600 } }, async (page, errors) => {
  await page.goto(server.url + '?redraw=full#dataset=xor');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 5, 60000, 'training');
  const t = await page.evaluate(timing);
  assert.equal(t.redrawn, 1);
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
