// The sigmoid belief net, deep Q-learning and attention lessons in the served page: each opens from its
// example config's link, trains in the output area to its known value (the Gibbs posteriors reach the
// exact ones; the greedy policy becomes optimal in every cell; reversal is learnt with anti-diagonal
// attention), and draws no text over text nor cut text on a laptop
// (1400 x 900) and a phone (360 x 640 at 3x). Screenshots go to out/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exampleFragment, launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();

// Exact posteriors of the two-causes net (engine/models/sigmoid_belief_net.h); 0.03 as in
// tests/cli/lessons_sbn_dqn_attention_cli_test.sh.
const near = (s, key) => Math.abs(s[`earthquake_given_${key}`] - s[`exact_${key}`]) < 0.03;
const lessons = [
  ['sigmoid-belief-net', 'sbn', 'SBN', (s) => s.pretrained && s.sweeps > 2000 && near(s, 'alarm') &&
    near(s, 'alarm_burglar') && near(s, 'alarm_no_burglar') && s.samples === 10],
  ['dqn-gridworld', 'dqn', 'DQN', (s) => s.moves > 5000 && s.optimal_cells === s.cells],
  ['attention-reverse', 'attention', 'Attention', (s) => s.updates > 500 && s.test_accuracy >= 0.99 && s.anti_diagonal > 0.9],
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
