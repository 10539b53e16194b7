// The sigmoid belief net, deep Q-learning and attention lessons in the served page: each opens from its
// example config's link, trains in the output area to its known value (the Gibbs posteriors reach the
// exact ones; the greedy policy becomes optimal in every cell; reversal is learnt with anti-diagonal
// attention), and draws no text over text nor cut text on a laptop
// (1400 x 900) and a phone (360 x 640 at 3x). Screenshots go to out/.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testLessons, testRunner } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();

// Exact posteriors of the two-causes net (engine/boltzmann/sigmoid_belief_net.h); 0.03 as in
// tests/cli/lessons_sbn_dqn_attention_cli_test.sh.
const near = (s, key) => Math.abs(s[`earthquake_given_${key}`] - s[`exact_${key}`]) < 0.03;
const lessons = [
  ['sigmoid-belief-net', 'sbn', 'SBN', (s) => s.pretrained && s.sweeps > 2000 && near(s, 'alarm') &&
    near(s, 'alarm_burglar') && near(s, 'alarm_no_burglar') && s.samples === 10],
  // The DQN lesson ends at move 4,000 (its 3,000-move ε decay + 1,000; TaskRun::Progress) and pauses there.
  ['dqn-gridworld', 'dqn', 'DQN', (s) => s.moves >= 4000 && s.optimal_cells === s.cells],
  ['attention-reverse', 'attention', 'Attention', (s) => s.updates > 500 && s.test_accuracy >= 0.99 && s.anti_diagonal > 0.9],
];

const { test, failed } = testRunner(browser, { outDir });

await testLessons(test, server, outDir, lessons);
await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
