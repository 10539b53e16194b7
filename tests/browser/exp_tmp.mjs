import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { exampleFragment, launchBrowser, repoRoot, startServer, waitFor } from './browser.mjs';
const server = await startServer();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
const names = process.argv.slice(2);
const N = 20;
for (const name of names) {
  await page.goto('about:blank');
  await page.goto(server.url + '?autoplay=0#' + exampleFragment(name));
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.task && !(s.models && s.models.loading), 60000, 'app');
  await new Promise(r => setTimeout(r, 500));
  await page.evaluate((n) => window.netlab.step(n), N);
  const pageLine = await page.evaluate(() => window.netlab.reportLine());
  const out = execFileSync(path.join(repoRoot, 'build/netlab-headless'), ['--headless', '--steps', String(N), '--report-every', String(N), path.join(repoRoot, 'examples/configs', name + '.cfg')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = out.trim().split('\n');
  const cli = lines[lines.length - 1];
  console.log(pageLine === cli ? 'SAME' : 'DIFF', name, '\n  page:', pageLine, '\n  cli: ', cli);
}
await browser.close();
process.exit(0);
