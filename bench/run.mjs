// Drives the benchmark: the WASM module under node, the native build, and the bench page in headless
// Chromium (Netlab and TensorFlow.js in the same page), then prints the tables and the ratios.
// Usage (through bench/run): node run.mjs [seconds per measurement round, default 0.3]
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repoRoot, startServer, waitFor } from '../tests/browser/browser.mjs';
import { Results } from './results.mjs';

const seconds = Number(process.argv[2] || 0.3);
const sizes = [64, 128, 256, 512, 1024];
const batch = 64;
const fixed = (x, digits = 2) => (x === undefined ? '-' : x.toFixed(digits));
const ratio = (a, b) => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(2)}x`);
const results = new Results();
const pad = (cells, widths) => cells.map((c, i) => String(c).padStart(widths[i])).join(' ');

function measureNode() {
  return JSON.parse(execFileSync(process.execPath, ['--no-experimental-fetch', path.join(repoRoot, 'bench/measure_node.cjs'),
                                                    String(seconds), String(sizes)]).toString());
}

function measureNative() {
  return JSON.parse(execFileSync(path.join(repoRoot, 'build/netlab_bench_native'), [String(seconds)]).toString());
}

async function measureBrowser(threads, scaling) {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.log(`  page: ${m.text()}`); });
    await page.goto(`${server.url}bench/bench.html?seconds=${seconds}&threads=${threads}&sizes=${sizes}&scaling=${scaling ? 1 : 0}`);
    let shown = 0;
    const result = await waitFor(page, () => {
      return { done: window.benchResult, log: window.benchLog || [] };
    }, (s) => {
      for (; shown < s.log.length; ++shown) console.log(`  ${s.log[shown]}`);
      return !!s.done;
    }, 600000, 'the bench page to finish');
    if (result.done.error) throw new Error(result.done.error);
    return result.done;
  } finally {
    await browser.close();
    server.stop();
  }
}

console.log(`== WASM module under node ${process.version} (${seconds} s per measurement)`);
const node = measureNode();
console.log('== native build');
const native = measureNative();
console.log('== headless Chromium, tfjs-wasm single-threaded');
const chromium = await measureBrowser(1, true);
console.log('== headless Chromium, tfjs-wasm with all threads (cross-origin isolated page)');
const threaded = await measureBrowser(0, false);

const slow = chromium.backends.filter((b) => b !== 'tfjs-wasm');
const threadsLabel = `${threaded.wasmThreads}thr`;
console.log('\nGEMM, n x n by n x n float32, GFLOPS; everything single-threaded except the tfjs-wasm ' +
            `${threadsLabel} column (measured on a machine shared with other work: expect noise)`);
const widths = [5, 8, 8, 8, 8, 8, 8, 9, 9, ...slow.map(() => 10), 9, 9, 9];
console.log(pad(['', 'native', 'native', 'node', 'node', 'chromium', 'chromium', 'tfjs-wasm', 'tfjs-wasm',
                 ...slow, 'chromium', 'chromium', 'node'], widths));
console.log(pad(['n', 'eigen', 'netlab', 'eigen', 'netlab', 'eigen', 'netlab', '1thr', threadsLabel,
                 ...slow.map(() => ''), 'nl/eigen', 'nl/tfjs', 'nl/eigen'], widths));
for (let i = 0; i < sizes.length; ++i) {
  const c = chromium.gemm[i], n = node.gemm[i], v = native.gemm[i], t = threaded.gemm[i];
  const gemm = (name, value, peer, peerValue) => results.record(`gemm n=${c.n}`, name, value, 'GFLOPS', peer, peerValue);
  gemm('native eigen', v.eigen);
  gemm('native netlab', v.netlab);
  gemm('node eigen', n.eigen);
  gemm('node netlab', n.netlab, 'node eigen', n.eigen);
  gemm('chromium eigen', c.eigen);
  gemm('chromium netlab', c.netlab, 'chromium eigen', c.eigen);
  gemm('chromium netlab', c.netlab, 'tfjs-wasm 1thr', c['tfjs-wasm']);
  gemm('tfjs-wasm 1thr', c['tfjs-wasm']);
  gemm(`tfjs-wasm ${threadsLabel}`, t['tfjs-wasm']);
  for (const b of slow) gemm(b, c[b]);
  console.log(pad([c.n, fixed(v.eigen), fixed(v.netlab), fixed(n.eigen), fixed(n.netlab), fixed(c.eigen),
                   fixed(c.netlab), fixed(c['tfjs-wasm']), fixed(t['tfjs-wasm']), ...slow.map((b) => fixed(c[b])),
                   ratio(c.netlab, c.eigen), ratio(c.netlab, c['tfjs-wasm']), ratio(n.netlab, n.eigen)], widths));
}
console.log('(nl/tfjs: Netlab against single-threaded tfjs-wasm; native "netlab" is the portable C++ micro-kernel,' +
            ' the layers use Eigen natively)');

// One table per training workload: every measured build and backend against Netlab's WASM build in
// Chromium.
function printTraining(title, key, nativeValue) {
  console.log(`\n${title}, batch ${batch}, Adam, softmax cross-entropy, samples/s`);
  const rows = [
    ['netlab native (Eigen)', nativeValue],
    ['netlab wasm, node', node[key]],
    ['netlab wasm, chromium', chromium[key].netlab],
    ...chromium.backends.map((b) => [`${b}, chromium${b === 'tfjs-wasm' ? ', 1 thread' : ''}`, chromium[key][b]]),
    [`tfjs-wasm, chromium, ${threaded.wasmThreads} threads`, threaded[key]['tfjs-wasm']],
  ];
  for (const [name, value] of rows) {
    // The table's ratio is Netlab in Chromium over this row: recorded as that figure with this row as peer.
    results.record(title, name, value, 'samples/s');
    if (name !== 'netlab wasm, chromium')
      results.record(title, 'netlab wasm, chromium', chromium[key].netlab, 'samples/s', name, value);
    console.log(`${name.padEnd(36)} ${fixed(value, 0).padStart(9)}   netlab-chromium / this = ${ratio(chromium[key].netlab, value)}`);
  }
  for (const [backend, error] of Object.entries((key === 'cnn' && chromium.cnnErrors) || {}))
    console.log(`(${backend} cannot train this network: ${error})`);
}
printTraining('MLP 784-256-128-10 training', 'mlp', native.mlp_samples_per_second);
printTraining('CNN 28x28 conv16-pool-conv32-pool-128-10 training', 'cnn', native.cnn_samples_per_second);
console.log('(peers: tfjs-wasm has no kernel for the conv\'s filter gradient, so TensorFlow.js trains the CNN on ' +
            'webgl and cpu; ONNX Runtime Web, which only infers, is the CNN\'s WASM peer in the inference table below)');

// The CNN's second WASM peer: ONNX Runtime Web (its wasm backend, 1 thread) running the forward pass of
// the same network as Netlab exports it to ONNX, against Netlab's forward pass, in the same page.
{
  const title = 'CNN 28x28 conv16-pool-conv32-pool-128-10 inference (forward pass)';
  const inference = chromium.cnnInference || {};
  console.log(`\n${title}, batch ${batch}, samples/s`);
  const peer = 'onnxruntime-web wasm, chromium, 1 thread';
  results.record(title, 'netlab wasm, chromium', inference.netlab, 'samples/s');
  results.record(title, peer, inference['onnxruntime-web wasm'], 'samples/s');
  results.record(title, 'netlab wasm, chromium', inference.netlab, 'samples/s', peer, inference['onnxruntime-web wasm']);
  for (const [name, value] of [['netlab wasm, chromium', inference.netlab], [peer, inference['onnxruntime-web wasm']]])
    console.log(`${name.padEnd(42)} ${fixed(value, 0).padStart(9)}   netlab-chromium / this = ${ratio(inference.netlab, value)}`);
  if (chromium.cnnInferenceError) console.log(`(onnxruntime-web could not run the exported CNN: ${chromium.cnnInferenceError})`);
}

// The yardstick: the CNN step's arithmetic rate against the single-thread GEMM's best. A training
// step is about 3 forward passes of multiply-adds (forward, dX, dW), 2 flops each; forward per image:
// conv1 784 positions x 16 x 9 + conv2 196 x 32 x 144 + dense 1568 x 128 + 128 x 10 = 1,218,048.
const cnnFlopsPerSample = 3 * 2 * 1218048;
const cnnGflops = chromium.cnn.netlab * cnnFlopsPerSample / 1e9;
const bestGemm = Math.max(...chromium.gemm.map((g) => g.netlab));
results.record('CNN against the GEMM, chromium', 'netlab cnn training', cnnGflops, 'GFLOPS', 'netlab gemm, best n', bestGemm);
console.log(`CNN training in chromium ≈ ${fixed(cnnGflops)} GFLOPS (${(cnnFlopsPerSample / 1e6).toFixed(2)} MFLOP a sample) = ` +
            `${ratio(cnnGflops, bestGemm)} the single-thread GEMM's best ${fixed(bestGemm)} GFLOPS (same page)`);
console.log(`\nchromium page cross-origin isolated: ${chromium.crossOriginIsolated}`);

if (chromium.scaling) {
  console.log(`\nNetlab pthreads build in the same page (machine has ${os.cpus().length} cores): GEMM GFLOPS, MLP and CNN samples/s`);
  const n = Object.keys(chromium.scaling[0].gemm);
  const widths = [7, ...n.map(() => 10), 9, 13, 9, 13];
  console.log(pad(['threads', ...n.map((x) => `gemm ${x}`), 'mlp', 'mlp speed-up', 'cnn', 'cnn speed-up'], widths));
  const one = chromium.scaling[0];
  for (const row of chromium.scaling) {
    const table = `netlab pthreads build, chromium, ${os.cpus().length} cores`;
    for (const x of n) results.record(table, `gemm ${x}, ${row.threads} threads`, row.gemm[x], 'GFLOPS');
    results.record(table, `mlp, ${row.threads} threads`, row.mlp, 'samples/s', `mlp, ${one.threads} threads`, one.mlp);
    results.record(table, `cnn, ${row.threads} threads`, row.cnn, 'samples/s', `cnn, ${one.threads} threads`, one.cnn);
    console.log(pad([row.threads, ...n.map((x) => fixed(row.gemm[x])), fixed(row.mlp, 0),
                     ratio(row.mlp, chromium.scaling[0].mlp), fixed(row.cnn, 0), ratio(row.cnn, chromium.scaling[0].cnn)],
                    widths));
  }
} else {
  console.log('\nthread scaling not measured: the page was not cross-origin isolated');
}

const resultsFile = path.join(repoRoot, 'bench/results.json');
results.write(resultsFile);
console.log(`\n(every figure above is also in ${path.relative(process.cwd(), resultsFile)})`);
