// End to end in headless Chromium: the hyperparameter search window opens, runs a Bayesian search over
// learning rate and width on the playground's config, and "Apply best" loads a searched config into the
// playground. ImGui draws on a canvas, so the test clicks at the window's fixed first-use layout
// (1280x800 viewport: window at x = 1280 - 580, y = 40).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
const setting = (text, key) => new URLSearchParams(text).get(key);
let failed = false;
try {
  await page.goto(server.url + '?autoplay=0');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the app to start');
  const before = await page.evaluate(() => window.netlab.configText());
  assert.equal(setting(before, 'layers'), '4:tanh,2:tanh');
  await page.evaluate(() => window.netlab.openWindow('search'));  // as the "Hyperparameter search" button does
  await new Promise((r) => setTimeout(r, 500));
  await page.mouse.click(752, 412);  // "Start search" (Bayesian, 20 trials, learning rate and width)
  // "Apply best" sits under the setup once the search has finished; until then the click lands on the
  // progress text or the table, which ignore it.
  let after = before;
  const deadline = Date.now() + 90000;
  while (setting(after, 'layers') === '4:tanh,2:tanh' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    await page.mouse.click(745, 460);
    await new Promise((r) => setTimeout(r, 200));
    after = await page.evaluate(() => window.netlab.configText());
  }
  assert.notEqual(setting(after, 'layers'), '4:tanh,2:tanh', 'a searched config was applied within 90 s');
  const units = setting(after, 'layers').split(',').map((layer) => Number(layer.split(':')[0]));
  assert.equal(units.length, 2, 'depth is not searched, so it is kept');
  for (const u of units) assert.ok(u >= 2 && u <= 32 && u === units[0], `width ${u} within the searched range`);
  const rate = Number(setting(after, 'learning_rate'));
  assert.ok(rate >= 1e-4 && rate <= 1, `learning rate ${rate} within the searched range`);
  assert.equal(setting(after, 'dataset'), 'circle', 'everything not searched is kept');
  await page.screenshot({ path: path.join(outDir, 'search.png') });
  assert.deepEqual(errors, []);
  console.log('ok - a Bayesian search runs in the page and Apply best loads its config');
} catch (error) {
  failed = true;
  console.log(`not ok - search window\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
  await page.screenshot({ path: path.join(outDir, 'failed-search.png') }).catch(() => {});
}
await browser.close();
server.stop();
process.exit(failed ? 1 : 0);
