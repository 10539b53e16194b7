// The categorical VAE lesson (task gumbel-vae, ui/views/gumbel_vae_view.cpp) in the served page: the
// example opens from its link on its task and view, the Gumbel-max frequencies match alpha (Pearson's
// chi-square with 3 degrees of freedom under 16.27, P = 0.001), and the VAE trains there until its exact
// test ELBO beats independent pixels; no text over text and none cut on a phone (360x640 at 3x) and a
// laptop screen (1400x900). Screenshots go to out/lesson-gumbel-vae-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { exampleFragment, finish, launchBrowser, layoutAfterFrames, outFolder, startServer, testRunner, waitFor } from './browser.mjs';

const outDir = outFolder();

const server = await startServer();
const browser = await launchBrowser();
async function open(page) {
  await page.goto('about:blank');
  await page.goto(server.url + '?autoplay=0#' + exampleFragment('gumbel-vae'));
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 30000, 'the app to start');
}

let failed = false;
for (const screen of [{ width: 1400, height: 900, scale: 1 }, { width: 360, height: 640, scale: 3 }]) {
  const tag = `${screen.width}x${screen.height}@${screen.scale}`;
  const runner = testRunner(browser, { viewport: { width: screen.width, height: screen.height },
                                       deviceScaleFactor: screen.scale, outDir });
  await runner.test(`the gumbel-vae lesson at ${tag} learns and draws no text over text`, async (page, errors) => {
      await open(page);
      const status = await page.evaluate(() => window.netlab.status());
      assert.equal(status.task, 'gumbel-vae');
      await page.evaluate(() => window.netlab.setPlaying(true));
      if (screen.width === 1400) {
        const view = await waitFor(page, () => window.netlab.status().models.views['Gumbel VAE'],
                                   (v) => v && v.test_elbo > v.baseline && v.samples >= 20000, 90000,
                                   'the test ELBO to beat independent pixels');
        console.log(`  gumbel-vae: ${JSON.stringify(view)}`);
        assert.ok(view.chi_square < 16.27, `Gumbel-max frequencies match alpha (chi-square ${view.chi_square})`);
      } else {
        await new Promise((r) => setTimeout(r, 1500));
      }
      const found = await layoutAfterFrames(page, `gumbel-vae ${tag}`, path.join(outDir, `lesson-gumbel-vae-${tag}.png`));
      assert.deepEqual(errors, []);
      assert.ok(found.length === 0, found.join('\n'));
    });
  failed = failed || runner.failed();
}
await finish(browser, server, failed);
