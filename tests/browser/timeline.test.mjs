// Scrubbing back in time (issue 35): while the playground trains, the page keeps snapshots at a growing
// interval; the timeline slider dragged back to step k shows the model the run had at k: its report line
// is the command line's after k steps, and its heatmap is pixel for pixel a fresh run's stopped at k.
// "Back to the present" returns to the run; "Resume from here" trains on from k.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1400, height: 900 } });
const headless = path.join(repoRoot, 'build/netlab-headless');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const link = 'dataset=spiral&layers=6:tanh,4:tanh&learning_rate=0.03&seed=3';
const headlessLine = (steps) => execFileSync(headless, ['--headless', '--steps', String(steps), '--report-every',
  String(steps), link], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop();

async function rectOf(page, name) {
  return waitFor(page, (n) => window.netlab.itemRect(n), (r) => r !== null, 15000, `"${name}"`, name);
}
async function click(page, name) {
  const r = await rectOf(page, name);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await sleep(150);
  await twoFrames(page);
}
// Ctrl+click opens the slider's text field; the step typed, Enter.
async function scrubTo(page, step) {
  const r = await rectOf(page, 'timeline');
  // As a person clicks: the pointer there first, the button held over a frame (controls.test.mjs's way).
  await page.mouse.move(r.x + r.width / 4, r.y + r.height / 2);
  await sleep(100);
  await page.keyboard.down('Control');
  await page.mouse.down();
  await sleep(100);
  await page.mouse.up();
  await page.keyboard.up('Control');
  await sleep(250);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(step));
  await page.keyboard.press('Enter');
  await sleep(200);
  await twoFrames(page);
  await twoFrames(page);
}
async function heatmapShot(page) {
  await page.mouse.move(3, 3);
  await twoFrames(page);
  return page.screenshot({ clip: await rectOf(page, 'heatmap') });
}

await test('the timeline at step k is the run at k; back to the present; resume from k', async (page) => {
  await page.goto(server.url + '?autoplay=0#' + link);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
  // Trained in frames as a student watches it, to at least 600 steps.
  await page.evaluate(() => window.netlab.setPlaying(true));
  await waitFor(page, () => window.netlab.status().step, (s) => s >= 600, 60000, '600 steps');
  await page.evaluate(() => window.netlab.setPlaying(false));
  await twoFrames(page);
  const present = await page.evaluate(() => window.netlab.status());
  assert.ok(present.timeline.snapshots >= 2 && present.timeline.snapshots <= 32, JSON.stringify(present.timeline));
  const k = 237;
  await scrubTo(page, k);
  let status = await page.evaluate(() => window.netlab.status());
  assert.equal(status.timeline.shown, k, JSON.stringify(status.timeline));
  assert.equal(status.step, k);
  assert.match(await page.evaluate(() => window.netlab.configText()), /timeline=237/);
  assert.equal(await page.evaluate(() => window.netlab.reportLine()), headlessLine(k));
  const scrubbed = await heatmapShot(page);
  await page.screenshot({ path: '/tmp/timeline-1400.png' });

  // A fresh page of the same link stopped at k draws the same heatmap, pixel for pixel.
  const fresh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await fresh.goto(server.url + '?autoplay=0#' + link);
  await waitFor(fresh, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the fresh app');
  await fresh.evaluate((n) => window.netlab.step(n), k);
  await twoFrames(fresh);
  // The fresh page has no timeline row (its run never played), so its heatmap may sit higher: compare pixels.
  const freshShot = await heatmapShot(fresh);
  assert.ok(scrubbed.equals(freshShot), 'the heatmap at step 237 differs from a fresh run stopped at 237');
  await fresh.close();

  await click(page, 'Back to the present');
  status = await page.evaluate(() => window.netlab.status());
  assert.equal(status.step, present.step);
  assert.equal(status.timeline.shown, -1);

  await scrubTo(page, k);
  await click(page, 'Resume from here');
  await page.evaluate(() => window.netlab.step(13));
  status = await page.evaluate(() => window.netlab.status());
  assert.equal(status.step, k + 13);
  assert.equal(await page.evaluate(() => window.netlab.reportLine()), headlessLine(k + 13));
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
