// The course page (examples/course-page.html): three playgrounds mounted with Netlab.mount train
// independently: different configs give different losses, and pausing one does not pause the others.
// NETLAB_SITE_PREFIX (with NETLAB_SITE_ROOT, browser.mjs) runs it on a packaged site under a path prefix.
import assert from 'node:assert/strict';
import path from 'node:path';
import { finish, openOnePage, runTest, waitFor } from './browser.mjs';

const { outDir, server, browser, page, errors } = await openOnePage({ width: 1280, height: 720 });
const failed = await runTest('embedded playgrounds', page, path.join(outDir, 'failed-course-page.png'), async () => {
  const prefix = process.env.NETLAB_SITE_PREFIX || '';
  await page.goto(server.url + prefix + 'examples/course-page.html?autoplay=0');
  await waitFor(page, async () => { window.handles = await window.demos; return window.handles.length; },
                (n) => n === 3, 60000, 'three mounted playgrounds');
  const statuses = await page.evaluate(() => window.handles.map((h) => h.status()));
  assert.deepEqual(statuses.map((s) => [s.step, s.playing, s.embedded]), [[0, false, true], [0, false, true], [0, false, true]]);
  const configs = await page.evaluate(() => window.handles.map((h) => h.configText()));
  assert.match(configs[0], /dataset=xor/);
  assert.match(configs[1], /dataset=spiral/);
  assert.match(configs[2], /dataset=regression_plane/);
  const losses = await page.evaluate(() => window.handles.map((h) => h.step(5)));
  assert.notDeepEqual(losses[0], losses[1]);
  assert.notDeepEqual(losses[1], losses[2]);
  // Stepping one playground did not step the others: each is at step 5 exactly.
  assert.deepEqual(await page.evaluate(() => window.handles.map((h) => h.status().step)), [5, 5, 5]);

  await page.evaluate(() => window.handles.forEach((h) => h.setPlaying(true)));
  await waitFor(page, () => window.handles.map((h) => h.status().step), (s) => s.every((n) => n > 20), 30000,
                'all three training');
  await page.evaluate(() => window.handles[1].setPlaying(false));
  const before = await page.evaluate(() => window.handles.map((h) => h.status().step));
  await waitFor(page, () => window.handles.map((h) => h.status().step),
                (s) => s[0] > before[0] + 20 && s[2] > before[2] + 20, 30000, 'the other two to keep training');
  const after = await page.evaluate(() => window.handles.map((h) => h.status()));
  assert.equal(after[1].step, before[1], 'the paused one stays paused');
  assert.equal(after[1].playing, false);
  assert.ok(after[0].playing && after[2].playing);
  // Emscripten's GLFW listens for keys on the whole window and swallows Backspace and Tab; the embed
  // script limits each playground's key listeners to its focused canvas, so page text fields still work.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'note';
    document.body.prepend(input);
  });
  await page.click('#note');
  await page.keyboard.type('abc');
  await page.keyboard.press('Backspace');
  assert.equal(await page.inputValue('#note'), 'ab', 'Backspace reaches the page\'s text field');
  // Shortcuts go to the focused playground only: with the first canvas focused, Space pauses the first
  // and s steps it; the paused second one and the training third one keep their state.
  const canvases = page.locator('canvas');
  await canvases.nth(0).focus();
  const scrollBefore = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('Space');
  await waitFor(page, () => window.handles.map((h) => h.status().playing), (p) => !p[0], 5000, 'Space to pause the first');
  const pausedFirst = await page.evaluate(() => window.handles.map((h) => h.status()));
  await page.keyboard.press('s');
  await waitFor(page, () => window.handles[0].status().step, (n) => n === pausedFirst[0].step + 1, 5000, 's to step the first');
  const keyed = await page.evaluate(() => window.handles.map((h) => h.status()));
  assert.equal(keyed[1].step, pausedFirst[1].step, 'the paused second playground got no key');
  assert.equal(keyed[1].playing, false);
  assert.equal(keyed[2].playing, true, 'the third playground got no Space');
  assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'Space on a focused playground does not scroll the page');
  await page.screenshot({ path: path.join(outDir, 'course-page.png') });
  assert.deepEqual(errors, []);
  console.log(`ok - three embedded playgrounds train independently (steps ${after.map((s) => s.step).join(', ')})`);
});
await finish(browser, server, failed);
