// The MADE and deep Boltzmann machine lessons in the served page: each opens from its example config's
// link, trains in the output area to its known value (MADE's exact test log-likelihood beats independent
// pixels with samples drawn; the DBM's mean-field bound rises 5 nats above the untrained 64 log(1/2) =
// -44.4), and draws no text over text nor cut text on a laptop (1400 x 900) and a phone (360 x 640 at 3x).
// Screenshots go to out/.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testLessons, testRunner } from './browser.mjs';

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

await testLessons(test, server, outDir, lessons);
await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
