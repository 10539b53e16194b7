// The lessons (engine/lessons, ui/lessons) in the served page: the perceptron, planar-flow,
// coupling-flow and random-labels examples open from their links on their task and view, train there
// (the numbers move the right way), and draw no text over text and cut none on a phone (360x640 at 3x)
// and a laptop screen (1400x900). Screenshots go to out/lesson-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { exampleFragment, finish, launchBrowser, layoutAfterFrames, outFolder, startServer, testRunner, waitFor } from './browser.mjs';

const outDir = outFolder();

const server = await startServer();
const browser = await launchBrowser();
async function open(page, example) {
  await page.goto('about:blank');
  await page.goto(server.url + '?autoplay=0#' + exampleFragment(example));
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 30000, 'the app to start');
}

const laptop = testRunner(browser, { viewport: { width: 1280, height: 800 }, outDir });
await laptop.test('the lessons open from their example links and learn in the page', async (page, errors) => {
    await open(page, 'perceptron');
    assert.equal((await page.evaluate(() => window.netlab.status())).task, 'perceptron');
    await page.evaluate(() => window.netlab.setPlaying(true));
    // 100 separable points, 20 updates a second: Rosenblatt's rule is done within (R/gamma)^2 updates.
    const perceptron = await waitFor(page, () => window.netlab.status().models.views.Perceptron,
                                     (p) => p && p.rosenblatt_errors === 0 && p.steps > 0, 60000, 'the perceptron to separate');
    console.log(`  perceptron: ${JSON.stringify(perceptron)}`);
    for (const example of ['planar-flow', 'coupling-flow']) {
      await open(page, example);
      assert.equal((await page.evaluate(() => window.netlab.status())).task, 'flow');
      await page.evaluate(() => window.netlab.setPlaying(true));
      const first = await waitFor(page, () => window.netlab.status().models.views.Flow, (f) => !!f, 10000, 'the flow view');
      const flow = await waitFor(page, () => window.netlab.status().models.views.Flow,
                                 (f) => f.steps >= 800, 60000, `${example} to take 800 steps`);
      console.log(`  ${example}: ${JSON.stringify(flow)}`);
      assert.ok(flow.log_likelihood > first.log_likelihood, `${example}'s held-out log-likelihood rises`);
      if (example === 'coupling-flow')
        assert.ok(flow.log_likelihood > flow.gaussian_log_likelihood, 'the coupling flow beats the Gaussian on the ring');
      await page.screenshot({ path: path.join(outDir, `lesson-${example}-1280.png`) });
    }
    await open(page, 'random-labels');
    const status = await page.evaluate(() => window.netlab.status());
    assert.equal(status.task, 'classify');
    await page.evaluate(() => window.netlab.setPlaying(true));
    const run = await waitFor(page, () => window.netlab.status().run, (c) => c && c.epoch >= 3, 60000, 'three epochs');
    console.log(`  random-labels: ${JSON.stringify(run)}`);
    assert.ok(run.test_accuracy < 0.25, `the test accuracy stays near chance with random labels (${run.test_accuracy})`);
    await page.screenshot({ path: path.join(outDir, 'lesson-random-labels-1280.png') });
    assert.deepEqual(errors, []);
  });

let failed = laptop.failed();
for (const screen of [{ width: 360, height: 640, scale: 3 }, { width: 1400, height: 900, scale: 1 }]) {
  const tag = `${screen.width}x${screen.height}@${screen.scale}`;
  const runner = testRunner(browser, { viewport: { width: screen.width, height: screen.height },
                                       deviceScaleFactor: screen.scale, outDir });
  await runner.test(`the lesson views at ${tag} draw no text over text and cut none`, async (page, errors) => {
      const found = [];
      for (const example of ['perceptron', 'planar-flow', 'random-labels']) {
        await open(page, example);
        await page.evaluate(() => window.netlab.setPlaying(true));
        await new Promise((r) => setTimeout(r, 1500));
        found.push(...await layoutAfterFrames(page, `${example} ${tag}`, path.join(outDir, `lesson-${example}-${tag}.png`)));
      }
      assert.deepEqual(errors, []);
      assert.ok(found.length === 0, found.join('\n'));
    });
  failed = failed || runner.failed();
}
await finish(browser, server, failed);
