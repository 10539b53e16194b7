// TF Playground links in the page (issue #14): TF Playground mode trains TF Playground's own experiment
// epoch by epoch, equal to `netlab --headless --config <link> --epochs N` (the native engine, checked in
// turn against an independent JavaScript derivation by tests/tfplayground/links.test.mjs); an edit moves
// to Netlab's model and a Netlab link; course configs hide and lock controls and report a met goal to
// the host page (Netlab.mount's on('goal') and an iframe's postMessage); "Copy TF Playground link" backs out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const netlab = path.join(repoRoot, 'build/netlab-headless');
if (!fs.existsSync(netlab)) throw new Error(`${netlab} is missing: build it with ./scripts/build-native`);
const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1000, height: 700 }, outDir });

async function open(page, fragment, query = '?autoplay=0') {
  await page.goto('about:blank');
  await page.goto(server.url + query + '#' + fragment);
  return waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step === 0, 30000, 'the paused app');
}

// The headless faithful run: epoch=E train_loss=L test_loss=L, 17 digits each, from epoch 0.
function headless(link, epochs) {
  const text = execFileSync(netlab, ['--headless', '--epochs', String(epochs), '--config', link], { encoding: 'utf8' });
  return text.trim().split('\n').map((line) => {
    const m = /^epoch=(\d+) train_loss=(\S+) test_loss=(\S+)$/.exec(line);
    assert.ok(m, `a headless epoch line: ${line}`);
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  });
}

// 1e-12 relative: the page's WASM and the native build run the same double-precision code; only the
// two maths libraries' tanh/exp may differ in the last bit, which stays far below this over 25 epochs.
function close(got, want, what) {
  assert.ok(Math.abs(got - want) <= 1e-12 * Math.abs(want), `${what}: page ${got}, headless ${want}`);
}

const links = [
  // TF Playground's own default state with an L2 penalty and a batch that leaves a remainder (250 % 7).
  'https://playground.tensorflow.org/#activation=tanh&regularization=L2&batchSize=7&dataset=spiral&regDataset=reg-plane' +
    '&learningRate=0.03&regularizationRate=0.001&noise=10&networkShape=6,3&seed=0.41311&showTestData=false' +
    '&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=true&ySquared=false&cosX=false' +
    '&sinX=true&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false',
  // Regression, ReLU, no hidden-text keys (an old link).
  'https://playground.tensorflow.org/#activation=relu&batchSize=3&regDataset=reg-gauss&learningRate=0.01' +
    '&networkShape=4&seed=0.9&problem=regression&percTrainData=70',
];

for (const link of links) {
  await test(`TF Playground mode follows the headless run: ${link.slice(36, 80)}...`, async (page, errors) => {
    const epochs = 25;
    const start = await open(page, link.slice(link.indexOf('#') + 1));
    assert.ok(start.tf_playground, 'the link opens in TF Playground mode');
    assert.equal(start.backend, 'cpu');
    const want = headless(link, epochs);
    assert.equal(want.length, epochs + 1);
    const got = [[0, start.tf_playground.train_loss, start.tf_playground.test_loss]];
    for (let e = 1; e <= epochs; ++e) {
      await page.evaluate(() => window.netlab.step(1));
      const s = (await page.evaluate(() => window.netlab.status())).tf_playground;
      got.push([s.epoch, s.train_loss, s.test_loss]);
    }
    for (let e = 0; e <= epochs; ++e) {
      assert.equal(got[e][0], want[e][0], 'the epoch count');
      close(got[e][1], want[e][1], `epoch ${e} train loss`);
      close(got[e][2], want[e][2], `epoch ${e} test loss`);
    }
    // The numbers on screen are the same curve: the header's train loss is the last point's.
    const s = await page.evaluate(() => window.netlab.status());
    assert.equal(s.step, epochs);
    assert.ok(Math.abs(s.train_loss - want[epochs][1]) < 1e-8 * want[epochs][1]);
    // The indicator is drawn, and nothing on screen overlaps.
    assert.ok(await page.evaluate(() => window.netlab.itemRect('TF Playground mode')), 'the TF Playground mode indicator');
    const report = await page.evaluate(() => window.netlab.layoutReport());
    assert.deepEqual(report.overlaps, [], JSON.stringify(report.overlaps));
    // Its share link stays the TF Playground link.
    assert.match(await page.evaluate(() => window.netlab.shareLink()), /#activation=/);
    await page.screenshot({ path: path.join(outDir, `tfplayground-mode-${links.indexOf(link)}.png`) });
    assert.deepEqual(errors, []);
  });
}

await test('changing a setting leaves TF Playground mode for Netlab\'s model and a Netlab link', async (page, errors) => {
  await open(page, links[0].slice(links[0].indexOf('#') + 1));
  await page.evaluate(() => window.netlab.step(3));
  const noise = await waitFor(page, () => window.netlab.itemRect('Noise'), (r) => r, 5000, 'the Noise slider');
  // A click at 80% of the slider sets the noise to about 0.8, an edit as a student makes it.
  await page.mouse.click(noise.x + noise.width * 0.8, noise.y + noise.height / 2);
  const s = await waitFor(page, () => window.netlab.status(), (st) => st.tf_playground === null, 5000, 'Netlab mode');
  assert.equal(s.step, 0, 'a new model, trained from step 0');
  await waitFor(page, () => window.netlab.itemRect('TF Playground mode'), (r) => r === null, 15000, 'no indicator');
  const link = await waitFor(page, () => window.netlab.shareLink(), (l) => !/#activation=/.test(l), 5000, 'a Netlab link');
  assert.match(link, /#(check=|z2\.)/);
  // The link's noise was 10 (0.1 in Netlab's units); the click moved it.
  assert.doesNotMatch(await page.evaluate(() => window.netlab.configText()), /noise=0\.1\b/);
  // Netlab's model trains on (its equivalent: SGD on squared error with a tanh output).
  const losses = await page.evaluate(() => window.netlab.step(20));
  assert.ok(losses.every(Number.isFinite) && losses.length === 20);
  assert.deepEqual(errors, []);
});

await test('_hide keys and hide= hide those controls; lock= keeps them visible and unchangeable', async (page, errors) => {
  let s = await open(page, 'activation=tanh&learningRate_hide=true&networkShape_hide=true&seed=0.3&dataset=xor');
  assert.ok(s.tf_playground);
  assert.ok(!s.visible_controls.includes('learning_rate'), `learning_rate hidden: ${s.visible_controls}`);
  assert.ok(!s.visible_controls.includes('layers'));
  assert.ok(s.visible_controls.includes('batch_size') && s.visible_controls.includes('activation'));
  assert.equal(await page.evaluate(() => window.netlab.itemRect('Learning rate')), null);
  s = await open(page, 'dataset=xor&seed=2&hide=seed,regularization&lock=noise,features');
  assert.ok(!s.visible_controls.includes('seed') && !s.visible_controls.includes('regularization'));
  for (const name of ['noise', 'features', 'x1', 'learning_rate', 'dataset']) assert.ok(s.visible_controls.includes(name), name);
  assert.deepEqual(s.locked_controls, ['noise', 'features']);
  // Not vacuous: the same click that edits the noise above does nothing on the locked slider.
  const before = await page.evaluate(() => window.netlab.configText());
  const noise = await page.evaluate(() => window.netlab.itemRect('Noise'));
  assert.ok(noise, 'the locked slider is drawn');
  await page.mouse.click(noise.x + noise.width * 0.8, noise.y + noise.height / 2);
  await page.evaluate(() => window.netlab.step(1));
  assert.equal(await page.evaluate(() => window.netlab.configText()), before);
  // An unknown control is refused with the list, and the default playground opens.
  s = await open(page, 'dataset=xor&hide=warp_drive');
  assert.match(s.message, /Unknown control 'warp_drive' in hide/);
  assert.deepEqual(errors, []);
});

// Two well-separated Gaussians: Netlab's default network gets the test loss below 0.02 within a few
// hundred steps (it starts near ln 2 = 0.69 for sigmoid cross-entropy; `netlab --headless --config
// 'dataset=gaussians&seed=3' --steps 400` ends near 0.002).
const goalConfig = 'dataset=gaussians&seed=3&goal_test_loss=0.02&goal_max_neurons=6&goal_text=Separate%20the%20two%20clouds';

await test('a met goal reaches the embedding page: on(\'goal\') and an iframe\'s postMessage', async (page, errors) => {
  await page.goto(server.url + 'examples/course-page.html?autoplay=0');
  await waitFor(page, async () => (await window.demos).length, (n) => n === 3, 60000, 'the course page');
  await page.evaluate((config) => {
    const div = document.createElement('div');
    div.style.cssText = 'width: 480px; height: 360px';
    document.body.append(div);
    window.goals = [];
    window.exercise = Netlab.mount(div, { config, autoplay: false })
      .then((h) => { h.on('goal', (goal) => window.goals.push(goal)); return h; });
  }, goalConfig);
  await page.evaluate(async () => { window.handle = await window.exercise; });
  let s = await page.evaluate(() => window.handle.status());
  assert.equal(s.goal.met, false);
  assert.match(s.goal.summary, /^Goal: test loss < 0.02 with at most 6 neurons\. Now 0\.\d+ with 6 neurons\.$/);
  assert.deepEqual(await page.evaluate(() => window.goals), [], 'no event before the goal is met');
  await page.evaluate(() => window.handle.step(400));
  const goals = await waitFor(page, () => window.goals, (g) => g.length > 0, 10000, 'the goal event');
  assert.equal(goals.length, 1);
  assert.ok(goals[0].test_loss < 0.02 && goals[0].neurons === 6 && goals[0].text === 'Separate the two clouds');
  s = await page.evaluate(() => window.handle.status());
  assert.ok(s.goal.met && s.goal.reported);
  await page.evaluate(() => window.handle.step(5));
  assert.equal((await page.evaluate(() => window.goals)).length, 1, 'reported once per model');

  // An iframe (?embed=1) posts {type: 'netlab-goal', goal} to its parent.
  await page.goto(server.url + 'examples/course-page.html?autoplay=0');
  await page.evaluate((src) => {
    window.messages = [];
    addEventListener('message', (e) => window.messages.push(e.data));
    const iframe = document.createElement('iframe');
    iframe.style.cssText = 'width: 480px; height: 360px';
    iframe.src = src;
    document.body.append(iframe);
  }, `${server.url}?embed=1#${goalConfig}`);
  let frame = null;
  for (let i = 0; i < 100 && !frame; ++i) {
    frame = page.frames().find((f) => f.url().includes('embed=1')) || null;
    if (!frame) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(frame, 'the iframe loads');
  await waitFor(frame, () => window.netlab && window.netlab.status(), (st) => st && st.goal, 30000, 'the embedded exercise');
  const messages = await waitFor(page, () => window.messages, (m) => m.some((x) => x.type === 'netlab-goal'), 60000,
                                 'the goal message (the iframe trains by itself)');
  const goal = messages.find((x) => x.type === 'netlab-goal').goal;
  assert.ok(goal.test_loss < 0.02);
  assert.deepEqual(errors, []);
});

await test('Copy TF Playground link: a fitting config round-trips; a misfit is disabled with the reason', async (page, errors) => {
  // Tall enough for the Share and export section to be on screen without scrolling the controls.
  await page.setViewportSize({ width: 1400, height: 1600 });
  const fits = 'version=2&dataset=circle&features=x1,x2,x1_squared&layers=5:tanh,2:tanh&loss=mse&output_activation=tanh' +
               '&initializer=uniform&init_scale=0.5&optimizer=sgd&learning_rate=0.1&batch_size=10&seed=77';
  await open(page, fits);
  const { link, why } = await page.evaluate(() => window.netlab.tfPlaygroundLink());
  assert.equal(why, '');
  assert.match(link, /^https:\/\/playground\.tensorflow\.org\/#activation=tanh&batchSize=10&dataset=circle&/);
  assert.match(link, /&seed=77&/);
  // The button copies exactly that link.
  const button = await waitFor(page, () => window.netlab.itemRect('Copy TF Playground link'), (r) => r, 15000, 'the button');
  // Press and release in separate frames, as ImGui's buttons need.
  await page.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
  await page.mouse.down();
  await new Promise((r) => setTimeout(r, 300));
  await page.mouse.up();
  await waitFor(page, () => window.netlabLastTfPlaygroundLink, (l) => l === link, 15000, 'the copied link');
  // Opened again, it is TF Playground mode with the same Netlab settings (the seed becomes a hash of "77").
  const text = await page.evaluate(() => window.netlab.configText());
  const s = await open(page, link.slice(link.indexOf('#') + 1));
  assert.ok(s.tf_playground);
  const noSeed = (t) => t.replace(/seed=\d+/, '');
  assert.equal(noSeed(await page.evaluate(() => window.netlab.configText())), noSeed(text));
  // Netlab's default (Adam on cross-entropy) does not fit: no link, and the reason.
  await open(page, 'dataset=circle');
  const misfit = await page.evaluate(() => window.netlab.tfPlaygroundLink());
  assert.equal(misfit.link, null);
  assert.match(misfit.why, /^TF Playground has no /);
  assert.ok(await page.evaluate(() => window.netlab.itemRect('Copy TF Playground link')), 'drawn, disabled');
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
if (failed()) process.exit(1);
