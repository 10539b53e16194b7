// Runs an exported ONNX model in ONNX Runtime (onnxruntime-node) on the x1, x2 columns of a CSV and
// compares its outputs with Netlab's own (`netlab --predict`, one CSV row per point).
//   node onnx_runtime_compare.mjs MODEL.onnx INPUTS.csv NETLAB_OUTPUTS.csv [COLUMNS]
// COLUMNS: how many leading columns of each input row the model takes (2, x1 and x2, by default).
// Fails when a shape differs or any output differs by more than 1e-5 (issue 17's bound).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let ort;
try {
  ort = require('onnxruntime-node');
} catch (e) {
  console.error('FAIL: onnxruntime-node is not installed in tests/export (run ./scripts/install-deps)');
  process.exit(1);
}

const [modelPath, pointsPath, expectedPath, columnsArgument] = process.argv.slice(2);
const columns = Number(columnsArgument || 2);
const rows = (path) => readFileSync(path, 'utf8').trim().split('\n').map((line) => line.split(',').map(Number));
const pointRows = rows(pointsPath).filter((r) => r.every(Number.isFinite));  // drops the header row
const expected = rows(expectedPath);
const points = new Float32Array(pointRows.length * columns);
pointRows.forEach((r, i) => { for (let c = 0; c < columns; ++c) points[columns * i + c] = r[c]; });

const session = await ort.InferenceSession.create(modelPath);
const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', points, [pointRows.length, columns]) };
const prediction = (await session.run(feeds))[session.outputNames[0]];
const [n, width] = prediction.dims;
if (n !== expected.length || width !== expected[0].length) {
  console.error(`FAIL: ${modelPath}: ONNX Runtime gives ${n} x ${width}, Netlab ${expected.length} x ${expected[0].length}`);
  process.exit(1);
}
let worst = 0;
for (let r = 0; r < n; ++r)
  for (let c = 0; c < width; ++c) worst = Math.max(worst, Math.abs(prediction.data[r * width + c] - expected[r][c]));
const tolerance = 1e-5;  // issue 17: max absolute difference <= 1e-5 on the test set
console.log(`${modelPath}: ${n} rows x ${width} outputs, max |ONNX Runtime - Netlab| = ${worst.toExponential(2)}`);
if (!(worst <= tolerance)) {
  console.error(`FAIL: ${modelPath}: difference ${worst} > ${tolerance}`);
  process.exit(1);
}
