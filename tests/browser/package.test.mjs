// The packaged folder (scripts/package) on a static site under /courses/dl/netlab/: the embedding test
// (embed.test.mjs) passes against it with and without cross-origin isolation headers, and the page
// loads the threaded build only where the headers allow it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, waitFor } from './browser.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netlab-package-'));
const prefix = 'courses/dl/netlab/';
let failed = false;
try {
  execFileSync(path.join(repoRoot, 'scripts/package'), [tmp], { stdio: 'inherit' });
  assert.ok(fs.existsSync(path.join(tmp, 'netlab.zip')), 'the .zip is written');
  assert.ok(fs.existsSync(path.join(tmp, 'netlab/HOWTO.md')), 'the HOWTO is inside');
  const site = path.join(tmp, 'site');
  fs.mkdirSync(path.join(site, 'courses/dl'), { recursive: true });
  fs.renameSync(path.join(tmp, 'netlab'), path.join(site, prefix));

  for (const isolation of ['on', 'off']) {
    const env = { ...process.env, NETLAB_SITE_ROOT: site, NETLAB_SITE_PREFIX: prefix, NETLAB_ISOLATION: isolation };
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'tests/browser/embed.test.mjs')], { env, encoding: 'utf8' });
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    if (run.status !== 0) throw new Error(`the embedding test failed on the packaged site (isolation ${isolation})`);

    // The playground page itself: which build it chose, and that it trains.
    const server = await startServer({ root: site, isolation });
    const browser = await launchBrowser();
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url + prefix + '?autoplay=0#dataset=xor&seed=4');
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 60000, 'the paused page');
    const losses = await page.evaluate(() => window.netlab.step(20));
    assert.equal(losses.length, 20);
    const build = await page.evaluate(() => window.netlab.build);
    assert.equal(build, isolation === 'on' ? 'web/dist/netlab-threads.js' : 'web/dist/netlab.js');
    assert.deepEqual(errors, []);
    console.log(`ok - the packaged page under /${prefix} trains with ${build} (isolation ${isolation})`);
    await browser.close();
    server.stop();
  }
} catch (error) {
  failed = true;
  console.log(`not ok - packaged site\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
