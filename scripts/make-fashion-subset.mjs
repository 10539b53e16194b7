// Cuts the first images of Debian's Fashion-MNIST (dataset-fashion-mnist) into small gzipped IDX files
// that the page fetches when the Models window's "Fashion-MNIST" data is chosen: a page cannot afford
// the 30 MB of the full set. Usage: node make-fashion-subset.mjs OUT_DIR [train count] [test count]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const source = '/usr/share/datasets/fashion-mnist';
const [outDir, trainCount = '3000', testCount = '1000'] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });

// IDX: a 4-byte magic, one 4-byte big-endian size per dimension, then the bytes; the first size counts
// the samples, so keeping the first n samples means rewriting it and cutting the tail.
function cut(name, count) {
  const bytes = zlib.gunzipSync(fs.readFileSync(path.join(source, `${name}.gz`)));
  const dimensions = bytes[3];
  const header = 4 + 4 * dimensions;
  let sampleSize = 1;
  for (let d = 1; d < dimensions; ++d) sampleSize *= bytes.readUInt32BE(4 + 4 * d);
  const kept = Math.min(count, bytes.readUInt32BE(4));
  const out = Buffer.from(bytes.subarray(0, header + kept * sampleSize));
  out.writeUInt32BE(kept, 4);
  fs.writeFileSync(path.join(outDir, `${name}.gz`), zlib.gzipSync(out, { level: 9 }));
  return kept;
}

for (const [split, count] of [['train', Number(trainCount)], ['t10k', Number(testCount)]])
  for (const kind of ['images-idx3-ubyte', 'labels-idx1-ubyte']) cut(`${split}-${kind}`, count);
console.log(`fashion subset: ${trainCount} + ${testCount} images in ${outDir}`);
