// The gradient check of a big network (12 hidden layers of 256 units, ~730k parameters, two forwards
// each) runs a frame's share at a time: the page keeps drawing and training while its progress
// (status().gradient_check) moves, the bar shows, and "Cancel check" stops it. A small network's check
// finishes and passes. Clicks where the app drew each button (window.netlab.itemRect), as a user would.
import assert from 'node:assert/strict';
import path from 'node:path';
import { clickItem, finish, openOnePage, runTest, waitFor } from './browser.mjs';

const { outDir, server, browser, page, errors } = await openOnePage({ width: 1280, height: 800 });
// A link opened over a trained run asks first (web/netlab-page.js, followHash): the student says yes.
page.on('dialog', (d) => d.accept());
const status = () => page.evaluate(() => window.netlab.status());
const clickOn = (name) => clickItem(page, name, 20000);
const failed = await runTest('gradient check', page, null, async () => {
  const big = Array(12).fill('256:tanh').join(',');
  await page.goto(server.url + `#dataset=spiral&layers=${big}&view=gradient_check&learning_rate=0.001`);
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 60000, 'training');
  assert.equal((await status()).message, '', 'the link was accepted');
  assert.equal((await status()).gradient_check.state, 'idle');
  await clickOn('Run gradient check');
  const first = await waitFor(page, () => window.netlab.status().gradient_check, (g) => g.state === 'running' && g.done > 0,
                              20000, 'the check to start');
  // 11 hidden-to-hidden 256 x 256 weight matrices and more (the first layer reads 2 inputs), once per
  // mode (training and inference): far more than a few frames can check.
  assert.ok(first.total > 2 * 11 * 256 * 256, `total ${first.total}`);
  const steps = (await status()).step;
  const later = await waitFor(page, () => window.netlab.status(), (s) => s.gradient_check.done > first.done && s.step > steps,
                              30000, 'the check and the training to go on together');
  assert.equal(later.gradient_check.state, 'running');
  assert.equal(later.gradient_check.total, first.total);
  await page.screenshot({ path: path.join(outDir, 'gradient-check-running.png') });
  console.log(`ok - a 12x256 check runs a frame's share at a time (${later.gradient_check.done} / ${later.gradient_check.total}) while training goes on`);
  await clickOn('Cancel check');
  await waitFor(page, () => window.netlab.status().gradient_check, (g) => g.state === 'idle', 10000, 'the check to stop');
  console.log('ok - "Cancel check" stops it');

  await page.goto(server.url + '#dataset=xor&layers=4:tanh,3:softplus&view=gradient_check');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step > 0, 60000, 'training');
  await clickOn('Run gradient check');
  const done = await waitFor(page, () => window.netlab.status().gradient_check, (g) => g.state === 'done', 20000, 'the check to end');
  assert.equal(done.done, done.total);
  assert.ok(done.worst < 1e-2, `worst relative error ${done.worst}`);  // the view's own pass mark
  await page.screenshot({ path: path.join(outDir, 'gradient-check-done.png') });
  console.log(`ok - a small network's check finishes (worst ${done.worst.toExponential(2)})`);
  assert.deepEqual(errors, []);
});
await finish(browser, server, failed);
