// A table of real TF Playground links opened by `netlab --headless --config LINK --epochs N`: each must
// open with the settings TF Playground reads from it and follow the loss curve of the independent
// derivation in reference.mjs (npm seedrandom 2.4.4 + TF Playground's definitions) to 1e-12.
//   node tests/tfplayground/links.test.mjs build/netlab
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules', 'seedrandom'))) {
  console.error('links.test: tests/tfplayground/node_modules/seedrandom is missing; run ./scripts/install-deps');
  process.exit(1);
}
const { run } = await import('./reference.mjs');
const netlab = process.argv[2] || join(here, '..', '..', 'build', 'netlab');

// TF Playground's State defaults (src/state.ts).
const DEFAULTS = {
  activation: 'tanh', regularization: 'none', batchSize: 10, dataset: 'circle', regDataset: 'reg-plane',
  learningRate: 0.03, regularizationRate: 0, noise: 0, networkShape: [4, 2], percTrainData: 50,
  x: true, y: true, xTimesY: false, xSquared: false, ySquared: false, sinX: false, sinY: false,
  problem: 'classification', initZero: false,
};
const P = 'https://playground.tensorflow.org/#';
// Each row: the link, the settings TF Playground reads from it (written out by hand from its rules:
// only what differs from DEFAULTS), the epochs to compare, and whether training must diverge.
const TABLE = [
  { name: 'circle, as TF Playground writes its default state',
    link: P + 'activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.26916&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false',
    expect: { seed: '0.26916' }, epochs: 20 },
  { name: 'xor, ReLU, L1, x1x2, batch 3 (leftovers carry over epochs), 70% train',
    link: P + 'activation=relu&regularization=L1&batchSize=3&dataset=xor&learningRate=0.01&regularizationRate=0.003&noise=15&networkShape=4&seed=0.84213&percTrainData=70&xTimesY=true&problem=classification',
    expect: { seed: '0.84213', activation: 'relu', regularization: 'L1', batchSize: 3, dataset: 'xor', learningRate: 0.01, regularizationRate: 0.003, noise: 15, networkShape: [4], percTrainData: 70, xTimesY: true }, epochs: 15 },
  { name: 'gauss, sigmoid, L2',
    link: P + 'activation=sigmoid&regularization=L2&batchSize=5&dataset=gauss&learningRate=0.1&regularizationRate=0.01&noise=35&networkShape=3,2&seed=0.50113',
    expect: { seed: '0.50113', activation: 'sigmoid', regularization: 'L2', batchSize: 5, dataset: 'gauss', learningRate: 0.1, regularizationRate: 0.01, noise: 35, networkShape: [3, 2] }, epochs: 15 },
  { name: 'spiral, all seven features, three layers',
    link: P + 'dataset=spiral&networkShape=8,8,6&seed=0.07001&noise=10&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&cosX=true&cosY=true',
    expect: { seed: '0.07001', dataset: 'spiral', networkShape: [8, 8, 6], noise: 10, xSquared: true, ySquared: true, xTimesY: true, sinX: true, sinY: true }, epochs: 8 },
  { name: 'reg-plane, linear, empty networkShape (no hidden layer)',
    link: P + 'activation=linear&batchSize=30&regDataset=reg-plane&problem=regression&networkShape=&seed=0.99999&learningRate=0.003',
    expect: { seed: '0.99999', activation: 'linear', batchSize: 30, problem: 'regression', networkShape: [], learningRate: 0.003 }, epochs: 10 },
  { name: 'reg-gauss, ReLU',
    link: P + 'activation=relu&regDataset=reg-gauss&problem=regression&networkShape=6,4&seed=0.31415&noise=5&learningRate=0.03',
    expect: { seed: '0.31415', activation: 'relu', regDataset: 'reg-gauss', problem: 'regression', networkShape: [6, 4], noise: 5 }, epochs: 8 },
  { name: '_hide keys, and an old link without initZero/hideText',
    link: P + 'activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.72140&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&dataset_hide=true&noise_hide=true&batchSize_hide=false',
    expect: { seed: '0.72140' }, hidden: ['dataset', 'noise'], epochs: 10 },
  { name: 'past TF Playground\'s UI limits: 7 layers, 12 nodes, batch 64, noise 70, lr 0.5, 95% train',
    link: P + 'networkShape=12,10,9,8,7,6,5&batchSize=64&noise=70&learningRate=0.5&percTrainData=95&seed=0.11111&dataset=xor',
    expect: { seed: '0.11111', networkShape: [12, 10, 9, 8, 7, 6, 5], batchSize: 64, noise: 70, learningRate: 0.5, percTrainData: 95, dataset: 'xor' }, epochs: 5 },
  { name: 'TF Playground\'s own reading: noise 95 -> 50, x=0 is true, unknown activation, 2.5 nodes -> 3',
    link: P + 'noise=95&x=0&activation=swish&networkShape=2.5,,1&seed=0.20202&initZero=false',
    expect: { seed: '0.20202', noise: 50, networkShape: [2.5, 0, 1] }, epochs: 5 },
  { name: 'diverges to NaN: ReLU regression at learning rate 10',
    link: P + 'activation=relu&problem=regression&regDataset=reg-plane&learningRate=10&networkShape=8,8&seed=0.66666&batchSize=1',
    expect: { seed: '0.66666', activation: 'relu', problem: 'regression', learningRate: 10, networkShape: [8, 8], batchSize: 1 }, epochs: 30, diverges: true },
];

let failures = 0, maxDifference = 0;
const fail = (row, why) => { failures++; console.error(`FAIL ${row.name}: ${why}`); };
for (const row of TABLE) {
  const settings = { ...DEFAULTS, ...row.expect };
  let text, status = 0;
  try {
    text = execFileSync(netlab, ['--headless', '--config', row.link, '--epochs', String(row.epochs)], { encoding: 'utf8' });
  } catch (e) {
    text = e.stdout; status = e.status;
  }
  const lines = text.trim().split('\n');
  const curve = lines.filter(l => l.startsWith('epoch=')).map(l => {
    const m = /^epoch=(\d+) train_loss=(\S+) test_loss=(\S+)$/.exec(l);
    return m ? [Number(m[2]), Number(m[3])] : null;
  });
  const reference = run(settings, row.epochs).curve;
  if (row.diverges) {
    if (status !== 1 || !/^error: .*finite/.test(lines[lines.length - 1])) fail(row, `expected a divergence message, got status ${status}: ${lines.slice(-1)}`);
    if (!reference.some(([train]) => !Number.isFinite(train))) fail(row, 'the reference does not diverge');
  } else if (status !== 0) {
    fail(row, `exit status ${status}: ${text.slice(-200)}`);
  }
  for (let e = 0; e < curve.length; e++) {
    if (!curve[e]) { fail(row, `malformed line ${lines[e]}`); break; }
    for (let k = 0; k < 2; k++) {
      const got = curve[e][k], want = reference[e][k];
      if (!Number.isFinite(want)) { if (Number.isFinite(got) && k === 0) fail(row, `epoch ${e}: expected NaN, got ${got}`); continue; }
      const difference = Math.abs(got - want) / Math.max(1e-300, Math.abs(want));
      maxDifference = Math.max(maxDifference, difference);
      if (!(difference < 1e-12)) fail(row, `epoch ${e} ${k ? 'test' : 'train'} loss ${got}, reference ${want}`);
    }
  }
  if (!row.diverges && curve.length !== row.epochs + 1) fail(row, `${curve.length} epoch lines for ${row.epochs} epochs`);
  // The link as Netlab re-writes it: the settings TF Playground reads, in its serialize() form.
  const fragment = execFileSync(netlab, ['--print-link', row.link], { encoding: 'utf8' }).trim().replace(/^#/, '');
  const read = Object.fromEntries(fragment.split('&').map(p => p.split('=')));
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'regularization' && value === 'none') {
      if ('regularization' in read) fail(row, 'regularization written for none (serialize() skips null)');
    } else if (read[key] !== (Array.isArray(value) ? value.join(',') : String(value))) {
      fail(row, `${key} read as '${read[key]}', expected '${value}'`);
    }
  }
  const hidden = Object.keys(read).filter(k => k.endsWith('_hide')).map(k => k.slice(0, -5));
  if (JSON.stringify(hidden) !== JSON.stringify(row.hidden || [])) fail(row, `hidden controls ${hidden}`);
  console.log(`${failures ? '..' : 'ok'} ${row.name}`);
}
console.log(`links.test: ${TABLE.length} links, max relative loss difference from the reference ${maxDifference.toExponential(2)}`);
process.exit(failures ? 1 : 0);
