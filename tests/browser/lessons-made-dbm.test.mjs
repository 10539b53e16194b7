// The MADE and deep Boltzmann machine lessons in the served page: each opens from its example config's
// link, trains in the output area to its known value (MADE's exact test log-likelihood beats independent
// pixels with samples drawn; the DBM's mean-field bound rises 5 nats above the untrained 64 log(1/2) =
// -44.4), and draws no text over text nor cut text on a laptop (1400 x 900) and a phone (360 x 640 at 3x).
// Screenshots go to out/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exampleFragment, launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();

const lessons = [
  ['made-digits', 'made', 'MADE', (s) => s.epoch >= 2 && s.made_test_ll > s.baseline_test_ll && s.samples === 10 &&
    Number.isFinite(s.rbm_test_ll)],
  ['dbm-digits', 'dbm', 'DBM', (s) => s.epoch >= 2 && s.test_bound > -44.36 + 5 && s.chains === 100],
];

const { test, failed } = testRunner(browser, { outDir });

for (const screen of [{ width: 1400, height: 900, scale: 1 }, { width: 360, height: 640, scale: 3 }]) {
  const tag = `${screen.width}x${screen.height}@${screen.scale}`;
  const options = { viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.scale };
  for (const [example, task, view, learned] of lessons) {
    await test(`${example} at ${tag}: opens from its link, learns, and lays out cleanly`, options, async (page, errors) => {
      await page.goto('about:blank');
      await page.goto(server.url + '?autoplay=0#' + exampleFragment(example));
      await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.task !== undefined, 60000, 'the app');
      assert.equal((await page.evaluate(() => window.netlab.status())).task, task);
      await page.evaluate(() => window.netlab.setPlaying(true));
      const status = await waitFor(page, (v) => window.netlab.status().models.views[v], (s) => s && learned(s), 90000,
                                   `the ${view} lesson to learn`, view);
      console.log(`  ${view}: ${JSON.stringify(status)}`);
      await page.evaluate(() => window.netlab.setPlaying(false));
      await twoFrames(page);
      const report = await page.evaluate(() => window.netlab.layoutReport());
      await page.screenshot({ path: path.join(outDir, `lesson-${task}-${tag}.png`) });
      const found = layoutProblems(report, `${view} ${tag}`);
      assert.deepEqual(errors, []);
      assert.ok(found.length === 0, found.join('\n'));
    });
  }
}
await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
