// Figures sized from their pane (issue 31): the layout report's "figures" (each window's share of its inner
// area that the figures noted in it take: heatmaps, planes, matrices, image grids, plot frames) and its
// "over_curves" (text a plotted curve crosses). For every example at 1400x900, 2560x1440@2, 3840x2160@1
// and 390x844@3, no text lies on a curve, over other text or a picture, or is cut (layoutProblems), and
// the Output window's figures take at least a quarter of it (the attention matrix took 4% at 170 px, the GAN plane 9% at 300 px, the
// categorical VAE's prototypes 3% at 2560x1440), and no slider's value is hidden (hidden_values: a
// slider handle drawn over its digits, "0▮50"). Sliders are drawn by widgets/value_slider.h alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exampleFragment, launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

// Every example: its figures fill at least a quarter of the output pane once it has trained `steps`
// (the autoencoder and the DBN past pretraining, when their reconstructions' row appears).
const steps = { 'autoencoder-digits': 4400, 'dbn-digits': 800 };
const examples = fs.readdirSync(path.join(repoRoot, 'examples/configs'))
  .filter((f) => f.endsWith('.cfg') && !f.startsWith('fashion')).map((f) => f.slice(0, -4)).sort();
const minShare = 0.25;

// Every slider of the page goes through ValueSliderFloat/Int (the report sees those); ImGui's own would
// draw their handle over the value.
{
  const own = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(cpp|h)$/.test(e.name) && !e.name.startsWith('value_slider') &&
               /ImGui::Slider(Float|Int|Scalar)/.test(fs.readFileSync(p, 'utf8'))) own.push(p);
    }
  };
  walk(path.join(repoRoot, 'ui'));
  assert.deepEqual(own, [], 'ImGui sliders outside widgets/value_slider.cpp');
}

const server = await startServer();
const browser = await launchBrowser();
let failed = false;
for (const [width, height, scale] of [[1400, 900, 1], [2560, 1440, 2], [3840, 2160, 1], [390, 844, 3]]) {
  const runner = testRunner(browser, { viewport: { width, height }, deviceScaleFactor: scale });
  const { test } = runner;
  await test(`at ${width}x${height}@${scale} no text lies on a curve, and sized views fill >= ${minShare} of their pane`, async (page, errors) => {
    const problems = [];
    for (const name of examples) {
      await page.goto('about:blank');
      await page.goto(server.url + '?autoplay=0#' + exampleFragment(name));
      await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task && !(s.models && s.models.loading), 60000, name);
      // Curves with points, pictures of a trained model.
      await page.evaluate((n) => window.netlab.step(n), steps[name] || 50);
      await page.waitForTimeout(500);
      await twoFrames(page);
      const report = await page.evaluate(() => window.netlab.layoutReport());
      const output = report.figures.find((f) => f.window === 'Output') || { share: 0, count: 0 };
      console.log(`# ${name}: figures ${output.share} of the output pane (${output.count}), ${report.over_curves.length} texts on curves`);
      for (const c of report.over_curves) problems.push(`${name}: "${c.text}" lies on a curve at (${c.x}, ${c.y})`);
      problems.push(...layoutProblems(report, name));  // text over text, cut text, text over pictures
      for (const h of report.hidden_values) problems.push(`${name}: the slider value "${h.text}" is hidden`);
      if (output.share < minShare) problems.push(`${name}: figures take ${output.share} of the pane`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
  });
  failed = failed || runner.failed();
}
// The report's own check: a label a curve crosses is found, and a 100 x 100 figure in a 200 x 200 window
// (its inner area) is a share of 0.25.
{
  const runner = testRunner(browser, { viewport: { width: 1000, height: 700 } });
  await runner.test('the layout report finds text a curve crosses and measures a figure\'s share', async (page, errors) => {
    await page.goto(server.url + '?autoplay=0');
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
    await page.evaluate(() => window.netlab.module.ccall('netlab_test_layout_fixture', null, [], []));
    const report = await waitFor(page, () => window.netlab.layoutReport(),
                                 (r) => r.figures.some((f) => f.window === 'Layout fixture'), 10000, 'the fixture');
    assert.deepEqual(report.over_curves.map((c) => [c.text, c.window]), [['crossed label', 'Layout fixture']]);
    const share = report.figures.find((f) => f.window === 'Layout fixture').share;
    assert.ok(Math.abs(share - 0.25) < 0.02, `the fixture's figure share: ${share}`);
    // The slider whose bar lies across its digits is named; the page's own slider is not.
    assert.deepEqual(report.hidden_values.map((h) => [h.text, h.window]), [['covered 0.50', 'Layout fixture']]);
    assert.deepEqual(errors, []);
  });
  failed = failed || runner.failed();
}
await browser.close();
server.stop();
process.exit(failed ? 1 : 0);
