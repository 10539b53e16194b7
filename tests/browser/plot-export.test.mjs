// "Save figure" (issue 35) saves the playground's pictures as files for slides: its menu's Heatmap SVG is
// an SVG of the requested size with the grid embedded as a PNG and a circle per point, Heatmap PNG 1×, 2×,
// 4× are 400, 800 and 1,600 px squares in the heatmap's colours, and Loss curves SVG has its two curves.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { clickRect, launchBrowser, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';
import { decodePng } from './png.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1400, height: 900 }, outDir });

// Pressed and released frames apart (clickRect), so the menu that opens sees the release too.
async function clickItem(page, name) {
  await clickRect(page, await waitFor(page, (n) => window.netlab.itemRect(n), (r) => r !== null, 10000, `"${name}"`, name));
}

for (const [item, file] of [['Heatmap SVG', 'netlab-heatmap.svg'], ['Heatmap PNG 1x', 'netlab-heatmap.png'],
                            ['Heatmap PNG 2x', 'netlab-heatmap@2x.png'], ['Heatmap PNG 4x', 'netlab-heatmap@4x.png'],
                            ['Loss curves SVG', 'netlab-loss.svg']]) {
  await test(`Save figure's ${item} downloads ${file}`, async (page, errors) => {
    await page.goto(server.url + 'index.html?autoplay=0#dataset=spiral&seed=3');
    await waitFor(page, () => window.netlab && window.netlab.itemRect('Save figure'), (r) => r !== null, 60000,
                  'the playground');
    await page.evaluate(() => window.netlab.step(30));
    await page.waitForTimeout(500);
    await clickItem(page, 'Save figure');
    await twoFrames(page);
    const downloading = page.waitForEvent('download', { timeout: 30000 });
    await clickItem(page, item);
    const download = await downloading;
    assert.equal(download.suggestedFilename(), file);
    const saved = path.join(outDir, `export-${file}`);
    await download.saveAs(saved);
    const bytes = fs.readFileSync(saved);
    if (file.endsWith('.svg')) {
      const svg = bytes.toString('utf8');
      assert.match(svg, /^<\?xml[^>]*>\s*<svg [^>]*width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
      if (file.includes('heatmap')) {
        assert.match(svg, /<image [^>]*href="data:image\/png;base64,/);
        assert.ok((svg.match(/<circle /g) || []).length >= 100, 'a circle per training point');
      } else {
        assert.equal((svg.match(/<polyline /g) || []).length, 2, 'train and test loss');
      }
    } else {
      const scale = file.includes('@4x') ? 4 : file.includes('@2x') ? 2 : 1;
      const png = decodePng(bytes);
      assert.equal(png.width, 400 * scale);
      assert.equal(png.height, 400 * scale);
      const colours = new Set();
      for (let i = 0; i < png.width * png.height; i += 7) colours.add(png.pixels.readUInt32BE(i * png.channels));
      assert.ok(colours.size > 10, `only ${colours.size} colours`);
    }
    assert.deepEqual(errors, []);
  });
}
await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
