// Element-wise kernels of a dense layer's forward and backward passes (engine/dense.cpp,
// engine/activation.cpp): bias + activation, activation derivative, bias gradient (column sums).
// Activation ids (web/netlab-gpu.js ACTIVATIONS): 0 linear, 1 relu, 2 leaky_relu, 3 sigmoid, 4 tanh,
// 5 softplus, 6 abs, 7 elu — each with the engine's formula and its derivative f'(x, y = f(x)).

struct Shape { rows : u32, cols : u32, kind : u32, flag : u32 };

@group(0) @binding(0) var<storage, read_write> x : array<f32>;
@group(0) @binding(1) var<storage, read_write> y : array<f32>;
@group(0) @binding(2) var<storage, read_write> z : array<f32>;
@group(0) @binding(4) var<uniform> shape : Shape;

// Two branches so exp never overflows, as engine Sigmoid().
fn sigmoid(v : f32) -> f32 {
  if (v >= 0.0) { return 1.0 / (1.0 + exp(-v)); }
  let e = exp(v);
  return e / (1.0 + e);
}

fn activate(v : f32) -> f32 {
  switch shape.kind {
    case 1u: { return select(0.0, v, v > 0.0); }
    case 2u: { return select(0.01 * v, v, v > 0.0); }
    case 3u: { return sigmoid(v); }
    // tanh(±15) is ±1 in f32 already; the clamp keeps exp-based tanh implementations from overflowing.
    case 4u: { return tanh(clamp(v, -15.0, 15.0)); }
    // softplus(x) = max(x, 0) + log(1 + e^-|x|), stable for large |x|.
    case 5u: { return max(v, 0.0) + log(1.0 + exp(-abs(v))); }
    case 6u: { return abs(v); }
    // ELU, alpha = 1: e^x - 1 for x <= 0.
    case 7u: { return select(exp(v) - 1.0, v, v > 0.0); }
    default: { return v; }
  }
}

// f'(pre) given the pre-activation `pre` and the output `out`, as the engine's derivative(x, y).
fn derivative(pre : f32, out : f32) -> f32 {
  switch shape.kind {
    case 1u: { return select(0.0, 1.0, pre > 0.0); }
    case 2u: { return select(0.01, 1.0, pre > 0.0); }
    case 3u: { return out * (1.0 - out); }
    case 4u: { return 1.0 - out * out; }
    case 5u: { return sigmoid(pre); }
    case 6u: { return sign(pre); }
    case 7u: { return select(out + 1.0, 1.0, pre > 0.0); }
    default: { return 1.0; }
  }
}

// x: X W (rows x cols) in place -> X W + b; y: bias (cols). The output layer of a loss that takes logits.
@compute @workgroup_size(64)
fn add_bias(@builtin(global_invocation_id) id : vec3<u32>) {
  let i = id.x;
  if (i >= shape.rows * shape.cols) { return; }
  x[i] = x[i] + y[i % shape.cols];
}

// x: X W in place -> pre-activation X W + b (kept for the derivative); y: bias; z: f(pre).
@compute @workgroup_size(64)
fn bias_activation(@builtin(global_invocation_id) id : vec3<u32>) {
  let i = id.x;
  if (i >= shape.rows * shape.cols) { return; }
  let pre = x[i] + y[i % shape.cols];
  x[i] = pre;
  z[i] = activate(pre);
}

// x: gradient w.r.t. the activation output, in place -> w.r.t. the pre-activation;
// y: pre-activations, z: outputs.
@compute @workgroup_size(64)
fn activation_backward(@builtin(global_invocation_id) id : vec3<u32>) {
  let i = id.x;
  if (i >= shape.rows * shape.cols) { return; }
  x[i] = x[i] * derivative(y[i], z[i]);
}

// y[col] = sum over rows of x[row][col]: the bias gradient, dL/db = colsum(dL/dY).
@compute @workgroup_size(64)
fn column_sum(@builtin(global_invocation_id) id : vec3<u32>) {
  let col = id.x;
  if (col >= shape.cols) { return; }
  var total = 0.0;
  for (var r = 0u; r < shape.rows; r++) { total += x[r * shape.cols + col]; }
  y[col] = total;
}
