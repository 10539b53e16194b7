// The page on every screen: the canvas's backing store is its CSS size times devicePixelRatio at 1, 1.5,
// 2 and 3 (and follows a change of ratio while running), with screenshots in out/ to look at; a paused,
// untouched page draws no frames; a live region announces progress; a finger drags a slider and paints a data point; the keyboard shortcuts (space, s, r, ?) act on the focused playground.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
let failed = false;

async function test(name, options, body) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await body(page, errors);
    assert.deepEqual(errors, []);
    console.log(`ok - ${name}`);
  } catch (error) {
    failed = true;
    console.log(`not ok - ${name}\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
    await page.screenshot({ path: path.join(outDir, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  } finally {
    await context.close();
  }
}

async function openPaused(page, fragment = '') {
  await page.goto(server.url + '?autoplay=0' + fragment);
  return waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 60000, 'the app, paused');
}

const backing = () => {
  const c = document.getElementById('canvas');
  return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight,
           ratio: window.devicePixelRatio };
};

for (const ratio of [1, 1.5, 2, 3]) {
  await test(`backing store = CSS size x devicePixelRatio at ${ratio}`,
             { viewport: { width: 1000, height: 700 }, deviceScaleFactor: ratio }, async (page) => {
    await openPaused(page);
    const b = await waitFor(page, backing, (b) => b.width === Math.round(b.cssWidth * ratio), 10000, 'the backing store');
    assert.equal(b.ratio, ratio);
    assert.equal(b.cssWidth, 1000);  // the viewport: index.html's canvas is 100vw x 100vh
    assert.equal(b.height, Math.round(b.cssHeight * ratio));
    // Hover the first button so the screenshot shows a settled frame, then look at the text's edges.
    await page.mouse.move(20, 20);
    await new Promise((r) => setTimeout(r, 500));
    await page.screenshot({ path: path.join(outDir, `dpr-${ratio}.png`) });
  });
}

await test('a change of devicePixelRatio while running resizes the backing store', { viewport: { width: 800, height: 600 } },
           async (page) => {
  await openPaused(page);
  await waitFor(page, backing, (b) => b.width === 800, 10000, 'the 1x backing store');
  const session = await page.context().newCDPSession(page);
  // What moving the window to a 2x screen (or zooming to 200%) does to the page.
  await session.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 2, mobile: false });
  const b = await waitFor(page, backing, (b) => b.width === 1600 && b.height === 1200, 10000, 'the 2x backing store');
  assert.equal(b.cssWidth, 800);
  await page.screenshot({ path: path.join(outDir, 'dpr-changed-to-2.png') });
});

await test('a paused, untouched page draws (almost) no frames; input and training draw', { viewport: { width: 1000, height: 700 } },
           async (page) => {
  await openPaused(page);
  const frames = () => window.netlab.module.ccall('netlab_frames_drawn', 'number', [], []);
  await new Promise((r) => setTimeout(r, 2000));  // the second of settling frames after start-up
  const idleStart = await page.evaluate(frames);
  await new Promise((r) => setTimeout(r, 3000));
  const idle = (await page.evaluate(frames)) - idleStart;
  // Moving the mouse wakes it: ImGui must see hover and clicks.
  const moveStart = await page.evaluate(frames);
  for (let i = 0; i < 10; ++i) await page.mouse.move(100 + 10 * i, 100);
  await new Promise((r) => setTimeout(r, 500));
  const afterMove = (await page.evaluate(frames)) - moveStart;
  await page.evaluate(() => window.netlab.setPlaying(true));
  const playStart = await page.evaluate(frames);
  await new Promise((r) => setTimeout(r, 3000));
  const playing = (await page.evaluate(frames)) - playStart;
  console.log(`  frames in 3 s: ${idle} paused and idle, ${playing} training; ${afterMove} in 0.5 s after a mouse move`);
  assert.ok(idle <= 2, `${idle} frames drawn in 3 s while paused and idle`);
  assert.ok(afterMove >= 2, `${afterMove} frames after the mouse moved`);
  assert.ok(playing >= 10, `${playing} frames in 3 s while training`);  // even SwiftShader on 2 busy cores
  // The off-screen live region tells screen readers how training goes (every 5 s at most).
  const spoken = await waitFor(page, () => document.querySelector('.netlab-announcer[aria-live=polite]').textContent,
                               (t) => /^Epoch \d+, step \d+: training loss \d\.\d{3}, test loss \d\.\d{3}/.test(t), 15000,
                               'the live region to announce the epoch');
  console.log(`  live region: "${spoken}"`);
});

await test('space plays and pauses, s steps, r resets, ? lists the shortcuts', { viewport: { width: 1000, height: 700 } },
           async (page) => {
  await openPaused(page);
  const status = () => window.netlab.status();
  await page.focus('#canvas');
  await page.keyboard.press('s');
  await page.keyboard.press('s');
  await waitFor(page, status, (s) => s.step === 2, 5000, 'two steps from s s');
  await page.keyboard.press('Space');
  await waitFor(page, status, (s) => s.playing && s.step > 2, 10000, 'space to start training');
  await page.keyboard.press('Space');
  const paused = await waitFor(page, status, (s) => !s.playing, 5000, 'space to pause');
  await page.keyboard.press('r');
  await waitFor(page, status, (s) => s.step === 0, 5000, 'r to reset to step 0');
  assert.ok(paused.step > 2);
  await page.keyboard.press('?');
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({ path: path.join(outDir, 'shortcuts-help.png') });
  assert.ok(await page.evaluate(() => window.netlab.itemRect('Keyboard shortcuts')), 'the help list is drawn');
  await page.keyboard.press('?');
  await waitFor(page, () => window.netlab.itemRect('Keyboard shortcuts'), (r) => r === null, 5000, 'the list to close');
});

await test('a finger drags a slider (touch events, no mouse)', { viewport: { width: 1000, height: 700 }, hasTouch: true },
           async (page) => {
  await openPaused(page);
  const rect = await waitFor(page, () => window.netlab.itemRect('Noise'), (r) => r !== null, 10000, 'the Noise slider');
  const noise = async () => Number(/(?:^|&)noise=([0-9.e-]+)/.exec(await page.evaluate(() => window.netlab.configText()))[1]);
  const session = await page.context().newCDPSession(page);
  const touch = (type, x) => session.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: rect.y + rect.height / 2 }] });
  const settle = () => new Promise((r) => setTimeout(r, 300));
  // The slider's frame starts at the item's left edge (its label is on the right): a finger down there
  // sets the value near 0, and dragging right raises it.
  await touch('touchStart', rect.x + 2);
  await settle();
  await touch('touchMove', rect.x + 3);
  await settle();
  const low = await noise();
  for (let i = 1; i <= 8; ++i) {
    await touch('touchMove', rect.x + 3 + i * rect.width * 0.05);
    await settle();
  }
  await touch('touchEnd');
  await settle();
  const high = await noise();
  console.log(`  noise ${low} at the slider's left end, ${high} after dragging 40% of its width right`);
  assert.ok(low < 0.1, `a finger at the left end sets noise ${low}`);
  assert.ok(high > 0.3, `dragging right with a finger sets noise ${high}`);
});

await test('a finger paints the data: a tap adds a point, a long press removes it, the link carries it',
           { viewport: { width: 1000, height: 700 }, hasTouch: true }, async (page) => {
  await openPaused(page);
  const rect = await waitFor(page, () => window.netlab.itemRect('heatmap'), (r) => r !== null, 10000, 'the heatmap');
  const blue = await waitFor(page, () => window.netlab.itemRect('paint blue'), (r) => r !== null, 10000, 'the class choice');
  const session = await page.context().newCDPSession(page);
  const touch = (type, x, y) => session.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
  const tap = async (x, y, holdMs = 100) => {
    await touch('touchStart', x, y);
    await settle(holdMs);
    await touch('touchEnd');
    await settle();
  };
  await tap(blue.x + blue.height / 2, blue.y + blue.height / 2);  // blue: class 1
  // A point a quarter of the way in from the top-left corner: plane (-3, 3).
  const x = rect.x + rect.width / 4, y = rect.y + rect.height / 4;
  await tap(x, y);
  const added = await waitFor(page, () => window.netlab.status(), (s) => s.painted === 1, 5000, 'the painted point');
  assert.equal(added.painted, 1);
  const text = await page.evaluate(() => window.netlab.configText());
  const points = /(?:^|&)points=([^&]*)/.exec(text);
  assert.ok(points, `the config carries the points: ${text}`);
  const [px, py, label] = points[1].split(':').map(Number);
  // The tap's position on the 12-wide plane, to within a pixel of the heatmap (12 / width units).
  assert.ok(Math.abs(px + 3) < 0.1 && Math.abs(py - 3) < 0.1, `the point is at (${px}, ${py}), expected (-3, 3)`);
  assert.equal(label, 1, 'the chosen class (blue)');
  await page.screenshot({ path: path.join(outDir, 'painted-point-1000x700.png') });
  // The share link (plain or compressed) opens a page with the same point.
  const fragment = (await page.evaluate(() => window.netlab.shareLink())).split('#')[1];
  const other = await page.context().newPage();
  await other.goto(server.url + '?autoplay=0#' + fragment);
  const reopened = await waitFor(other, () => window.netlab && window.netlab.status(), (s) => s.history > 0, 60000, 'the link');
  assert.equal(reopened.painted, 1, 'the link reopens with the painted point');
  assert.equal(reopened.message, '');
  await other.close();
  // A long press (held over half a second) on it removes it.
  await tap(x, y, 900);
  await waitFor(page, () => window.netlab.status(), (s) => s.painted === 0, 5000, 'the point removed');
});

await browser.close();
server.stop();
process.exit(failed ? 1 : 0);
