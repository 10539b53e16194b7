// The engine's optimizers (engine/optimizer.cpp), one parameter tensor per dispatch. State buffers
// persist between steps: `first` is the velocity (momentum, Nesterov), the accumulated squares
// (AdaGrad, RMSprop) or Adam's first moment; `second` is Adam's second moment.
// Optimizer ids (web/netlab-gpu.js OPTIMIZERS): 0 sgd, 1 momentum, 2 nesterov, 3 adagrad, 4 rmsprop,
// 5 adam, 6 adamw.

struct Shape { rows : u32, cols : u32, kind : u32, is_weight : u32 };
// Hyperparameters of this step; correction1/2 = 1 - beta^t computed on the host as the engine does.
struct Settings {
  learning_rate : f32, momentum : f32, beta1 : f32, beta2 : f32,
  epsilon : f32, rho : f32, weight_decay : f32, correction1 : f32,
  correction2 : f32, kind : u32, unused0 : u32, unused1 : u32,
};

@group(0) @binding(0) var<storage, read_write> value : array<f32>;
@group(0) @binding(1) var<storage, read_write> gradient : array<f32>;
@group(0) @binding(2) var<storage, read_write> first : array<f32>;
@group(0) @binding(3) var<storage, read_write> second : array<f32>;
@group(0) @binding(4) var<uniform> shape : Shape;
@group(0) @binding(5) var<uniform> settings : Settings;

@compute @workgroup_size(64)
fn update(@builtin(global_invocation_id) id : vec3<u32>) {
  let i = id.x;
  if (i >= shape.rows * shape.cols) { return; }
  let g = gradient[i];
  let eta = settings.learning_rate;
  let mu = settings.momentum;
  switch settings.kind {
    // Polyak heavy ball: v <- mu v - eta g;  w <- w + v.
    case 1u: {
      let v = mu * first[i] - eta * g;
      first[i] = v;
      value[i] = value[i] + v;
    }
    // Nesterov, look-ahead form (Bengio et al. 2013): v <- mu v - eta g;  w <- w + mu v - eta g.
    case 2u: {
      let v = mu * first[i] - eta * g;
      first[i] = v;
      value[i] = value[i] + (mu * v - eta * g);
    }
    // AdaGrad: G <- G + g²;  w <- w - eta g / (sqrt(G) + eps).
    case 3u: {
      let accumulated = first[i] + g * g;
      first[i] = accumulated;
      value[i] = value[i] - eta * g / (sqrt(accumulated) + settings.epsilon);
    }
    // RMSprop: E <- rho E + (1 - rho) g²;  w <- w - eta g / (sqrt(E) + eps).
    case 4u: {
      let mean_square = settings.rho * first[i] + (1.0 - settings.rho) * g * g;
      first[i] = mean_square;
      value[i] = value[i] - eta * g / (sqrt(mean_square) + settings.epsilon);
    }
    // Adam: m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g²;  w <- w - eta (m / c1) / (sqrt(v / c2) + eps).
    // AdamW first decays weights (not biases): w <- w (1 - eta lambda).
    case 5u, 6u: {
      let m = settings.beta1 * first[i] + (1.0 - settings.beta1) * g;
      let v = settings.beta2 * second[i] + (1.0 - settings.beta2) * g * g;
      first[i] = m;
      second[i] = v;
      var w = value[i];
      if (settings.kind == 6u && shape.is_weight == 1u) { w = w * (1.0 - eta * settings.weight_decay); }
      value[i] = w - eta * (m / settings.correction1) / (sqrt(v / settings.correction2) + settings.epsilon);
    }
    // SGD: w <- w - eta g.
    default: { value[i] = value[i] - eta * g; }
  }
}
