// One truth on screen (issue 31): every control a task's output shows edits the config the page's link
// carries, so nothing on screen is state of the view alone. For every example config and every tab of its
// task, the layout report lists the frame's widgets (Dear ImGui's test-engine hooks,
// ui/platform/layout_report.h). In the output pane each switch (checkbox, radio button) is clicked and each
// value (slider, drag, number field) is typed into as a person would (Ctrl+click, a new number, Enter), and
// the config text (window.netlab.configText()) must change with it. A button is a tab, one of the actions
// named below, or a choice (a radio button, a confusion-matrix cell) that is clicked and must change the
// config too; expanders only open text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exampleFragment, launchBrowser, repoRoot, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

// What a button may do without being a setting: train, sample, draw anew, restart a side experiment.
const actions = new Set([
  'New samples',         // MADE, SBN: draw new samples from the model as it is
  'New sample',          // char-transformer: the next random stream for its text sample (the model as it is)
  'New wave',            // sequence: a new test wave (its frequency is the wave_frequency key it sets)
  'Next sequence',       // attention: the next test sequence
  'Run gradient check',  // Gradient check tab: a measurement of the network as it is
  'Cancel check',
  'Gradient step',       // backprop inspector: moves w1, w2 (the backprop key)
  'Lecture values',      // backprop inspector: the backprop keys back to the lecture's
  'Run race', 'Pause race', 'Restart',  // optimizer race: the race's clock, not its settings
  '?',                   // a panel's help
  'Save figure',         // playground: its menu saves the heatmap and the loss curves as files
  'Hyperparameter search',  // opens the search window (its own settings are the search's)
  'Pin this run', 'Copy pins link', 'Open', 'Remove',  // Compare runs: pins are the page's, not the run's settings
  'Record 10 s',         // a video of the page
  'Back to the present', 'Resume from here',  // the timeline: which step is shown is the timeline key
]);

const examples = fs.readdirSync(path.join(repoRoot, 'examples/configs')).filter((f) => f.endsWith('.cfg'))
  .map((f) => f.replace(/\.cfg$/, '')).sort();
const only = process.argv[2];  // one example's name, to run it alone
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The output pane's visible controls, in page pixels.
async function outputControls(page) {
  await page.mouse.move(3 + Math.random(), 3);
  await twoFrames(page);
  await twoFrames(page);
  return page.evaluate(() => {
    const canvas = document.getElementById('canvas').getBoundingClientRect();
    const zoom = window.netlab.uiScale ? window.netlab.uiScale() : 1;
    return window.netlab.layoutReport().controls.filter((c) => c.window === 'Output' && c.visible)
      .map((c) => ({ ...c, x: canvas.x + zoom * c.x, y: canvas.y + zoom * c.y, width: zoom * c.width, height: zoom * c.height }));
  });
}

const config = (page) => page.evaluate(() => window.netlab.configText());

async function clickAt(page, c, modifier) {
  await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
  await sleep(100);
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.down();
  await sleep(100);
  await page.mouse.up();
  if (modifier) await page.keyboard.up(modifier);
  await sleep(250);
}

// Types `text` into a slider, drag or number field: Ctrl+click opens a slider's or drag's text field (a
// number field takes the click itself), Ctrl+A selects what is there, Enter applies.
async function typeInto(page, c, text) {
  await clickAt(page, c, 'Control');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await sleep(300);
  await twoFrames(page);
}

const server = await startServer();
const browser = await launchBrowser();
const run = testRunner(browser, { viewport: { width: 1400, height: 900 }, outDir: process.env.NETLAB_TEST_OUT });

for (const name of examples.filter((e) => !only || e === only)) {
  await run.test(`${name}: every switch and value in the output edits the config; every button is an action`, async (page, errors) => {
    await page.goto(server.url + '?autoplay=0#' + exampleFragment(name));
    await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, `${name}: the app`);
    const { tabs } = await page.evaluate(() => window.netlab.status());
    const operated = [];
    for (const tab of tabs) {
      await page.evaluate((v) => window.netlab.setView(v), tab);
      // The run's first frames (the data arrives, the run is built) before the view's controls are there.
      await waitFor(page, () => window.netlab.status(), (s) => s.task === 'playground' || (s.models && !s.models.loading), 60000,
                    `${name} ${tab}: the run`);
      const first = await outputControls(page);
      // A tab's entry names its tab ("Gradient check" for gradient_check, "Optimizer race" for race).
      // The window's own title item and its child regions ("Output/nodes_B641...") are no controls.
      const region = (c) => c.label === c.window || c.label.startsWith(c.window + '/');
      const isTab = (label) => tabs.some((t) => label.toLowerCase().includes(t.replace('_', ' ')));
      // Each switch, value and button that is neither a tab nor an action (a radio button, a clickable
      // cell) in turn, found again after each edit (the layout may move).
      // Last first: a group of radio buttons starts on its first, so each click moves the choice. A label
      // standing for many controls (the cells of a 10 x 10 matrix) is tried at four of them.
      const candidates = first.filter((c) => c.kind === 'check' || c.kind === 'value' ||
                                             (c.kind === 'button' && !region(c) && !actions.has(c.label) && !isTab(c.label)));
      const settings = candidates.filter((c) => {
        const same = candidates.filter((d) => d.label === c.label);
        const k = same.indexOf(c), n = same.length;
        return n <= 4 || [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1].includes(k);
      }).reverse();
      for (let i = 0; i < settings.length; ++i) {
        const find = async () => {
          const now = (await outputControls(page)).filter((c) => c.kind !== 'open');
          const far = (d) => Math.abs(d.y - settings[i].y) + Math.abs(d.x - settings[i].x);
          return now.filter((d) => d.label === settings[i].label && d.kind === settings[i].kind)
                    .sort((p, q) => far(p) - far(q))[0];
        };
        let c = await find();
        if (!c) continue;
        const before = await config(page);
        let after = before, moved = false;
        if (c.kind !== 'value') {
          await clickAt(page, c);
          await twoFrames(page);
          after = await config(page);
          moved = after !== before;
          // A radio button already chosen changes nothing: choose its neighbour in the row, then it again.
          const neighbour = settings.find((d) => d.kind === 'button' && d.label !== c.label && Math.abs(d.y - c.y) < 4);
          if (!moved && c.kind === 'button' && neighbour) {
            await clickAt(page, neighbour);
            await twoFrames(page);
            const between = await config(page);
            c = (await find()) || c;
            await clickAt(page, c);
            await twoFrames(page);
            after = await config(page);
            moved = between !== before && after !== between;
          }
        } else {
          // Numbers inside most ranges, in turn, until one differs from what the control held.
          for (const text of ['3', '0.5', '7', '150']) {
            await typeInto(page, c, text);
            after = await config(page);
            moved = after !== before;
            if (moved) break;
            c = (await find()) || c;  // a message may have moved the layout
          }
        }
        const label = c.label || '(unlabelled)';
        const what = { check: 'switch', value: 'value', button: 'button' }[c.kind];
        assert.ok(moved, `${name} ${tab}: the ${what} "${label}" (neither a tab nor an action) ` +
                        'changed nothing in the config: what the view shows must be a config key');
        const keys = (t) => t.split(/[\n&]/);
        const changed = keys(after).filter((l) => !keys(before).includes(l));
        operated.push(`${tab}/${label} -> ${changed.join(' ').slice(0, 60)}`);
      }
    }
    console.log(`  ${name}: ${operated.length ? operated.join('; ') : 'no switches or values in the output'}`);
    assert.deepEqual(errors, []);
  });
}

await browser.close();
server.stop();
process.exit(run.failed() ? 1 : 0);
