// Element-wise kernels that keep a dense layer's forward and backward passes on the GPU:
// bias + activation, activation derivative, bias gradient (column sums), softmax cross-entropy
// gradient, and the SGD update. Activation ids: 0 linear, 1 relu, 2 tanh, 3 sigmoid.

struct Dims { rows : u32, cols : u32, activation : u32, scale : f32 };

@group(0) @binding(0) var<storage, read_write> x : array<f32>;
@group(0) @binding(1) var<storage, read_write> y : array<f32>;
@group(0) @binding(2) var<storage, read_write> z : array<f32>;
@group(0) @binding(3) var<uniform> dims : Dims;

fn activate(v : f32) -> f32 {
  switch dims.activation {
    case 1u: { return max(v, 0.0); }
    case 2u: { return tanh(v); }
    case 3u: { return 1.0 / (1.0 + exp(-v)); }
    default: { return v; }
  }
}

// f'(pre) from the activation's output `out` (cheaper for tanh and sigmoid).
fn derivative(out : f32) -> f32 {
  switch dims.activation {
    case 1u: { return select(0.0, 1.0, out > 0.0); }
    case 2u: { return 1.0 - out * out; }
    case 3u: { return out * (1.0 - out); }
    default: { return 1.0; }
  }
}

// x: pre-activations (rows x cols) in place -> activations, y: bias (cols).
@compute @workgroup_size(64)
fn bias_activation(@builtin(global_invocation_id) id : vec3<u32>) {
  let i = id.x;
  if (i >= dims.rows * dims.cols) { return; }
  x[i] = activate(x[i] + y[i % dims.cols]);
}

// x: gradient w.r.t. the activation output, in place -> w.r.t. the pre-activation; y: the outputs.
@compute @workgroup_size(64)
fn activation_backward(@builtin(global_invocation_id) id : vec3<u32>) {
  let i = id.x;
  if (i >= dims.rows * dims.cols) { return; }
  x[i] = x[i] * derivative(y[i]);
}

// y[col] = sum over rows of x[row][col]: the bias gradient.
@compute @workgroup_size(64)
fn column_sum(@builtin(global_invocation_id) id : vec3<u32>) {
  let col = id.x;
  if (col >= dims.cols) { return; }
  var total = 0.0;
  for (var r = 0u; r < dims.rows; r++) { total += x[r * dims.cols + col]; }
  y[col] = total;
}

// x: logits (rows x cols) -> gradient (softmax - onehot) / rows; y: labels as floats; z[row]: loss.
@compute @workgroup_size(64)
fn softmax_cross_entropy(@builtin(global_invocation_id) id : vec3<u32>) {
  let row = id.x;
  if (row >= dims.rows) { return; }
  let base = row * dims.cols;
  var biggest = x[base];
  for (var c = 1u; c < dims.cols; c++) { biggest = max(biggest, x[base + c]); }
  var total = 0.0;
  for (var c = 0u; c < dims.cols; c++) { total += exp(x[base + c] - biggest); }
  let label = u32(y[row]);
  z[row] = log(total) + biggest - x[base + label];
  for (var c = 0u; c < dims.cols; c++) {
    let p = exp(x[base + c] - biggest) / total;
    x[base + c] = (p - select(0.0, 1.0, c == label)) / f32(dims.rows);
  }
}

// x: weights, y: gradients; x <- x - scale * y over rows * cols values.
@compute @workgroup_size(64)
fn sgd_update(@builtin(global_invocation_id) id : vec3<u32>) {
  let i = id.x;
  if (i >= dims.rows * dims.cols) { return; }
  x[i] = x[i] - dims.scale * y[i];
}
