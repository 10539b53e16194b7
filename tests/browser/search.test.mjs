// End to end in headless Chromium: the hyperparameter search window opens, runs a Bayesian search over
// learning rate and width on the playground's config, and "Apply best" loads a searched config into the
// playground. ImGui draws on a canvas; the test asks the app where it drew each button
// (window.netlab.itemRect) and clicks there with the mouse, as a user would.
import assert from 'node:assert/strict';
import path from 'node:path';
import { clickItem, exampleFragment, finish, openOnePage, runTest, waitFor, watchedPage } from './browser.mjs';

const { outDir, server, browser, page, errors } = await openOnePage({ width: 1280, height: 800 });
const setting = (text, key) => new URLSearchParams(text).get(key);
const searchFailed = await runTest('search window', page, path.join(outDir, 'failed-search.png'), async () => {
  await page.goto(server.url + '?autoplay=0');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the app to start');
  const before = await page.evaluate(() => window.netlab.configText());
  assert.equal(setting(before, 'layers'), '4:tanh,2:tanh');
  await page.evaluate(() => window.netlab.openWindow('search'));  // as the "Hyperparameter search" button does
  const clickOn = (name, timeout) => clickItem(page, name, timeout);
  await clickOn('Start search', 10000);  // Bayesian, 20 trials, learning rate and width
  await waitFor(page, () => window.netlab.itemRect('Cancel search'), (r) => r !== null, 10000, 'the search to start');
  // "Apply best" shows once a trial has finished; wait for the whole search (the Cancel button goes) first.
  await waitFor(page, () => window.netlab.itemRect('Cancel search'), (r) => r === null, 150000, 'the search to finish');
  const before_apply = await page.evaluate(() => window.netlab.configText());
  assert.equal(setting(before_apply, 'layers'), '4:tanh,2:tanh', 'searching alone leaves the playground alone');
  await clickOn('Apply best', 10000);
  let after = before;
  const deadline = Date.now() + 10000;
  while (setting(after, 'layers') === '4:tanh,2:tanh' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    after = await page.evaluate(() => window.netlab.configText());
  }
  assert.notEqual(setting(after, 'layers'), '4:tanh,2:tanh', 'Apply best loaded a searched config');
  const units = setting(after, 'layers').split(',').map((layer) => Number(layer.split(':')[0]));
  assert.equal(units.length, 2, 'depth is not searched, so it is kept');
  for (const u of units) assert.ok(u >= 2 && u <= 32 && u === units[0], `width ${u} within the searched range`);
  const rate = Number(setting(after, 'learning_rate'));
  assert.ok(rate >= 1e-4 && rate <= 1, `learning rate ${rate} within the searched range`);
  assert.equal(setting(after, 'dataset'), 'circle', 'everything not searched is kept');
  await page.screenshot({ path: path.join(outDir, 'search.png') });
  assert.deepEqual(errors, []);
  console.log('ok - a Bayesian search runs in the page and Apply best loads its config');
});
// The GAN's search: the task's button opens it, and a trial finishes with a score (its MMD² to held-out
// ring points), which is when "Apply best" shows.
const { page: ganPage, errors: ganErrors } = await watchedPage(browser, { width: 1280, height: 800 });
const ganFailed = await runTest('GAN search', ganPage, path.join(outDir, 'failed-search-gan.png'), async () => {
  await ganPage.goto(server.url + '?autoplay=0#' + exampleFragment('gan-ring'));
  await waitFor(ganPage, () => window.netlab && window.netlab.status(), (s) => s.task === 'gan', 30000, 'the GAN task');
  const clickOn = (name, timeout) => clickItem(ganPage, name, timeout);
  await clickOn('task search', 10000);
  await clickOn('Start search', 10000);
  await waitFor(ganPage, () => window.netlab.itemRect('Cancel search'), (r) => r !== null, 10000, 'the GAN search to start');
  await waitFor(ganPage, () => window.netlab.itemRect('Apply best'), (r) => r !== null, 120000, 'a GAN trial to finish with a score');
  if (await ganPage.evaluate(() => window.netlab.itemRect('Cancel search'))) await clickOn('Cancel search', 10000);
  await ganPage.screenshot({ path: path.join(outDir, 'search-gan.png') });
  assert.deepEqual(ganErrors, []);
  console.log('ok - the GAN task offers the search, and a trial finishes with its MMD² score');
});
await finish(browser, server, searchFailed || ganFailed);
