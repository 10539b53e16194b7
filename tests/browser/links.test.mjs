// Every link opens (issue 31): each page link the README shows (its examples table among them), and a
// hand-written link that names only a task (#task=gan) for every task in docs/config.md's table, opened
// cold in a fresh browser context as a reader would click it: the link is accepted (no message), the
// task's data arrives (Fashion-MNIST is fetched whatever the order of start-up), and training moves on
// by itself (the playground's step grows; a task's report line changes) within a minute.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, waitFor } from './browser.mjs';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const readmeLinks = [...new Set(readme.match(/http:\/\/127\.0\.0\.1:8080\/[^\s)`'"]*/g) || [])];
assert.ok(readmeLinks.length >= 20, `the README shows ${readmeLinks.length} page links; the examples table alone has 20`);
// The task names from the config reference's `task` row: "`playground`, `classify`, ... or `perceptron`".
const taskRow = fs.readFileSync(path.join(repoRoot, 'docs/config.md'), 'utf8').split('\n')
  .find((line) => line.startsWith('| `task` |'));
const tasks = [...taskRow.split('|')[4].matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);
assert.ok(tasks.length >= 16 && tasks.includes('gan'), `tasks read from docs/config.md: ${tasks}`);

const cases = [
  ...readmeLinks.map((link) => [`README ${link.length > 90 ? link.slice(0, 87) + '...' : link}`, link.slice('http://127.0.0.1:8080/'.length)]),
  ...tasks.map((task) => [`#task=${task} alone`, `#task=${task}`]),
].filter(([name]) => process.argv.length <= 2 || process.argv.slice(2).some((a) => name.includes(a)));

const server = await startServer();
const browser = await launchBrowser();
let failures = 0;
for (const [name, rest] of cases) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.goto(server.url + rest);
    const first = await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
    assert.equal(first.message, '', `the link was refused: ${first.message}`);
    // The data: generated at once, or fetched (Fashion-MNIST); no error either way.
    const ready = await waitFor(page, () => window.netlab.status(),
                                (s) => s.task === 'playground' || (s.models && !s.models.loading), 60000, 'the data');
    assert.ok(ready.task === 'playground' || !ready.models.error, `the data failed: ${ready.models && ready.models.error}`);
    if (/dataset=fashion/.test(rest)) assert.match(ready.models.data, /Fashion/, 'Fashion-MNIST arrived');
    // Training moves on by itself (autoplay): the step, or the task's report line.
    const before = await page.evaluate(() => [window.netlab.status().step, window.netlab.reportLine()]);
    await waitFor(page, () => [window.netlab.status().step, window.netlab.reportLine(), window.netlab.status().message],
                  ([step, line]) => step > before[0] || line !== before[1], 60000, 'training to move');
    const last = await page.evaluate(() => window.netlab.status());
    assert.equal(last.message, '', `a message appeared: ${last.message}`);
    assert.deepEqual(errors, []);
    console.log(`ok - ${name} (${last.task}, step ${last.step})`);
  } catch (error) {
    failures += 1;
    console.log(`not ok - ${name}: ${String(error.message || error).split('\n')[0]}`);
  } finally {
    await context.close();
  }
}
await browser.close();
server.stop();
console.log(`# ${cases.length - failures}/${cases.length} links open cold`);
process.exit(failures ? 1 : 0);
