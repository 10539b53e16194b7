// Runs side by side (issue 35): in the playground's Compare runs tab a student pins a run, changes the
// learning rate, trains and pins again. Both pins' curves are drawn over the current run's in their
// colours and named by what differs (the config diff); the pins survive a reload (the browser's storage),
// travel as a pins link to a fresh browser, and Open brings a pinned run back to its step, bit for bit
// the command line's run (its report line).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, twoFrames, waitFor } from './browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
const headless = path.join(repoRoot, 'build/netlab-headless');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let failed = false;

const base = 'dataset=xor&layers=4:tanh&seed=4&learning_rate=0.03&view=compare';

async function open(context, url) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(url);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
  return page;
}

async function click(page, name) {
  const r = await waitFor(page, (n) => window.netlab.itemRect(n), (x) => x !== null, 15000, `"${name}"`, name);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await sleep(150);
  await twoFrames(page);
}

const pinsDone = (page, count) => waitFor(page, () => window.netlab.status().pins,
  (p) => p.length === count && p.every((x) => x.done), 60000, `${count} pins replayed`);

// Pixels of colour `rgb` (within 12 per channel) inside `rect`, read from a screenshot drawn on a 2-D canvas.
async function pixelsOf(page, rect, rgb) {
  const png = (await page.screenshot({ clip: rect })).toString('base64');
  return page.evaluate(async ([data, [r, g, b]]) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + data;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width, canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const px = context.getImageData(0, 0, image.width, image.height).data;
    let count = 0;
    for (let i = 0; i < px.length; i += 4)
      if (Math.abs(px[i] - r) < 12 && Math.abs(px[i + 1] - g) < 12 && Math.abs(px[i + 2] - b) < 12) ++count;
    return count;
  }, [png, rgb]);
}

async function check(name, body) {
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (error) {
    failed = true;
    console.log(`not ok - ${name}\n  ${String(error && error.stack || error).split('\n').join('\n  ')}`);
  }
}

const context = await browser.newContext();
let pinsLink = null;
await check('two pinned runs are drawn over the current one, named by what differs', async () => {
  const page = await open(context, server.url + '?autoplay=0#' + base);
  await page.evaluate(() => window.netlab.step(150));
  await click(page, 'Pin this run');
  // Another learning rate, trained from the start (a new run; an edit while training would continue this one).
  await page.evaluate((b) => window.netlab.loadConfig(b.replace('learning_rate=0.03', 'learning_rate=0.3')), base);
  await page.evaluate(() => window.netlab.step(100));
  await click(page, 'Pin this run');
  let pins = await pinsDone(page, 2);
  assert.deepEqual(pins.map((p) => [p.steps, p.label]), [[150, 'learning_rate=0.03'], [100, 'same settings']]);
  // A third learning rate on screen: both pins now differ from it, and neither curve hides under it.
  await page.evaluate((b) => window.netlab.loadConfig(b.replace('learning_rate=0.03', 'learning_rate=0.1')), base);
  await page.evaluate(() => window.netlab.step(50));
  pins = await pinsDone(page, 2);
  assert.deepEqual(pins.map((p) => p.label), ['learning_rate=0.03', 'learning_rate=0.3']);
  assert.ok(pins.every((p) => p.points > 1), JSON.stringify(pins));
  // Each pin's colour (matplotlib's first two, widgets/plots.cpp SeriesColor) is drawn in the loss plot.
  await page.mouse.move(5, 5);
  await twoFrames(page);
  const rect = await page.evaluate(() => window.netlab.itemRect('compare loss plot'));
  const blue = await pixelsOf(page, rect, [31, 119, 180]), orange = await pixelsOf(page, rect, [255, 127, 14]);
  assert.ok(blue > 100 && orange > 100, `pin curves in the loss plot: ${blue} blue and ${orange} orange pixels`);
  await page.screenshot({ path: '/tmp/compare-1400.png' });
  await click(page, 'Copy pins link');
  pinsLink = await page.evaluate(() => window.netlabLastPinsLink);
  assert.ok(pinsLink && pinsLink.includes('?pins='), `pins link: ${pinsLink}`);
  await page.close();
});

await check('the pins survive a reload, and Open brings a pin back to its step, as the command line trains it', async () => {
  const page = await open(context, server.url + '?autoplay=0#' + base);
  await pinsDone(page, 2);
  await click(page, 'pin 1 open');
  const status = await page.evaluate(() => window.netlab.status());
  assert.equal(status.step, 150);
  assert.match(await page.evaluate(() => window.netlab.configText()), /learning_rate=0.03/);
  const line = await page.evaluate(() => window.netlab.reportLine());
  const expected = execFileSync(headless, ['--headless', '--steps', '150', '--report-every', '150',
    base.replace('&view=compare', '')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop();
  assert.equal(line, expected);
  await page.close();
});

await check('a pins link opens the same pins in a fresh browser', async () => {
  assert.ok(pinsLink, 'no pins link from the first test');
  const fresh = await browser.newContext();
  const page = await open(fresh, pinsLink.replace(/^https?:\/\/[^/]+\//, server.url).replace('?pins=', '?autoplay=0&pins='));
  const pins = await pinsDone(page, 2);
  assert.deepEqual(pins.map((p) => [p.steps, p.points]), [[150, 151], [100, 101]]);
  await fresh.close();
});

await context.close();
await browser.close();
server.stop();
process.exit(failed ? 1 : 0);
