// Every way into the page, tried hostile (docs/config.md, "Every way in"): the link of issue #29 that
// once killed the tab and its minimised form; links far longer than a link may be (they must never be
// written onto the module's stack); the embed API's loadConfig given junk; the stack check stopping a
// runaway recursion with a message; and the postMessage interface of ?embed=1 frames, which hears its
// embedding page only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, testRunner, waitFor } from './browser.mjs';

const outDir = path.join(repoRoot, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });
// Without cross-origin isolation: the postMessage test embeds the playground in a page of another origin.
const server = await startServer({ isolation: 'off' });
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1000, height: 700 }, outDir });

async function open(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  return waitFor(page, () => window.netlab && window.netlab.status(), (s) => s.step !== undefined, 60000, 'the app');
}

await test('the link of issue #29 opens with its goal, and its minimised form gives a message and a working default',
           async (page, errors) => {
  const link = 'https://playground.tensorflow.org/#activation=tanh&goal_text=playground.tensorflow.org';
  const s = await open(page, server.url + '?autoplay=0#' + link);
  assert.ok(s.tf_playground, 'TF Playground mode');
  assert.match(await page.evaluate(() => window.netlab.configText()), /goal_text=playground\.tensorflow\.org/);
  assert.ok((await page.evaluate(() => window.netlab.step(3))).every(Number.isFinite), 'trains');
  const bad = await open(page, server.url + '?autoplay=0#goal__hide');
  assert.match(bad.message, /Could not load that configuration: .*'goal__hide'.* not of the form key=value/);
  assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=circle/);
  assert.ok((await page.evaluate(() => window.netlab.step(3))).every(Number.isFinite), 'the default trains');
  // The fuzzer's own input, as a browser's address bar escapes it: the page lives and trains.
  const found = fs.readFileSync(path.join(repoRoot, 'tests/fuzz/corpus/config_link/issue29_fuzzer_found'), 'latin1');
  const s2 = await open(page, server.url + '?autoplay=0#' + encodeURIComponent(found));
  assert.ok(typeof s2.message === 'string' && s2.message.length > 0, 'a message says what was read');
  assert.ok((await page.evaluate(() => window.netlab.step(3))).every(Number.isFinite), 'trains');
  assert.deepEqual(errors, []);
});

await test('links of megabytes, opened or followed, are refused with a message and never reach the stack',
           async (page, errors) => {
  // At 4 bytes a character, ccall would have put 8 MB on a 1 MB stack.
  const huge = 'dataset=xor&seed=' + '7'.repeat(2_000_000);
  let s = await open(page, server.url + '?autoplay=0#' + huge);
  assert.match(s.message, /too long/);
  assert.equal(await page.evaluate(() => window.netlab.loadConfig('dataset=xor&seed=4')), true);
  assert.equal((await page.evaluate(() => window.netlab.status())).message, '');
  await page.evaluate(() => { location.hash = '#' + 'layers=4:relu&'.repeat(300_000); });
  s = await waitFor(page, () => window.netlab.status(), (t) => /too long/.test(t.message), 20000, 'the refusal');
  assert.match(await page.evaluate(() => window.netlab.configText()), /dataset=xor/);
  assert.equal(await page.evaluate(() => document.getElementById('overlay').hidden), true, 'no error overlay');
  assert.ok((await page.evaluate(() => window.netlab.step(2))).every(Number.isFinite), 'still trains');
  // Not a text at all: the caller hears why, the page goes on.
  const thrown = await page.evaluate(() => { try { window.netlab.loadConfig({ dataset: 'xor' }); return null; } catch (e) { return String(e); } });
  assert.match(thrown, /TypeError: Netlab: load_config takes a text/);
  assert.equal(await page.evaluate(() => document.getElementById('overlay').hidden), true, 'no error overlay');
  assert.deepEqual(errors, []);
});

await test('Netlab.mount\'s loadConfig refuses junk with a message, and the demo trains on', async (page, errors) => {
  await page.goto(server.url + 'examples/course-page.html?autoplay=0');
  await waitFor(page, async () => { window.handles = await window.demos; return window.handles.length; }, (n) => n === 3, 60000,
                'three mounted playgrounds');
  const results = await page.evaluate(() => {
    const h = window.handles[0];
    const out = [];
    for (const text of ['goal__hide', 'layers=1000000000:relu', 'z1.%%%', 'x'.repeat(3_000_000), '']) {
      const ok = h.loadConfig(text);
      out.push([ok, h.status().message]);
    }
    let thrown = null;
    try { h.loadConfig(12345); } catch (e) { thrown = String(e); }
    out.push([thrown]);
    return out;
  });
  for (const [ok, message] of results.slice(0, 4)) {
    assert.equal(ok, false);
    assert.match(message, /Could not load/);
  }
  assert.equal(results[4][0], true, 'an empty text is the default playground');
  assert.match(results[5][0], /TypeError/);
  assert.ok((await page.evaluate(() => window.handles[0].step(3))).every(Number.isFinite));
  assert.deepEqual(errors, []);
});

await test('a runaway recursion is stopped by the stack check with a message, not run into the heap', async (page, errors) => {
  await open(page, server.url + '?autoplay=0');
  const thrown = await page.evaluate(() => {
    try { window.netlab.module._netlab_test_runaway_recursion(); return null; } catch (e) { return String(e); }
  });
  assert.match(thrown || '', /stack overflow/i, 'the call ends in an abort');
  const overlay = await page.evaluate(() => ({ hidden: document.getElementById('overlay').hidden,
                                               text: document.getElementById('overlay').textContent }));
  assert.equal(overlay.hidden, false);
  assert.match(overlay.text, /Netlab stopped: it ran out of stack .* Reload the page/);
  await page.screenshot({ path: path.join(outDir, 'stack-overflow-message.png') });
  assert.ok(errors.every((e) => /stack overflow/i.test(e)), errors.join('\n'));
});

await test('an ?embed=1 frame answers its embedding page and ignores every other sender', async (page, errors) => {
  // The parent page is on another origin (localhost) than the playground (127.0.0.1).
  const parentUrl = server.url.replace('127.0.0.1', 'localhost') + 'tests/browser/embed-messages.html?src=';
  const embedUrl = server.url + 'index.html?embed=1&autoplay=0#dataset=spiral&seed=3';
  await page.goto(parentUrl + encodeURIComponent(embedUrl));
  const frame = () => page.frames().find((f) => f.url().startsWith(server.url));
  await waitFor(page, () => document.getElementById('netlab').contentWindow.length >= 0, (x) => x, 30000, 'the frame');
  await waitFor(frame(), () => window.netlab && window.netlab.status().step, (s) => s === 0, 60000, 'the playground');
  const heard = () => page.evaluate(() => window.heard.slice());

  // The parent is heard and answered.
  await page.evaluate(() => window.post({ type: 'netlab-step', steps: 4 }));
  let replies = await waitFor(page, () => window.heard.slice(), (h) => h.length >= 1, 10000, 'a reply');
  assert.equal(replies[0].type, 'netlab-status');
  assert.equal(replies[0].status.step, 4);
  // Junk from the parent: nothing for Netlab is ignored without a word; Netlab's requests done wrong
  // get an error naming what is valid.
  await page.evaluate(() => {
    for (const m of ['netlab-load', null, 42, [1, 2], { type: 'other' }, { type: 7 }, { hello: 'x' }]) window.post(m);
    window.post({ type: 'netlab-load', config: 'layers=1000000000:relu' });
    window.post({ type: 'netlab-step', steps: 1e9 });
    window.post({ type: 'netlab-teleport' });
  });
  replies = await waitFor(page, () => window.heard.slice(), (h) => h.length >= 4, 10000, 'three errors');
  assert.deepEqual(replies.slice(1).map((r) => r.type), ['netlab-error', 'netlab-error', 'netlab-error']);
  assert.match(replies[1].error, /layers/);
  assert.match(replies[2].error, /whole number from 1 to 1000/);
  assert.match(replies[3].error, /unknown request 'netlab-teleport' \(netlab-load, /);

  // A sibling frame reaches the playground's window but is not its parent: ignored, no reply.
  const sibling = page.frames().find((f) => f.url() === 'about:srcdoc');
  await sibling.evaluate(() => {
    parent.document.getElementById('netlab').contentWindow.postMessage({ type: 'netlab-load', config: 'dataset=xor' }, '*');
    parent.document.getElementById('netlab').contentWindow.postMessage({ type: 'netlab-step', steps: 50 }, '*');
  });
  await page.waitForTimeout(1500);
  assert.match(await frame().evaluate(() => window.netlab.configText()), /dataset=spiral/);
  assert.equal(await frame().evaluate(() => window.netlab.status().step), 4);
  assert.equal((await heard()).length, 4, 'no reply to the sibling');

  // With ?parent= naming another origin, even the real parent is not heard.
  await page.goto(parentUrl + encodeURIComponent(server.url + 'index.html?embed=1&autoplay=0&parent=' +
                                                 encodeURIComponent('https://course.example.org') + '#dataset=spiral'));
  await waitFor(frame(), () => window.netlab && window.netlab.status().step, (s) => s === 0, 60000, 'the playground');
  await page.evaluate(() => window.post({ type: 'netlab-load', config: 'dataset=xor' }));
  await page.waitForTimeout(1500);
  assert.match(await frame().evaluate(() => window.netlab.configText()), /dataset=spiral/);
  assert.equal((await heard()).length, 0);
  // ...while the named origin is what it answers (the same page, told its own origin).
  const ownOrigin = new URL(parentUrl).origin;
  await page.goto(parentUrl + encodeURIComponent(server.url + 'index.html?embed=1&autoplay=0&parent=' +
                                                 encodeURIComponent(ownOrigin) + '#dataset=spiral'));
  await waitFor(frame(), () => window.netlab && window.netlab.status().step, (s) => s === 0, 60000, 'the playground');
  await page.evaluate(() => window.post({ type: 'netlab-load', config: 'dataset=xor&seed=5' }));
  replies = await waitFor(page, () => window.heard.slice(), (h) => h.length >= 1, 10000, 'a reply');
  assert.equal(replies[0].type, 'netlab-status');
  assert.match(await frame().evaluate(() => window.netlab.configText()), /dataset=xor/);
  assert.deepEqual(errors, []);
});

await browser.close();
server.stop();
if (failed()) process.exit(1);
