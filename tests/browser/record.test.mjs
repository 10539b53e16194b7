// Pictures for slides (issue 35): "Record 10 s" in the playground starts training and records the page
// (the canvas's capture stream into MediaRecorder's WebM) with a progress bar and Stop; the saved file is a
// video. A 3-second recording through window.netlab.recordVideo plays back in the browser for about 3 s:
// its duration read from a <video> element (MediaRecorder's WebM carries none in its header, so the
// player is sent past the end first, which makes it scan the clusters and learn it).
import assert from 'node:assert/strict';
import { launchBrowser, startServer, testRunner, twoFrames, waitFor } from './browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
const { test, failed } = testRunner(browser, { viewport: { width: 1400, height: 900 } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await test('a 3-second recording is a playable WebM of about 3 s', async (page) => {
  await page.goto(server.url + '?autoplay=1#dataset=spiral&layers=8:tanh,8:tanh');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
  const result = await page.evaluate(async () => {
    const recording = window.netlab.recordVideo(3);
    await new Promise((r) => setTimeout(r, 1200));
    const bar = document.getElementById('netlab-recording');
    const progress = bar ? bar.textContent : null;
    const video = await recording;
    const url = URL.createObjectURL(video);
    const element = document.createElement('video');
    element.muted = true;
    element.src = url;
    await new Promise((resolve, reject) => { element.onloadedmetadata = resolve; element.onerror = () => reject(new Error('not playable')); });
    if (!Number.isFinite(element.duration)) {
      element.currentTime = 1e6;
      await new Promise((resolve) => { element.ondurationchange = () => Number.isFinite(element.duration) && resolve(); });
    }
    const head = new Uint8Array(await video.slice(0, 4).arrayBuffer());
    return { size: video.size, type: video.type, duration: element.duration, progress,
             ebml: Array.from(head), barGone: !document.getElementById('netlab-recording') };
  });
  assert.deepEqual(result.ebml, [0x1a, 0x45, 0xdf, 0xa3], 'a WebM starts with the EBML magic');
  assert.ok(result.duration > 2.5 && result.duration < 3.6, `duration ${result.duration} s`);
  assert.match(result.progress || '', /^Recording \d\.\d of 3 sStop$/);
  assert.ok(result.barGone, 'the progress bar stays after the recording');
  assert.ok(result.size > 10000, `${result.size} bytes`);
});

await test('the Record button saves netlab-training.webm, and Stop ends it early', async (page) => {
  await page.goto(server.url + '?autoplay=0#dataset=xor&layers=4:tanh');
  await waitFor(page, () => window.netlab && window.netlab.status(), (s) => s && s.task, 60000, 'the app');
  const r = await waitFor(page, () => window.netlab.itemRect('Record 10 s'), (x) => x !== null, 15000, 'the Record button');
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await sleep(100);
  await page.mouse.down();
  await sleep(100);
  await page.mouse.up();
  await waitFor(page, () => !!document.getElementById('netlab-recording'), (x) => x, 5000, 'the progress bar');
  assert.equal((await page.evaluate(() => window.netlab.status())).playing, true, 'Record starts the training');
  await sleep(1500);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#netlab-recording button')]);
  assert.equal(download.suggestedFilename(), 'netlab-training.webm');
});

await browser.close();
server.stop();
process.exit(failed() ? 1 : 0);
