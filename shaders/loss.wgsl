// The engine's losses (engine/loss.cpp) on a batch of network outputs: per-row loss values and the
// gradient dL/dy, both for L = mean over the batch of the per-sample loss, so the gradient is divided by
// the batch size. Loss ids (web/netlab-gpu.js LOSSES): 0 mse, 1 mae, 2 sigmoid_bce, 3 softmax_ce.

struct Shape { rows : u32, cols : u32, kind : u32, flag : u32 };

@group(0) @binding(0) var<storage, read_write> outputs : array<f32>;    // rows x cols network outputs
@group(0) @binding(1) var<storage, read_write> targets : array<f32>;    // rows x cols targets
@group(0) @binding(2) var<storage, read_write> gradient : array<f32>;  // rows x cols dL/dy
@group(0) @binding(3) var<storage, read_write> row_loss : array<f32>;  // rows: sum over the row
@group(0) @binding(4) var<uniform> shape : Shape;

fn sigmoid(v : f32) -> f32 {
  if (v >= 0.0) { return 1.0 / (1.0 + exp(-v)); }
  let e = exp(v);
  return e / (1.0 + e);
}

// Softmax cross-entropy: sum_c t_c (logsumexp(z) - z_c), the row maximum subtracted before exp;
// gradient (softmax(z) - t) / rows.
fn softmax_ce(base : u32, n : f32) -> f32 {
  var biggest = outputs[base];
  for (var c = 1u; c < shape.cols; c++) { biggest = max(biggest, outputs[base + c]); }
  var sum = 0.0;
  for (var c = 0u; c < shape.cols; c++) { sum += exp(outputs[base + c] - biggest); }
  let log_sum_exp = biggest + log(sum);
  var total = 0.0;
  for (var c = 0u; c < shape.cols; c++) {
    let z = outputs[base + c];
    let t = targets[base + c];
    total += t * (log_sum_exp - z);
    gradient[base + c] = (exp(z - biggest) / sum - t) / n;
  }
  return total;
}

@compute @workgroup_size(64)
fn loss_gradient(@builtin(global_invocation_id) id : vec3<u32>) {
  let row = id.x;
  if (row >= shape.rows) { return; }
  let base = row * shape.cols;
  let n = f32(shape.rows);
  if (shape.kind == 3u) {
    row_loss[row] = softmax_ce(base, n);
    return;
  }
  var total = 0.0;
  for (var c = 0u; c < shape.cols; c++) {
    let o = outputs[base + c];
    let t = targets[base + c];
    switch shape.kind {
      // ½ (y - t)², gradient (y - t) / rows.
      case 0u: { let d = o - t; total += 0.5 * d * d; gradient[base + c] = d / n; }
      // |y - t|, subgradient sign(y - t) / rows (0 at y = t).
      case 1u: { total += abs(o - t); gradient[base + c] = sign(o - t) / n; }
      // Binary cross-entropy on a logit: softplus(z) - t z, gradient (sigmoid(z) - t) / rows.
      default: {
        total += max(o, 0.0) + log(1.0 + exp(-abs(o))) - t * o;
        gradient[base + c] = (sigmoid(o) - t) / n;
      }
    }
  }
  row_loss[row] = total;
}
