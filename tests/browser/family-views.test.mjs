// The Layers and Gradient check tabs of the VAE, GAN and sequence tasks in the served page. For each
// example (vae-digits, gan-ring, lstm-sine) the Gradient check tab checks every network it has (encoder
// and decoder, generator and discriminator, the LSTM) against the loss that network is trained on and
// finds backprop right; the task trains on the Layers tab; both tabs draw no text over text and cut
// none on a laptop (1400x900) and a phone (360x640 at 3x). Screenshots go to out/family-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { clickRect, exampleFragment, launchBrowser, layoutProblems, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function open(page, fragment) {
  await page.goto('about:blank');
  await page.goto(server.url + '?autoplay=0#' + fragment);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 30000, 'the app to start');
}

// A paused page draws only for a second after input (web/main_web.cpp's Wake): a mouse move in a corner
// keeps it drawing until the item is there.
async function rectOf(page, name) {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    const r = await page.evaluate((n) => window.netlab.itemRect(n), name);
    if (r) return r;
    await page.mouse.move(1 + Math.random(), 1);
    await sleep(250);
  }
  throw new Error(`timed out waiting for the item "${name}"`);
}

const click = async (page, name) => clickRect(page, await rectOf(page, name));

// Each example's view (as the status names it), its progress counter and its networks with their
// parameter counts, worked out from the example's sizes:
//   VAE 64-64-2: encoder 64·64+64 + 2·(64·2+2) = 4420, decoder 2·64+64 + 64·64+64 = 4352
//   GAN noise 2, 64 hidden: generator 2·64+64 + 64·64+64 + 64·2+2 = 4482, discriminator 192 + 4160 + 64+1 = 4417
//   LSTM 16 units on 1 input: 1·64 + 16·64 + 64 (4 gates) + readout 16+1 = 1169
const examples = [
  { name: 'vae-digits', view: 'VAE', counter: 'updates', networks: [['encoder', 4420], ['decoder', 4352]] },
  { name: 'gan-ring', view: 'GAN', counter: 'steps', networks: [['generator', 4482], ['discriminator', 4417]] },
  { name: 'lstm-sine', view: 'RNN', counter: 'updates', networks: [['lstm', 1169]] },
];

const laptop = testRunner(browser, { viewport: { width: 1400, height: 900 }, outDir });
await laptop.test('the VAE, GAN and LSTM pass the gradient check on their own losses and lay out their Layers tab', async (page, errors) => {
  const found = [];
  for (const example of examples) {
    // Checked before training starts, on the example's seed: the weights, and so the worst error, are
    // the same every run (the GAN's leaky ReLUs put kinks near some weights, teaching/model_losses_test.cpp).
    await open(page, exampleFragment(example.name));
    await click(page, 'task tab gradient_check');
    for (const [network, parameters] of example.networks) {
      if (example.networks.length > 1) await click(page, `network ${network}`);
      await click(page, 'Run gradient check');
      const check = await waitFor(page, () => window.netlab.status().models, (m) => m.gradient_check.state === 'done',
                                  60000, `the check of the ${network}`);
      console.log(`  ${example.name} ${check.network}: ${JSON.stringify(check.gradient_check)}`);
      assert.equal(check.network, network);
      assert.equal(check.gradient_check.total, parameters, `every parameter of the ${network} is checked once`);
      // The view's green threshold: float forwards leave ~1e-4 in a right gradient (teaching/gradient_check.cpp).
      assert.ok(check.gradient_check.worst < 1e-2, `backprop of the ${network} agrees (worst ${check.gradient_check.worst})`);
      await twoFrames(page);
      await page.screenshot({ path: path.join(outDir, `family-${example.name}-${network}-check-1400.png`) });
    }
    found.push(...layoutProblems(await page.evaluate(() => window.netlab.layoutReport()), `${example.name} gradient check`));
    await click(page, 'task tab layers');
    await page.evaluate(() => window.netlab.setPlaying(true));
    await waitFor(page, (v) => window.netlab.status().models.views[v], (s) => s && s[example.counter] >= 50, 30000,
                  `${example.name} to train on the Layers tab`, example.view);
    await sleep(1000);
    await twoFrames(page);
    found.push(...layoutProblems(await page.evaluate(() => window.netlab.layoutReport()), `${example.name} layers`));
    await page.screenshot({ path: path.join(outDir, `family-${example.name}-layers-1400.png`) });
    const steps = (await page.evaluate((v) => window.netlab.status().models.views[v], example.view))[example.counter];
    await sleep(500);
    const later = (await page.evaluate((v) => window.netlab.status().models.views[v], example.view))[example.counter];
    assert.ok(later > steps, `${example.name} keeps training on the Layers tab`);
  }
  assert.deepEqual(errors, []);
  assert.ok(found.length === 0, found.join('\n'));
});

const phone = testRunner(browser, { viewport: { width: 360, height: 640 }, deviceScaleFactor: 3, outDir });
await phone.test('the Layers and Gradient check tabs at 360x640@3 draw no text over text and cut none', async (page, errors) => {
  const found = [];
  for (const example of examples)
    for (const view of ['layers', 'gradient_check']) {
      await open(page, exampleFragment(example.name) + `&view=${view}`);
      await page.evaluate(() => window.netlab.setPlaying(true));
      await sleep(1500);
      await twoFrames(page);
      found.push(...layoutProblems(await page.evaluate(() => window.netlab.layoutReport()), `${example.name} ${view} 360`));
      await page.screenshot({ path: path.join(outDir, `family-${example.name}-${view}-360.png`) });
    }
  assert.deepEqual(errors, []);
  assert.ok(found.length === 0, found.join('\n'));
});

await browser.close();
server.stop();
process.exit(laptop.failed() || phone.failed() ? 1 : 0);
