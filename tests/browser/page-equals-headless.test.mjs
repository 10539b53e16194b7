// The page draws the run, never trains beside it: for every example config, after window.netlab.step(N)
// the page's report line (window.netlab.reportLine()) is the last line of
// `netlab-headless --headless --steps N --report-every N` for the same config, bit for bit. The command
// line here is the same engine built for node (build-web/netlab-headless.js): the page's arithmetic to
// the last bit. The native build (build/netlab-headless) rounds differently (x86 Eigen kernels against
// WASM SIMD128 ones, glibc's exp/log against musl's), so against it the lines must have the same keys
// and the same words; its largest relative difference in a number is printed, not compared.
// Then every tab of the task is brought to the front and drawn (its view reports, no text over text)
// without a step taken: the views draw the run, they do not train it.
// The Fashion-MNIST examples train on the page's subset (web/dist/data/fashion-mnist), given to the
// command line with --data.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exampleFragment, launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const steps = 40;
const wasmCli = path.join(repoRoot, 'build-web/netlab-headless.js');
const nativeCli = path.join(repoRoot, 'build/netlab-headless');
for (const cli of [wasmCli, nativeCli])
  assert.ok(fs.existsSync(cli), `${cli} is missing: run ./scripts/build-web and ./scripts/build-native`);
const fashionDir = path.join(repoRoot, 'web/dist/data/fashion-mnist');
const fashionFiles = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz',
                      't10k-labels-idx1-ubyte.gz'].map((name) => path.join(fashionDir, name));
const examples = fs.readdirSync(path.join(repoRoot, 'examples/configs')).filter((f) => f.endsWith('.cfg'))
  .map((f) => f.replace(/\.cfg$/, '')).sort();

function lastLine(program, args) {
  const [command, first] = program.endsWith('.js') ? ['node', ['--no-experimental-fetch', program]] : [program, []];
  const out = execFileSync(command, [...first, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
                                                           timeout: 300000 });
  const lines = out.trim().split('\n');
  return lines[lines.length - 1];
}

// "a=1 b=x" -> [['a', '1'], ['b', 'x']]
const fields = (line) => line.trim().split(' ').map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);

const server = await startServer();
const browser = await launchBrowser();
const run = testRunner(browser, { viewport: { width: 1000, height: 700 } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await run.test(`after step(${steps}) every example's page report line is the command line's, bit for bit, and every tab draws`, async (page, errors) => {
  for (const name of examples) {
    const fragment = exampleFragment(name);
    const fashion = /(^|&)dataset=fashion(&|$)/.test(fragment);
    await page.goto('about:blank');
    await page.goto(server.url + '?autoplay=0#' + fragment);
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, `${name}: the app`);
    // The run is built once its data is there (Fashion-MNIST is fetched); a paused page draws while the
    // mouse moves, and builds the run in a frame.
    const deadline = Date.now() + 60000;
    let first = '';
    while (Date.now() < deadline) {
      const s = await page.evaluate(() => window.netlab.status());
      const ready = s.task === 'playground' ||
                    (!s.models.loading && (!fashion || /Fashion/.test(s.models.data)) && !s.models.error);
      if (ready) {
        first = await page.evaluate(() => window.netlab.reportLine());
        if (first.startsWith('step=0')) break;
      }
      await page.mouse.move(1 + Math.random(), 1);
      await sleep(200);
    }
    assert.ok(first.startsWith('step=0'), `${name}: the page's run never started (report line '${first}')`);
    assert.equal((await page.evaluate(() => window.netlab.status())).step ?? 0, 0, `${name}: nothing trained before step()`);
    await page.evaluate((n) => window.netlab.step(n), steps);
    const pageLine = (await page.evaluate(() => window.netlab.reportLine())).trim();
    const args = ['--headless', '--steps', String(steps), '--report-every', String(steps),
                  ...(fashion ? fashionFiles.flatMap((f) => ['--data', f]) : []),
                  path.join(repoRoot, 'examples/configs', name + '.cfg')];
    const wasmLine = lastLine(wasmCli, args);
    assert.equal(pageLine, wasmLine, `${name}: the page's line is not the command line's`);
    assert.match(pageLine, new RegExp(`^step=${steps}( |$)`), `${name}: the page's line is not at step ${steps}`);
    // The native build: the same keys and words; numbers as close as their rounding lets them be.
    const nativeLine = lastLine(nativeCli, args);
    const a = fields(pageLine), b = fields(nativeLine);
    assert.deepEqual(a.map(([k]) => k), b.map(([k]) => k), `${name}: the native line has other keys: ${nativeLine}`);
    let worst = 0;
    for (let i = 0; i < a.length; ++i) {
      const x = Number(a[i][1]), y = Number(b[i][1]);
      if (Number.isNaN(x) || Number.isNaN(y)) assert.equal(a[i][1], b[i][1], `${name}: ${a[i][0]} differs natively`);
      else if (x !== y) worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
    }
    // Every tab of the task draws its run: the tab is on screen, its view reports, nothing overlaps.
    const { tabs, task } = await page.evaluate(() => window.netlab.status());
    for (const tab of tabs) {
      await page.evaluate((v) => window.netlab.setView(v), tab);
      await page.mouse.move(2 + Math.random(), 2);
      await twoFrames(page);
      await twoFrames(page);
      const status = await page.evaluate(() => window.netlab.status());
      assert.equal(status.view, tab, `${name}: the ${tab} tab is in front`);
      if (task !== 'playground') assert.ok(status.run !== null, `${name}: the ${tab} tab's view reports`);
      const found = layoutProblems(await page.evaluate(() => window.netlab.layoutReport()), `${name} ${tab}`);
      assert.ok(found.length === 0, found.join('\n'));
    }
    assert.equal((await page.evaluate(() => window.netlab.reportLine())).trim().split(' ')[0], `step=${steps}`,
                 `${name}: drawing the tabs did not train`);
    console.log(`  ${name}: ${pageLine.length > 110 ? pageLine.slice(0, 110) + '...' : pageLine}` +
                `  (native: ${worst === 0 ? 'identical' : 'largest relative difference ' + worst.toPrecision(2)})`);
  }
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
process.exit(run.failed() ? 1 : 0);
