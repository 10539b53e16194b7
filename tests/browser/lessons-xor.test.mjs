// The XOR-by-hand lesson (task xor-by-hand, ui/views/xor_by_hand_view.cpp) in the served page, on a laptop
// (1400x900) and a phone (360x640 at 3x): the example opens from its link on its task with Goodfellow et
// al.'s weights (2016, §6.1), whose outputs on the four points are exactly 0, 1, 1, 0, beside the
// least-squares line's J = 1/4; the same lesson from random weights (xor_init=random, xor_train=1) trains
// as the page plays, its cost falling below the line's, to the lesson's end; no text over text, none cut.
// Screenshots go to out/lesson-xor-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { exampleFragment, finish, launchBrowser, layoutAfterFrames, outFolder, startServer, testRunner, waitFor } from './browser.mjs';

const outDir = outFolder();
const server = await startServer();
const browser = await launchBrowser();
const view = (page) => page.evaluate(() => window.netlab.status().models.views['XOR by hand']);

let failed = false;
for (const screen of [{ width: 1400, height: 900, scale: 1 }, { width: 360, height: 640, scale: 3 }]) {
  const tag = `${screen.width}x${screen.height}@${screen.scale}`;
  const runner = testRunner(browser, { viewport: { width: screen.width, height: screen.height },
                                       deviceScaleFactor: screen.scale, outDir });
  await runner.test(`xor-by-hand at ${tag}: the book's weights give 0, 1, 1, 0 and the line J = 1/4`, async (page, errors) => {
    await page.goto(server.url + '?autoplay=0#' + exampleFragment('xor-by-hand'));
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task === 'xor-by-hand', 30000, 'the app');
    const s = await waitFor(page, () => window.netlab.status().models.views['XOR by hand'], (v) => !!v, 30000, 'the view');
    assert.deepEqual(s.outputs, [0, 1, 1, 0]);
    assert.equal(s.cost, 0);
    assert.equal(s.solved, true);
    assert.equal(s.linear_cost, 0.25);
    const found = await layoutAfterFrames(page, `xor-by-hand ${tag}`, path.join(outDir, `lesson-xor-${tag}.png`));
    assert.ok(found.length === 0, found.join('\n'));
    assert.deepEqual(errors, []);
  });
  await runner.test(`xor-by-hand at ${tag}: from random weights the page trains it below the line's cost`, async (page, errors) => {
    await page.goto(server.url + '?autoplay=0#' + exampleFragment('xor-by-hand') + '&xor_init=random&xor_train=1&seed=1');
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task === 'xor-by-hand', 30000, 'the app');
    const start = await waitFor(page, () => window.netlab.status().models.views['XOR by hand'], (v) => !!v, 30000, 'the view');
    assert.equal(start.steps, 0);
    await page.evaluate(() => window.netlab.setPlaying(true));
    // A paced lesson: it takes seconds, not one frame, to reach its 3,000 steps.
    const end = await waitFor(page, () => window.netlab.status().models.views['XOR by hand'], (v) => v.steps >= 3000, 120000,
                              'the lesson to end');
    console.log(`  ${tag}: cost ${start.cost} -> ${end.cost} after ${end.steps} steps, outputs ${end.outputs.map((o) => o.toFixed(3))}`);
    assert.ok(end.cost < start.cost && end.cost < 0.25, `the cost went ${start.cost} -> ${end.cost}`);
    await page.evaluate(() => window.netlab.setPlaying(false));
    const found = await layoutAfterFrames(page, `xor-by-hand trained ${tag}`, path.join(outDir, `lesson-xor-trained-${tag}.png`));
    assert.ok(found.length === 0, found.join('\n'));
    assert.deepEqual(errors, []);
  });
  failed = failed || runner.failed();
}
await finish(browser, server, failed);
