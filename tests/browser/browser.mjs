// Shared setup for the browser tests: Debian's chromium driven by playwright-core (never a downloaded
// browser) and the project's own static server on a free port.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// `root` (default NETLAB_SITE_ROOT, else the repository) may be a packaged site
// (tests/browser/package.test.mjs); isolation 'off' (default NETLAB_ISOLATION) drops the cross-origin
// isolation headers (see web/serve.mjs).
export function startServer({ root = process.env.NETLAB_SITE_ROOT || repoRoot,
                              isolation = process.env.NETLAB_ISOLATION || 'on' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'web/serve.mjs'), '0', root],
                        // A folder other than the checkout is a packaged site: served whole.
                        { env: { ...process.env, NETLAB_ISOLATION: isolation,
                                 NETLAB_SERVE: root === repoRoot ? 'checkout' : 'site' } });
    child.stdout.on('data', (chunk) => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(chunk));
      if (match) resolve({ url: match[0], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

// Debian's chromium, headless, with nothing that reaches outside (this machine's network is closed).
export function launchOptions() {
  return {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu',
           '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  };
}

// Every context it opens has been to the page before (localStorage 'netlab-visited'), so the welcome
// card of a first visit stays out of the tests' way; browser.newFirstVisitContext(options) opens one that
// has not.
export async function launchBrowser() {
  const browser = await chromium.launch(launchOptions());
  const firstVisitContext = browser.newContext.bind(browser);
  browser.newFirstVisitContext = firstVisitContext;
  browser.newContext = async (options) => {
    const context = await firstVisitContext(options);
    await context.addInitScript(() => { try { localStorage.setItem('netlab-visited', '1'); } catch (e) { /* denied */ } });
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => context.close().catch(() => {}));
    return page;
  };
  return browser;
}

// tests/browser/out/, made if missing: where the tests leave their screenshots.
export function outFolder() {
  const outDir = path.join(repoRoot, 'tests/browser/out');
  fs.mkdirSync(outDir, { recursive: true });
  return outDir;
}

// A page of `viewport` whose uncaught errors gather in `errors` (a test ends with none there).
export async function watchedPage(browser, viewport) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

// The set-up of a test that is one script on one page: the out folder, the server, the browser and a
// watched page of `viewport`.
export async function openOnePage(viewport) {
  const outDir = outFolder();
  const server = await startServer();
  const browser = await launchBrowser();
  const { page, errors } = await watchedPage(browser, viewport);
  return { outDir, server, browser, page, errors };
}

// The end of such a script: the browser and the server closed, and exit status 1 if `failed`.
export async function finish(browser, server, failed) {
  await browser.close();
  server.stop();
  process.exit(failed ? 1 : 0);
}

// The line a failed test prints: `not ok - name`, then its stack indented under it.
export function reportFailure(name, error) {
  console.log(`not ok - ${name}\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
}

// Runs `body` as the one test of a script on `page`: a throw prints the `not ok - name` line and, when
// `failureShot` names a file, leaves a screenshot of the page there. Returns whether it failed.
export async function runTest(name, page, failureShot, body) {
  try {
    await body();
    return false;
  } catch (error) {
    reportFailure(name, error);
    if (failureShot) await page.screenshot({ path: failureShot }).catch(() => {});
    return true;
  }
}

// Waits up to `timeoutMs` for the app to draw item `name` (window.netlab.itemRect), then clicks its centre.
export async function clickItem(page, name, timeoutMs) {
  const rect = await waitFor(page, (n) => window.netlab.itemRect(n), (r) => r !== null, timeoutMs, `"${name}" on screen`, name);
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

// Two frames, then the layout report's problems (layoutProblems, labelled `where`) and a screenshot to `file`
// of what they were found in.
export async function layoutAfterFrames(page, where, file) {
  await twoFrames(page);
  const found = layoutProblems(await page.evaluate(() => window.netlab.layoutReport()), where);
  await page.screenshot({ path: file });
  return found;
}

// Polls `probe` (a function evaluated in the page) until `accept(result)` or the deadline passes.
export async function waitFor(page, probe, accept, timeoutMs, what, arg) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await page.evaluate(probe, arg).catch(() => undefined);
    if (last !== undefined && accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

// Named tests, each on a fresh page, reported as `ok - name` / `not ok - name` lines. A failing test
// leaves a screenshot in `outDir` when one is given; `failed()` says whether any failed.
// `test(name, body)` opens its page with the runner's viewport, `test(name, pageOptions, body)` with its own.
export function testRunner(browser, { viewport, outDir, deviceScaleFactor } = {}) {
  let failed = false;
  async function test(name, options, body) {
    if (typeof options === 'function') [options, body] = [viewport ? { viewport, deviceScaleFactor } : {}, options];
    const page = await browser.newPage(options);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await body(page, errors);
      console.log(`ok - ${name}`);
    } catch (error) {
      failed = true;
      reportFailure(name, error);
      if (outDir)
        await page.screenshot({ path: path.join(outDir, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    } finally {
      await page.close();
    }
  }
  return { test, failed: () => failed };
}

// Two animation frames: the first draws with the new state, the second leaves it in the draw data.
export const twoFrames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// An example config (examples/configs/NAME.cfg) as a link fragment, its comment lines dropped.
export function exampleFragment(name) {
  const text = fs.readFileSync(path.join(repoRoot, 'examples/configs', name + '.cfg'), 'utf8');
  return text.split('\n').filter((l) => l.trim() && !l.startsWith('#')).join('&');
}

// window.netlab.layoutReport()'s overlapping and cut text runs as lines to print, none when clean.
export function layoutProblems(report, where) {
  const lines = [
    ...report.overlaps.map((o) => `  "${o.a}" overlaps "${o.b}" in ${o.window} at (${o.x}, ${o.y})`),
    ...report.clipped.map((c) => `  "${c.text}" cut (${c.how}) in ${c.window} at (${c.x}, ${c.y})`),
    ...report.covered.map((c) => `  "${c.text}" shares pixels with a picture in ${c.window} at (${c.x}, ${c.y})`),
    // A slider whose position marker lies on its value's digits, or that shows no value.
    ...(report.hidden_values || []).map((h) => `  the slider value "${h.text}" is hidden in ${h.window} at (${h.x}, ${h.y})`),
  ];
  return lines.length ? [`${where}: ${report.overlap_count} overlaps, ${report.clipped_count} cut, ` +
                         `${report.covered_count} over pictures, ${(report.hidden_values || []).length} hidden values:`,
                         ...lines] : [];
}

// Lessons from their example configs, on a laptop (1400 x 900) and a phone (360 x 640 at 3x): each opens
// from its link on its task, trains in the output area until `learned(status of view)` holds, then draws
// no text over text nor cut text. `lessons` rows: [example, task, view name in status().models.views,
// learned]. Screenshots go to outDir as lesson-TASK-WxH@S.png.
export async function testLessons(test, server, outDir, lessons) {
  for (const screen of [{ width: 1400, height: 900, scale: 1 }, { width: 360, height: 640, scale: 3 }]) {
    const tag = `${screen.width}x${screen.height}@${screen.scale}`;
    const options = { viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.scale };
    for (const [example, task, view, learned] of lessons) {
      await test(`${example} at ${tag}: opens from its link, learns, and lays out cleanly`, options, async (page, errors) => {
        await page.goto('about:blank');
        await page.goto(server.url + '?autoplay=0#' + exampleFragment(example));
        await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.task !== undefined, 60000, 'the app');
        assert.equal((await page.evaluate(() => window.netlab.status())).task, task);
        await page.evaluate(() => window.netlab.setPlaying(true));
        const status = await waitFor(page, (v) => window.netlab.status().models.views[v], (s) => s && learned(s), 90000,
                                     `the ${view} lesson to learn`, view);
        console.log(`  ${view}: ${JSON.stringify(status)}`);
        await page.evaluate(() => window.netlab.setPlaying(false));
        const found = await layoutAfterFrames(page, `${view} ${tag}`, path.join(outDir, `lesson-${task}-${tag}.png`));
        assert.deepEqual(errors, []);
        assert.ok(found.length === 0, found.join('\n'));
      });
    }
  }
}

// As a hand clicks the centre of `rect` (window.netlab.itemRect's): over it first, then a press and a
// release that frames see apart.
export async function clickRect(page, rect) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await sleep(150);
  await page.mouse.down();
  await sleep(150);
  await page.mouse.up();
  await sleep(300);
}
