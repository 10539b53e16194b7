// Every teaching view renders in the browser without errors while training goes on, and a sigmoid
// network with a large initializer (the saturation demo) still runs; screenshots go to out/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { finish, openOnePage, runTest, waitFor } from './browser.mjs';

const { outDir, server, browser, page, errors } = await openOnePage({ width: 1280, height: 800 });
// A link opened over a trained run asks first (web/netlab-page.js, followHash): the student says yes.
page.on('dialog', (d) => d.accept());
const failed = await runTest('views', page, null, async () => {
  const link = '#dataset=spiral&layers=8:sigmoid:bn,8:sigmoid:res,6:relu:d0.1&initializer=normal&init_scale=3' +
               '&optimizer=rmsprop&learning_rate=0.01&schedule=cosine&decay_steps=3000';
  await page.goto(server.url + link);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 30000, 'training');
  assert.equal((await page.evaluate(() => window.netlab.status())).message, '', 'the link was accepted');
  for (const view of ['backprop', 'gradient_check', 'layers', 'errors', 'race', 'playground']) {
    await page.evaluate((v) => window.netlab.setView(v), view);
    const before = (await page.evaluate(() => window.netlab.status())).step;
    await waitFor(page, () => window.netlab.status(), (s) => s.step > before + 20, 20000, `training under ${view}`);
    await page.screenshot({ path: path.join(outDir, `view-${view}.png`) });
    console.log(`ok - view ${view} renders while training`);
  }
  // The tab in front travels in the config: a link with view=race opens the race.
  await page.goto(server.url + '#view=race&dataset=xor');
  // Only the fragment changed: the page reads it on hashchange, after the old run's status is still there.
  await waitFor(page, () => window.netlab && window.netlab.configText(), (t) => /view=race/.test(t), 30000,
                'the link\'s view');
  await waitFor(page, () => window.netlab.status(), (s) => s.step > 10, 30000, 'training');
  assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=xor/);
  await page.screenshot({ path: path.join(outDir, 'view-from-link.png') });
  console.log('ok - a link with view=race opens the optimizer race');
  // The Errors tab counts every test point once, and its diagonal is the test accuracy the header shows.
  await page.goto(server.url + '#view=errors&dataset=xor&layers=8:tanh,4:tanh&palette=colorblind');
  const trained = await waitFor(page, () => window.netlab.status(), (s) => s.test_accuracy > 0.9 && s.confusion, 60000,
                                'XOR learned');
  await page.evaluate(() => window.netlab.setPlaying(false));
  await new Promise((r) => setTimeout(r, 1500));  // the tab gathers again half a second after the last step
  const paused = await page.evaluate(() => window.netlab.status());
  const [[a, b], [c, d]] = paused.confusion;
  assert.equal(a + b + c + d, 250, 'the 250 test points of 500 samples at a 50% split');
  assert.ok(Math.abs((a + d) / 250 - paused.test_accuracy) < 0.02,
            `the diagonal ${(a + d) / 250} is the test accuracy ${paused.test_accuracy}`);
  assert.equal(paused.palette, 'colorblind');
  assert.match(await page.evaluate(() => window.netlab.configText()), /palette=colorblind/, 'the palette travels in the link');
  await page.screenshot({ path: path.join(outDir, 'view-errors-colorblind.png') });
  console.log(`ok - the Errors tab's confusion ${JSON.stringify(paused.confusion)} matches test accuracy ${paused.test_accuracy} (step ${trained.step})`);
  assert.deepEqual(errors, []);
});
await finish(browser, server, failed);
