// What a class meets (issue 31): the UI scale for a projector (?scale=, refused with a message out of
// range), a lesson that takes half a minute instead of 8 s and ends in "Finished" with Replay and
// Continue, the labelled task picker (a picture per task) that switches tasks, and a Play button on the phone's output screen.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { clickItem, launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
const run = testRunner(browser, { viewport: { width: 1400, height: 900 } });
const status = (page) => page.evaluate(() => window.netlab.status());
const ready = (page) => waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
// Opens the task list and clicks `task`'s entry, as a person would; tries again (at most three times in
// all) when a loaded machine's slow frames let the click land before the opened list had settled.
async function pickTask(page, task, what) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    await clickItem(page, 'task', 5000);
    await twoFrames(page);
    await page.waitForTimeout(200 * attempt);
    // The list is taller than a 900-px screen once it holds every task: scrolled by the wheel, as a person
    // does, until the entry is in its first 500 px (the list opens below the picker, at least that tall).
    const picker = await page.evaluate(() => window.netlab.itemRect('task'));
    const top = picker.y + picker.height, bottom = top + 500;
    for (let i = 0; i < 40; ++i) {
      const r = await page.evaluate((t) => window.netlab.itemRect(`task ${t}`), task);
      if (!r || (r.y >= top && r.y + r.height <= bottom)) break;
      await page.mouse.move(picker.x + picker.width / 2, top + 200);
      await page.mouse.wheel(0, r.y < top ? -100 : 100);
      await page.waitForTimeout(80);
      await twoFrames(page);
    }
    await clickItem(page, `task ${task}`, 5000);
    try {
      await waitFor(page, () => window.netlab.status().task, (t) => t === task, 4000, what);
      return;
    } catch (e) {
      if (attempt === 2) throw e;
      await page.keyboard.press('Escape');
      await twoFrames(page);
    }
  }
}

await run.test('?scale=2 draws everything twice as large, clicks land where they are drawn, and no text collides', { viewport: { width: 2560, height: 1440 } }, async (page, errors) => {
  await page.goto(server.url + '?autoplay=0');
  await ready(page);
  const plain = await waitFor(page, () => window.netlab.itemRect('task'), (r) => r !== null, 10000, 'the task picker');
  await page.goto(server.url + '?autoplay=0&scale=2');
  await ready(page);
  const zoomed = await waitFor(page, () => window.netlab.itemRect('task'), (r) => r !== null, 10000, 'the task picker');
  assert.ok(Math.abs(zoomed.height - 2 * plain.height) <= 1, `the picker is ${zoomed.height} px high at scale 2, ${plain.height} at 1`);
  // Clicks at the zoomed picker's centre, then at a zoomed entry's, choose that task.
  await pickTask(page, 'gan', 'the GAN task chosen in the zoomed picker');
  await twoFrames(page);
  const problems = layoutProblems(await page.evaluate(() => window.netlab.layoutReport()), 'scale 2');
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
});

await run.test('?scale=9 and ?scale=big are refused with a message naming the valid range', async (page) => {
  for (const value of ['9', 'big']) {
    await page.goto('about:blank');
    await page.goto(server.url + `?autoplay=0&scale=${value}`);
    const s = await ready(page);
    assert.match(s.message, /\?scale= takes a UI scale from 0\.5 to 3/, `?scale=${value}: ${s.message}`);
  }
});

await run.test('the task picker lists every task under its topic and switches to the one clicked', async (page, errors) => {
  await page.goto(server.url + '?autoplay=0');
  await ready(page);
  // Every task of the table (docs/config.md's generated list, which config_docs_test checks against the
  // code) has an entry, and a picture beside it: the report counts one figure per entry in the list.
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/config.md'), 'utf8');
  const tasks = [...doc.slice(doc.indexOf('<!-- tasks: generated')).matchAll(/^\| `([a-z0-9-]+)` \(/gm)].map((m) => m[1]);
  assert.ok(tasks.length >= 16, `tasks read from docs/config.md: ${tasks}`);
  await clickItem(page, 'task', 5000);
  await twoFrames(page);
  for (const task of tasks) assert.ok(await page.evaluate((t) => window.netlab.itemRect(`task ${t}`), task), `no entry for ${task}`);
  const report = await page.evaluate(() => window.netlab.layoutReport());
  const list = report.figures.find((f) => f.window.startsWith('##Combo'));
  assert.equal(list && list.count, tasks.length, `pictures in the task list: ${JSON.stringify(report.figures)}`);
  assert.deepEqual(layoutProblems(report, 'the open task list'), []);
  await page.goto('about:blank');  // the list closed: a fresh page
  await page.goto(server.url + '?autoplay=0');
  await ready(page);
  for (const task of ['attention', 'dbn', 'dqn', 'perceptron', 'playground']) {
    await pickTask(page, task, `${task} chosen`);
  }
  assert.deepEqual(errors, []);
});

await run.test('a lesson goes at a pace a class can watch, ends in Finished, and Continue trains on', async (page, errors) => {
  // Attention's lesson is 1,000 updates (TaskRun::Progress); unpaced the page took them in about 2 s.
  await page.goto(server.url + '#task=attention');
  await ready(page);
  await waitFor(page, () => window.netlab.status().step, (step) => step > 0, 30000, 'training to start');
  await page.waitForTimeout(4000);
  const early = await status(page);
  assert.ok(early.playing, 'still playing');
  assert.ok(early.step < 400, `step ${early.step} after about 4 s of a 30-s, 1,000-step lesson`);
  // Stepped by hand to just before the end, the pace goes on from there and the lesson finishes.
  await page.evaluate(() => window.netlab.setPlaying(false));
  await page.evaluate((n) => window.netlab.step(n), 995 - (await status(page)).step);
  await page.evaluate(() => window.netlab.setPlaying(true));
  await waitFor(page, () => window.netlab.status(), (s) => !s.playing, 20000, 'the lesson to finish and pause');
  assert.equal((await status(page)).step, 1000);
  // Replay: the same lesson from its first step, playing.
  await clickItem(page, 'lesson replay', 5000);
  await waitFor(page, () => window.netlab.status(), (s) => s.playing && s.step < 200, 10000, 'the lesson replayed from step 0');
  // Finished again, Continue trains on past the end.
  await page.evaluate(() => window.netlab.setPlaying(false));
  await page.evaluate((n) => window.netlab.step(n), 998 - (await status(page)).step);
  await page.evaluate(() => window.netlab.setPlaying(true));
  await waitFor(page, () => window.netlab.status(), (s) => !s.playing && s.step === 1000, 20000, 'the second finish');
  await clickItem(page, 'lesson continue', 5000);
  await waitFor(page, () => window.netlab.status(), (s) => s.playing && s.step > 1000, 20000, 'training on past the end');
  assert.deepEqual(errors, []);
});

await run.test('on a phone the output screen has a Play button', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true }, async (page, errors) => {
  await page.goto(server.url + '?autoplay=0');
  await ready(page);
  await clickItem(page, 'Output screen', 5000);
  await clickItem(page, 'screen play', 5000);
  await waitFor(page, () => window.netlab.status(), (s) => s.playing && s.step > 0, 20000, 'playing from the output screen');
  await clickItem(page, 'screen play', 5000);
  await waitFor(page, () => window.netlab.status().playing, (p) => !p, 5000, 'paused again');
  assert.deepEqual(errors, []);
});

await run.test('a first visit opens with three starting points; a chosen one opens its task, and the next visit goes straight in', async (page, errors) => {
  const context = await browser.newFirstVisitContext({ viewport: { width: 1400, height: 900 } });
  try {
    const first = await context.newPage();
    first.on('pageerror', (e) => errors.push(String(e)));
    await first.goto(server.url);
    await ready(first);
    await clickItem(first, 'welcome digits-cnn', 10000);
    await waitFor(first, () => window.netlab.status(), (s) => s.task === 'classify' && s.playing, 20000, 'the digits CNN, playing');
    // Visited now: the page opens without the card (drawn frames go by, and no starting point is on screen).
    await first.goto('about:blank');
    await first.goto(server.url + '?autoplay=0');
    await ready(first);
    await first.waitForTimeout(1000);
    assert.equal(await first.evaluate(() => window.netlab.itemRect('welcome playground')), null);
    // A first visit by a link goes where the link says, with no card.
    const linked = await (await browser.newFirstVisitContext()).newPage();
    await linked.goto(server.url + '#task=gan');
    await ready(linked);
    await linked.waitForTimeout(1000);
    assert.equal(await linked.evaluate(() => window.netlab.itemRect('welcome playground')), null);
    await linked.context().close();
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(run.failed() ? 1 : 0);
