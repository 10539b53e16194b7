// An independent derivation of a TF Playground run, written from its definitions (the docs of
// tensorflow/playground: src/dataset.ts, src/nn.ts, src/playground.ts) on top of the real seedrandom
// 2.4.4 package, the library TF Playground installs as Math.random. It shares no code with Netlab's
// C++ (engine/tfplayground/), so agreement checks our ARC4 port, generators, shuffle, weight order,
// update rule and loss together.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const seedrandom = require('seedrandom');

const FEATURES = [['x', (x, y) => x], ['y', (x, y) => y], ['xSquared', (x, y) => x * x],
  ['ySquared', (x, y) => y * y], ['xTimesY', (x, y) => x * y], ['sinX', (x, y) => Math.sin(x)],
  ['sinY', (x, y) => Math.sin(y)]];

// d3.scale.linear().domain([d0, d1]).range([r0, r1]) (optionally clamped), as d3 v3 evaluates it.
const scale = (d0, d1, r0, r1, clamp) => v => {
  let t = (v - d0) / (d1 - d0);
  if (clamp) t = Math.max(0, Math.min(1, t));
  return r0 * (1 - t) + r1 * t;
};

export function generate(name, n, noise, rand) {
  const u = (a, b) => rand() * (b - a) + a;
  const out = [];
  const len = (x, y) => Math.sqrt(x * x + y * y);
  if (name === 'circle') {
    for (const [lo, hi] of [[0, 2.5], [3.5, 5]]) {
      for (let i = 0; i < n / 2; i++) {
        const r = u(lo, hi), a = u(0, 2 * Math.PI);
        const x = r * Math.sin(a), y = r * Math.cos(a);
        const nx = u(-5, 5) * noise, ny = u(-5, 5) * noise;
        out.push({ x, y, label: len(x + nx, y + ny) < 2.5 ? 1 : -1 });
      }
    }
  } else if (name === 'xor') {
    for (let i = 0; i < n; i++) {
      let x = u(-5, 5); x += x > 0 ? 0.3 : -0.3;
      let y = u(-5, 5); y += y > 0 ? 0.3 : -0.3;
      const nx = u(-5, 5) * noise, ny = u(-5, 5) * noise;
      out.push({ x, y, label: (x + nx) * (y + ny) >= 0 ? 1 : -1 });
    }
  } else if (name === 'gauss') {
    const variance = scale(0, 0.5, 0.5, 4)(noise);
    const normal = (mean) => {
      let a, b, s;
      do { a = 2 * rand() - 1; b = 2 * rand() - 1; s = a * a + b * b; } while (s > 1);
      return mean + Math.sqrt(variance) * (Math.sqrt(-2 * Math.log(s) / s) * a);
    };
    for (const [c, label] of [[2, 1], [-2, -1]]) {
      for (let i = 0; i < n / 2; i++) { const x = normal(c); const y = normal(c); out.push({ x, y, label }); }
    }
  } else if (name === 'spiral') {
    const m = n / 2;
    for (const [shift, label] of [[0, 1], [Math.PI, -1]]) {
      for (let i = 0; i < m; i++) {
        const r = i / m * 5, t = 1.75 * i / m * 2 * Math.PI + shift;
        const x = r * Math.sin(t) + u(-1, 1) * noise;
        const y = r * Math.cos(t) + u(-1, 1) * noise;
        out.push({ x, y, label });
      }
    }
  } else {
    const plane = scale(-10, 10, -1, 1);
    const bump = scale(0, 2, 1, 0, true);
    const centres = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];
    const label = name === 'reg-plane' ? (x, y) => plane(x + y) : (x, y) => {
      let best = 0;
      for (const [cx, cy, sign] of centres) {
        const v = sign * bump(len(x - cx, y - cy));
        if (Math.abs(v) > Math.abs(best)) best = v;
      }
      return best;
    };
    for (let i = 0; i < n; i++) {
      const x = u(-6, 6), y = u(-6, 6);
      const nx = u(-6, 6) * noise, ny = u(-6, 6) * noise;
      out.push({ x, y, label: label(x + nx, y + ny) });
    }
  }
  return out;
}

export function shuffle(points, rand) {
  for (let k = points.length; k > 0; k--) {
    const j = Math.floor(rand() * k);
    [points[k - 1], points[j]] = [points[j], points[k - 1]];
  }
}

const ACT = {
  tanh: [Math.tanh, x => 1 - Math.tanh(x) ** 2],
  relu: [x => Math.max(0, x), x => (x <= 0 ? 0 : 1)],
  sigmoid: [x => 1 / (1 + Math.exp(-x)), x => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s); }],
  linear: [x => x, () => 1],
};

// `s`: {seed, dataset, problem, noise, percTrainData, networkShape, activation, regularization,
// regularizationRate, learningRate, batchSize, initZero, x, y, ...} with TF Playground's defaults filled.
export function run(s, epochs) {
  const rand = seedrandom(s.seed);
  const regression = s.problem === 'regression';
  const data = generate(regression ? s.regDataset : s.dataset, regression ? 1200 : 500, s.noise / 100, rand);
  shuffle(data, rand);
  const split = Math.floor(data.length * s.percTrainData / 100);
  const train = data.slice(0, split), test = data.slice(split);
  const feats = FEATURES.filter(([name]) => s[name]).map(([, f]) => f);
  const sizes = [feats.length, ...s.networkShape, 1];
  // Layer l (1..): W[l][i][j] weight from node j of layer l-1 into node i, drawn in (l, i, j) order.
  const W = [null], B = [null], dead = [null];
  for (let l = 1; l < sizes.length; l++) {
    W.push([]); B.push([]); dead.push([]);
    for (let i = 0; i < sizes[l]; i++) {
      const row = [];
      for (let j = 0; j < sizes[l - 1]; j++) { const w = rand() - 0.5; row.push(s.initZero ? 0 : w); }
      W[l].push(row); B[l].push(s.initZero ? 0 : 0.1); dead[l].push(row.map(() => false));
    }
  }
  const L = sizes.length - 1;
  const act = l => (l === L ? (regression ? ACT.linear : ACT.tanh) : ACT[s.activation]);
  let out, net;
  const forward = (p) => {
    out = [feats.map(f => f(p.x, p.y))]; net = [null];
    for (let l = 1; l <= L; l++) {
      const z = W[l].map((row, i) => row.reduce((acc, w, j) => acc + w * out[l - 1][j], B[l][i]));
      net.push(z); out.push(z.map(act(l)[0]));
    }
    return out[L][0];
  };
  const gW = W.map(m => m && m.map(r => r.map(() => 0))), nW = W.map(m => m && m.map(r => r.map(() => 0)));
  const gB = B.map(v => v && v.map(() => 0)), nB = B.map(v => v && v.map(() => 0));
  const backward = (target) => {
    let dOut = [out[L][0] - target];
    for (let l = L; l >= 1; l--) {
      const d = net[l].map((z, i) => dOut[i] * act(l)[1](z));
      d.forEach((v, i) => { gB[l][i] += v; nB[l][i]++; });
      d.forEach((v, i) => W[l][i].forEach((w, j) => {
        if (!dead[l][i][j]) { gW[l][i][j] += v * out[l - 1][j]; nW[l][i][j]++; }
      }));
      if (l > 1) dOut = out[l - 1].map((_, j) => d.reduce((acc, v, i) => acc + W[l][i][j] * v, 0));
    }
  };
  const update = () => {
    const lr = s.learningRate, rr = s.regularizationRate;
    for (let l = 1; l <= L; l++) {
      for (let i = 0; i < sizes[l]; i++) {
        if (nB[l][i] > 0) { B[l][i] -= lr * gB[l][i] / nB[l][i]; gB[l][i] = 0; nB[l][i] = 0; }
        for (let j = 0; j < sizes[l - 1]; j++) {
          if (dead[l][i][j]) continue;
          const w0 = W[l][i][j];
          const r = s.regularization === 'L1' ? Math.sign(w0) : s.regularization === 'L2' ? w0 : 0;
          if (nW[l][i][j] > 0) {
            const w1 = w0 - (lr / nW[l][i][j]) * gW[l][i][j];
            const w2 = w1 - (lr * rr) * r;
            if (s.regularization === 'L1' && w1 * w2 < 0) { W[l][i][j] = 0; dead[l][i][j] = true; } else W[l][i][j] = w2;
            gW[l][i][j] = 0; nW[l][i][j] = 0;
          }
        }
      }
    }
  };
  const loss = pts => pts.reduce((acc, p) => { const e = forward(p) - p.label; return acc + 0.5 * (e * e); }, 0) / pts.length;
  const firstWeights = W.length > 1 && W[1].length ? [...W[1][0]] : [];  // node 1's input weights before training
  const curve = [[loss(train), loss(test)]];
  for (let e = 0; e < epochs; e++) {
    train.forEach((p, i) => { forward(p); backward(p.label); if ((i + 1) % s.batchSize === 0) update(); });
    curve.push([loss(train), loss(test)]);
  }
  return { train, test, firstWeights, curve };
}
