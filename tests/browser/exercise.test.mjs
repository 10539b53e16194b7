// Exercises in the page (issue 35): a teacher authors one in "Author an exercise" (a locked control, a
// goal, a step budget, a key) and copies its link; the student's page opened from it shows the lock and
// the goal, has no authoring panel, stops training at the budget, and Submit copies the link with the
// step reached, which `netlab-headless --verify --key` replays to the verdict the page showed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const headless = path.join(repoRoot, 'build/netlab-headless');
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1400, height: 900 } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Scrolls the controls until item `name` is on screen, then returns its rectangle.
async function reveal(page, name) {
  const height = page.viewportSize().height;
  for (let i = 0; i < 60; ++i) {
    await twoFrames(page);
    const rect = await page.evaluate((n) => window.netlab.itemRect(n), name);
    if (rect && rect.y > 10 && rect.y + rect.height < height - 10) return rect;
    await page.mouse.move(150, height / 2);
    await page.mouse.wheel(0, rect && rect.y < 10 ? -200 : 200);
    await sleep(60);
  }
  throw new Error(`"${name}" never came on screen`);
}

async function click(page, name) {
  const r = await reveal(page, name);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await sleep(150);
  await twoFrames(page);
}

async function type(page, name, text) {
  const r = await reveal(page, name);
  await page.mouse.click(r.x + Math.min(40, r.width * 0.2), r.y + r.height / 2);  // the field, not its label or +/- buttons
  await sleep(100);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await sleep(150);
  await twoFrames(page);
}

const base = 'dataset=xor&layers=4:tanh&seed=4';
let exerciseLink = null;

await test('a teacher authors an exercise: lock, goal, budget and key, copied as a sealed link', async (page) => {
  await page.goto(server.url + '?autoplay=0#' + base);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
  await click(page, 'Author an exercise');
  await click(page, 'exercise layers locked');
  await click(page, 'exercise activation locked');
  await click(page, 'exercise seed hidden');
  await type(page, 'exercise test loss', '0.25');
  await type(page, 'exercise steps allowed', '400');
  await type(page, 'exercise key', 'k3y');
  const status = await page.evaluate(() => window.netlab.status());
  assert.deepEqual([...status.locked_controls].sort(), ['activation', 'layers']);
  assert.deepEqual(status.hidden_controls, ['seed']);
  await page.screenshot({ path: path.join(os.tmpdir(), 'exercise-author.png') });
  await click(page, 'Copy exercise link');
  exerciseLink = await page.evaluate(() => window.netlabLastLink);
  assert.ok(exerciseLink && /seal=[0-9a-f]{64}/.test(exerciseLink), `a sealed link: ${exerciseLink}`);
  assert.ok(!exerciseLink.includes('k3y'), 'the key itself is in the link');
  assert.ok(/goal_steps=400/.test(exerciseLink) && /goal_test_loss=0.25/.test(exerciseLink), exerciseLink);
});

await test('the student opens it: the locks and the goal show, the budget stops training, Submit verifies', async (page) => {
  assert.ok(exerciseLink, 'the first test copied no link');
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netlab-key-')), 'key');
  fs.writeFileSync(keyFile, 'k3y\n');
  // The exercise link as the teacher copied it grades as sealed.
  const fragment = exerciseLink.slice(exerciseLink.indexOf('#'));
  await page.goto(server.url + '?autoplay=0' + fragment);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
  let status = await page.evaluate(() => window.netlab.status());
  assert.deepEqual([...status.locked_controls].sort(), ['activation', 'layers']);
  assert.ok(status.goal && /test loss < 0.25/.test(status.goal.summary), JSON.stringify(status.goal));
  assert.ok(!status.visible_controls.includes('seed'), 'the hidden seed is drawn');
  await twoFrames(page);
  assert.equal(await page.evaluate(() => window.netlab.itemRect('Author an exercise')), null,
    'a sealed exercise shows the authoring panel to the student');
  // Play at the fastest pace: training stops at the budget, exactly.
  await page.evaluate(() => window.netlab.setPlaying(true));
  status = await waitFor(page, () => window.netlab.status(), (s) => !s.playing, 60000, 'training to stop at the budget');
  assert.equal(status.step, 400, `stopped at step ${status.step}, not the budget of 400`);
  assert.ok(status.goal.met, `the goal is met by step 400: ${status.goal.summary}`);
  await page.screenshot({ path: path.join(os.tmpdir(), 'exercise-student.png') });
  await click(page, 'Submit');
  const submitted = await page.evaluate(() => window.netlabLastLink);
  assert.ok(/steps=400/.test(submitted), `Submit's link: ${submitted}`);
  const line = execFileSync(headless, ['--verify', submitted, '--key', keyFile], { encoding: 'utf8' });
  const verdict = JSON.parse(line);
  assert.equal(verdict.verdict, 'pass', line);
  assert.equal(verdict.seal, 'hmac', line);
  assert.equal(verdict.steps, 400, line);
  // The page's report line at step 400 (the command line's format) holds the replay's test loss.
  const reportLine = await page.evaluate(() => window.netlab.reportLine());
  const pageLoss = Number(/test_loss=(\S+)/.exec(reportLine)[1]);
  assert.equal(verdict.achieved.test_loss, pageLoss, `${line} vs the page's ${reportLine}`);
  assert.ok(/^step=400 /.test(reportLine), reportLine);
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
