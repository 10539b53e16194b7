// "Save plot PNG" and "Save heatmap PNG" download what the page shows: the file is a PNG of the item's
// rectangle at the canvas's pixel size, and its pixels match a screenshot of the same rectangle.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';
import { changedFraction, decodePng } from './png.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1400, height: 900 }, outDir });
for (const [button, item, file] of [['Save plot PNG', 'loss plot', 'netlab-loss.png'],
                                    ['Save heatmap PNG', null, 'netlab-heatmap.png']]) {
  await test(`${button} downloads the picture as shown`, async (page, errors) => {
    await page.goto(server.url + 'index.html?autoplay=0#dataset=spiral&seed=3');
    await waitFor(page, () => window.netlab && window.netlab.itemRect('Save plot PNG'), (r) => r !== null, 60000,
                  'the playground');
    await page.evaluate(() => window.netlab.step(30));
    await page.waitForTimeout(500);  // the heatmap's pass and the plot catch up with the 30 steps
    const rect = await page.evaluate((name) => window.netlab.itemRect(name), button);
    const downloading = page.waitForEvent('download', { timeout: 20000 });
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    const download = await downloading;
    assert.equal(download.suggestedFilename(), file);
    const saved = path.join(outDir, `export-${file}`);
    await download.saveAs(saved);
    const png = decodePng(fs.readFileSync(saved));
    // The heatmap is the square under the buttons; the plot's rectangle is noted by name.
    const area = item ? await page.evaluate((name) => window.netlab.itemRect(name), item) : null;
    if (area) {
      const scale = await page.evaluate(() => { const c = document.getElementById('canvas'); return c.width / c.clientWidth; });
      assert.ok(Math.abs(png.width - area.width * scale) <= 2, `width ${png.width} for ${area.width} x ${scale}`);
      assert.ok(Math.abs(png.height - area.height * scale) <= 2, `height ${png.height} for ${area.height} x ${scale}`);
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      const shot = decodePng(await page.screenshot({ clip: { x: area.x, y: area.y, width: png.width / scale, height: png.height / scale } }));
      if (shot.width === png.width && shot.height === png.height) {
        const changed = changedFraction(png, shot);
        assert.ok(changed < 0.05, `${(100 * changed).toFixed(1)}% of the pixels differ from the screen`);
      }
    } else {
      assert.ok(png.width > 100 && Math.abs(png.width - png.height) <= 2, `a square heatmap, got ${png.width} x ${png.height}`);
    }
    // Not one flat colour: the picture has the plot's or heatmap's content.
    const colours = new Set();
    for (let i = 0; i < png.width * png.height; i += 7) colours.add(png.pixels.readUInt32BE(i * png.channels));
    assert.ok(colours.size > 10, `only ${colours.size} colours`);
    assert.deepEqual(errors, []);
  });
}
await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
