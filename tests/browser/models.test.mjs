// The Models window in the served page: it starts collapsed (costing the playground nothing), opens on a
// click, draws the RBM trained on the embedded digits, keeps changing while it trains, and switches to
// the DBN, CNN, VAE and GAN views.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, waitFor } from './browser.mjs';
import { changedFraction, decodePng } from './png.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
let failed = false;
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
try {
  await page.goto(server.url + '?autoplay=0');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the app to start');
  // ui/models_panel.cpp places the window at (width - 370, height - 470), 360 x 460, closed at start.
  const region = { x: 910, y: 330, width: 360, height: 460 };
  await new Promise((r) => setTimeout(r, 500));
  const collapsed = decodePng(await page.screenshot({ clip: region }));
  await page.evaluate(() => window.netlab.openWindow('models'));  // as the "Models (digits)" button does
  await new Promise((r) => setTimeout(r, 1500));
  const opened = decodePng(await page.screenshot({ clip: region }));
  await new Promise((r) => setTimeout(r, 1500));
  const later = decodePng(await page.screenshot({ clip: region, path: path.join(outDir, 'models.png') }));
  const opening = changedFraction(collapsed, opened), training = changedFraction(opened, later);
  console.log(`  opening changed ${(100 * opening).toFixed(1)}% of the window's pixels, ` +
              `1.5 s of training ${(100 * training).toFixed(1)}%`);
  assert.ok(opening > 0.3, 'the window opens over the region');
  assert.ok(training > 0.01, 'filters and dreams change while the RBM trains');
  // The other tabs, clicked where the tab bar drew them (ui/models_panel.cpp notes "models tab NAME").
  let previous = later;
  for (const name of ['DBN', 'CNN', 'VAE', 'GAN']) {
    const rect = await waitFor(page, (n) => window.netlab.itemRect(n), (r) => r !== null, 5000, `the ${name} tab`,
                               `models tab ${name}`);
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await new Promise((r) => setTimeout(r, 3000));
    const view = decodePng(await page.screenshot({ clip: region, path: path.join(outDir, `models-${name.toLowerCase()}.png`) }));
    assert.ok(changedFraction(previous, view) > 0.05, `the ${name} view replaces the previous one`);
    previous = view;
  }
  // The DBN tab pretrained while it was open: some epochs done, PCA's error known from the start.
  const dbn = await page.evaluate(() => window.netlab.status().models.views.DBN);
  assert.ok(dbn.pretrain_epochs > 0 || dbn.phase === 'finetune', `the DBN trained: ${JSON.stringify(dbn)}`);
  assert.ok(dbn.pca_error > 0, 'PCA reconstruction error reported');
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /Could not load the digits/);
  assert.deepEqual(errors, []);
  console.log('ok - the Models window opens, its RBM trains on the embedded digits, the DBN, CNN, VAE and GAN views show');
} catch (error) {
  failed = true;
  console.log(`not ok - the Models window\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
  await page.screenshot({ path: path.join(outDir, 'failed-models.png') }).catch(() => {});
}
await browser.close();
server.stop();
process.exit(failed ? 1 : 0);
