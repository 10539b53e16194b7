// Shared setup for the browser tests: Debian's chromium driven by playwright-core (never a downloaded
// browser) and the project's own static server on a free port.
import { spawn } from 'node:child_process';
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

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu',
           '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
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
export function testRunner(browser, { viewport, outDir, deviceScaleFactor } = {}) {
  let failed = false;
  async function test(name, body) {
    const page = await browser.newPage(viewport ? { viewport, deviceScaleFactor } : {});
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await body(page, errors);
      console.log(`ok - ${name}`);
    } catch (error) {
      failed = true;
      console.log(`not ok - ${name}\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
      if (outDir)
        await page.screenshot({ path: path.join(outDir, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    } finally {
      await page.close();
    }
  }
  return { test, failed: () => failed };
}
