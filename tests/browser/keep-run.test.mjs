// Nothing a student did is lost (web/netlab-run-keeper.js, train/run_snapshot.h): the run is kept in the
// browser's storage as it trains; a reload or a crashed tab offers it back, and restoring it gives the
// same step and weights bit for bit, and the same steps after it as the run that never stopped. A link
// opened over a trained run asks first. Storage that is denied or full is one message, never a loop.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { launchBrowser, launchOptions, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1400, height: 900 }, outDir });
const link = 'dataset=spiral&layers=8:relu:bn,6:tanh:d0.1&optimizer=adam&batch_size=16&seed=5';

const ready = (page) => waitFor(page, () => window.netlab && window.netlab.keeper && window.netlab.status(),
                                (s) => s.step !== undefined, 60000, 'the app');
const bytesOf = (page) => page.evaluate(() => Array.from(window.netlab.runSnapshot()));
const offerText = (page) => page.evaluate(() => {
  const bar = document.getElementById('netlab-keeper');
  return bar && !bar.hidden ? bar.textContent : '';
});

// Each test gets a browser context of its own: its own storage.
async function inContext(name, body) {
  await test(name, async (unused, errors) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const pageErrors = [];
    try {
      await body(context, pageErrors);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, []);
  });
}
function newPage(context, pageErrors) {
  return context.newPage().then((page) => { page.on('pageerror', (e) => pageErrors.push(String(e))); return page; });
}

await inContext('a reloaded page offers the kept run; restored, it is the same run bit for bit and goes on as if never stopped',
                async (context, pageErrors) => {
  const page = await newPage(context, pageErrors);
  await page.goto(server.url + '?autoplay=0#' + link);
  await ready(page);
  await page.evaluate(() => window.netlab.keeper.ready);
  assert.equal(await offerText(page), '', 'a fresh context has nothing to offer');
  await page.evaluate(() => window.netlab.step(40));
  const kept = await page.evaluate(() => window.netlab.keeper.keepNow());
  assert.equal(kept.saved, true, JSON.stringify(kept));
  const before = await bytesOf(page);
  const next = await page.evaluate(() => window.netlab.step(25));  // the uninterrupted run's next steps

  await page.reload();
  await ready(page);
  await page.evaluate(() => window.netlab.keeper.ready);
  assert.match(await offerText(page), /Your run from today at .* was kept \(step 40, test loss \d\.\d{3}\)\. Restore it where it was\?/);
  await page.screenshot({ path: path.join(outDir, 'keep-run-offer-1400x900.png') });
  await page.getByRole('button', { name: 'Restore' }).click();
  const s = await waitFor(page, () => window.netlab.status(), (t) => t.step === 40, 10000, 'the restored run');
  assert.match(s.message, /Restored your run where it was: step 40/);
  assert.deepEqual(await bytesOf(page), before, 'the same step, weights, optimizer state and history, bit for bit');
  assert.deepEqual(await page.evaluate(() => window.netlab.step(25)), next, 'the same next 25 steps');
  assert.match(await page.evaluate(() => location.hash), /dataset=spiral/);
});

await test('a browser killed mid-run loses nothing: the run kept as it trained is offered when it starts again',
           async (unused, errors) => {
  // A browser of its own with its storage on disk, killed with SIGKILL (no pagehide, no last write), as a
  // crash, a closed laptop that ran out of battery or a killed tab does.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netlab-keep-'));
  const launch = () => chromium.launchPersistentContext(userDataDir, { ...launchOptions(), viewport: { width: 1400, height: 900 } });
  const pageErrors = [];
  try {
    let context = await launch();
    let page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(server.url + '#' + link);  // playing: the keeper writes every 5 s while the step moves
    await ready(page);
    await waitFor(page, () => window.netlab.status().step, (n) => n > 50, 30000, 'training');
    await page.waitForTimeout(7000);
    // Every process of that browser carries its profile folder in its command line.
    execFileSync('pkill', ['-KILL', '-f', userDataDir]);
    await context.close().catch(() => {});
    context = await launch();
    page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(server.url + '?autoplay=0');
    await ready(page);
    await page.evaluate(() => window.netlab.keeper.ready);
    const text = await offerText(page);
    const step = Number(((/step ([\d,]+)/.exec(text) || [])[1] || '0').replace(/,/g, ''));
    assert.ok(step > 50, `offered: "${text}"`);
    await page.getByRole('button', { name: 'Restore' }).click();
    const s = await waitFor(page, () => window.netlab.status(), (t) => t.step === step, 10000,
                            `the restored run of step ${step} (offer: "${text}")`);
    assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=spiral/);
    assert.ok(Number.isFinite(s.test_loss));
    // Start fresh forgets it: the next load offers nothing.
    await page.evaluate(() => window.netlab.setPlaying(false));
    await page.reload();
    await ready(page);
    await page.evaluate(() => window.netlab.keeper.ready);
    await page.getByRole('button', { name: 'Start fresh' }).click();
    // The deletion is IndexedDB's, asynchronous: a reload before it settles may keep the run (under the
    // gate's load it did).
    await page.evaluate(() => window.netlab.keeper.forgotten);
    await page.reload();
    await ready(page);
    await page.evaluate(() => window.netlab.keeper.ready);
    assert.equal(await offerText(page), '');
    await context.close();
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(errors, []);
});

await inContext('a link opened over a trained run asks first; keeping the run puts the address back', async (context, pageErrors) => {
  const page = await newPage(context, pageErrors);
  await page.goto(server.url + '?autoplay=0#' + link);
  await ready(page);
  await page.evaluate(() => window.netlab.step(30));
  const dialogs = [];
  page.once('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.evaluate(() => { location.hash = '#dataset=xor&seed=2'; });
  await waitFor(page, () => location.hash, (h) => /spiral/.test(h), 10000, 'the address put back');
  assert.match(dialogs[0], /replaces your run, trained for 30 steps/);
  assert.equal(await page.evaluate(() => window.netlab.status().step), 30);
  assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=spiral/);
  page.once('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await page.evaluate(() => { location.hash = '#dataset=xor&seed=2'; });
  await waitFor(page, () => window.netlab.configText(), (t) => /dataset=xor/.test(t), 10000, 'the new link');
  assert.equal(dialogs.length, 2);
  // An untrained run is replaced without a question.
  await page.evaluate(() => { location.hash = '#dataset=circle&seed=9'; });
  await waitFor(page, () => window.netlab.configText(), (t) => /seed=9/.test(t), 10000, 'the next link');
  assert.equal(dialogs.length, 2);
});

await inContext('storage that is denied or full gives one message and no retry loop; training goes on', async (context, pageErrors) => {
  const denied = await newPage(context, pageErrors);
  await denied.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('The user denied storage', 'SecurityError'); } });
  });
  await denied.goto(server.url + '?autoplay=0#' + link);
  await ready(denied);
  await denied.evaluate(() => window.netlab.keeper.ready);
  assert.match(await offerText(denied), /Your run is not being kept in this browser: its storage is not available \(SecurityError: The user denied storage\)\. It trains on; use Save weights to keep it\./);
  assert.ok((await denied.evaluate(() => window.netlab.step(5))).every(Number.isFinite));
  await denied.screenshot({ path: path.join(outDir, 'keep-run-denied-1400x900.png') });

  const full = await newPage(context, pageErrors);
  await full.addInitScript(() => {
    window.putCalls = 0;
    IDBObjectStore.prototype.put = function () {
      window.putCalls++;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await full.goto(server.url + '#' + link);  // playing: the keeper tries every 5 s
  await ready(full);
  await waitFor(full, () => window.putCalls, (n) => n >= 1, 15000, 'a first write');
  await full.waitForTimeout(12000);
  assert.equal(await full.evaluate(() => window.putCalls), 1, 'after a failure, no new try within a minute');
  assert.match(await offerText(full), /the browser refused to store it \(QuotaExceededError: The quota has been exceeded\.\)/);
  const steps = await full.evaluate(() => window.netlab.status().step);
  await waitFor(full, () => window.netlab.status().step, (n) => n > steps + 10, 10000, 'training to go on');
});

await browser.close();
server.stop();
if (failed()) process.exit(1);
