#include "optim/optimizer.h"

#include "core/gemm.h"
#include "core/registry.h"
#include "core/rng.h"

#include <algorithm>
#include <cmath>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace netlab {
namespace {

// w <- w - eta * g
class Sgd : public Optimizer {
 public:
  explicit Sgd(const OptimizerSettings& s) : Optimizer(s) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    for (const ParameterRef& p : parameters) *p.value -= settings_.learning_rate * *p.gradient;
  }
};

// Polyak heavy ball: v <- mu v - eta g;  w <- w + v
class Momentum : public Optimizer {
 public:
  explicit Momentum(const OptimizerSettings& s) : Optimizer(s, 1) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    std::vector<Matrix>& velocity = Slot(0, parameters);
    for (size_t i = 0; i < parameters.size(); ++i) {
      velocity[i] = settings_.momentum * velocity[i] - settings_.learning_rate * *parameters[i].gradient;
      *parameters[i].value += velocity[i];
    }
  }
};

// Nesterov momentum in the form of Bengio et al. 2013, with the parameters kept at the look-ahead
// point: v <- mu v - eta g;  w <- w + mu v - eta g.
class Nesterov : public Optimizer {
 public:
  explicit Nesterov(const OptimizerSettings& s) : Optimizer(s, 1) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    std::vector<Matrix>& velocity = Slot(0, parameters);
    const float mu = settings_.momentum, eta = settings_.learning_rate;
    for (size_t i = 0; i < parameters.size(); ++i) {
      const Matrix& g = *parameters[i].gradient;
      velocity[i] = mu * velocity[i] - eta * g;
      *parameters[i].value += mu * velocity[i] - eta * g;
    }
  }
};

// Duchi et al. 2011: G <- G + g²;  w <- w - eta g / (sqrt(G) + eps).
class AdaGrad : public Optimizer {
 public:
  explicit AdaGrad(const OptimizerSettings& s) : Optimizer(s, 1) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    std::vector<Matrix>& accumulated = Slot(0, parameters);
    for (size_t i = 0; i < parameters.size(); ++i) {
      const Matrix& g = *parameters[i].gradient;
      accumulated[i] += g.cwiseProduct(g);
      parameters[i].value->array() -=
          settings_.learning_rate * g.array() / (accumulated[i].array().sqrt() + settings_.epsilon);
    }
  }
};

// Hinton's lecture 6e: E <- rho E + (1 - rho) g²;  w <- w - eta g / (sqrt(E) + eps).
class RmsProp : public Optimizer {
 public:
  explicit RmsProp(const OptimizerSettings& s) : Optimizer(s, 1) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    std::vector<Matrix>& mean_square = Slot(0, parameters);
    const float rho = settings_.rho;
    for (size_t i = 0; i < parameters.size(); ++i) {
      const Matrix& g = *parameters[i].gradient;
      mean_square[i] = rho * mean_square[i] + (1.0f - rho) * g.cwiseProduct(g);
      parameters[i].value->array() -=
          settings_.learning_rate * g.array() / (mean_square[i].array().sqrt() + settings_.epsilon);
    }
  }
};

// Welling & Teh 2011, stochastic gradient Langevin dynamics:
//   delta theta = eps_t / 2 (grad log p(theta) + N/n sum_i grad log p(x_i | theta)) + eta,  eta ~ N(0, eps_t).
// The trainer hands over g = mean batch loss gradient + L2 lambda w. Reading the loss as -log p(x | theta)
// and the L2 penalty as the prior N(0, 1 / (N lambda)) on weights (biases flat), the bracket is -N g,
// so the posterior's mode is the regularised training optimum. With eps_t = 2 eta_t / N the step is
// w <- w - eta_t g + sqrt(2 eta_t T / N) xi: the learning-rate slider keeps its SGD meaning, and T = 1
// is the paper's posterior (T < 1 a cold one). The step size decreases as eta_t = eta (1 + t/b)^-gamma
// with gamma = 0.55 as in the paper's experiments, so the injected noise dominates the minibatch noise.
class Sgld : public Optimizer {
 public:
  static constexpr double kDecaySteps = 1000.0;  // b: steps before the rate has fallen by 2^0.55
  static constexpr double kDecayPower = 0.55;    // gamma in (0.5, 1] (Welling & Teh 2011, sec. 3)
  explicit Sgld(const OptimizerSettings& s) : Optimizer(s, 0, true), rng_(s.seed ^ 0x5D1D5EEDull) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    const float eta = float(settings_.learning_rate * std::pow(1.0 + double(step_) / kDecaySteps, -kDecayPower));
    const float n = float(std::max(1, settings_.training_samples));
    const float noise = std::sqrt(2.0f * eta * settings_.temperature / n);
    for (const ParameterRef& p : parameters) {
      *p.value -= eta * *p.gradient;
      for (Eigen::Index i = 0; i < p.value->size(); ++i) p.value->data()[i] += noise * rng_.Normal();
    }
    ++step_;
  }
  Rng* RandomStream() override { return &rng_; }

 private:
  Rng rng_;
};

// Kingma & Ba 2015: m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g²;
// w <- w - eta * m̂ / (sqrt(v̂) + eps) with m̂ = m / (1 - b1^t), v̂ = v / (1 - b2^t).
// AdamW (Loshchilov & Hutter 2019) adds decoupled weight decay w <- w - eta lambda w to weights only.
// Adam's constants for one step (Kingma & Ba 2015, Algorithm 1).
struct AdamStep {
  float beta1, beta2, correction1, correction2, learning_rate, epsilon;
  float decay;  // AdamW's w <- (1 - eta lambda) w first; 1 for plain Adam and for biases
};

// Elements [first, last) of one parameter in one pass (three Eigen passes before, and Eigen has no WASM
// SIMD): m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g²;  w <- w - (eta m / c1) / (sqrt(v / c2) + eps),
// each element rounded in that order in both paths, so the SIMD build gives the scalar bits.
void AdamUpdate(const AdamStep& a, const float* g, float* m, float* v, float* w, long first, long last) {
  long i = first;
#ifdef __wasm_simd128__
  const v128_t b1 = wasm_f32x4_splat(a.beta1), b2 = wasm_f32x4_splat(a.beta2);
  const v128_t rest1 = wasm_f32x4_splat(1.0f - a.beta1), rest2 = wasm_f32x4_splat(1.0f - a.beta2);
  const v128_t c1 = wasm_f32x4_splat(a.correction1), c2 = wasm_f32x4_splat(a.correction2);
  const v128_t eta = wasm_f32x4_splat(a.learning_rate), eps = wasm_f32x4_splat(a.epsilon);
  const v128_t decay = wasm_f32x4_splat(a.decay);
  for (; i + 4 <= last; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(m + i)), wasm_f32x4_mul(rest1, gi));
    const v128_t vi =
        wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(v + i)), wasm_f32x4_mul(rest2, wasm_f32x4_mul(gi, gi)));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    v128_t wi = wasm_v128_load(w + i);
    if (a.decay != 1.0f) wi = wasm_f32x4_mul(wi, decay);
    const v128_t step = wasm_f32x4_div(wasm_f32x4_mul(eta, wasm_f32x4_div(mi, c1)),
                                       wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, c2)), eps));
    wasm_v128_store(w + i, wasm_f32x4_sub(wi, step));
  }
#endif
  for (; i < last; ++i) {
    m[i] = a.beta1 * m[i] + (1.0f - a.beta1) * g[i];
    v[i] = a.beta2 * v[i] + (1.0f - a.beta2) * (g[i] * g[i]);
    if (a.decay != 1.0f) w[i] *= a.decay;
    w[i] -= (a.learning_rate * (m[i] / a.correction1)) / (std::sqrt(v[i] / a.correction2) + a.epsilon);
  }
}

class Adam : public Optimizer {
  static constexpr long kElementsPerPart = 16384;

 public:
  explicit Adam(const OptimizerSettings& s, bool decoupled_decay = false)
      : Optimizer(s, 2, true), decoupled_decay_(decoupled_decay) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    std::vector<Matrix>& first_moment = Slot(0, parameters);
    std::vector<Matrix>& second_moment = Slot(1, parameters);
    ++step_;
    const float b1 = settings_.beta1, b2 = settings_.beta2;
    const AdamStep constants{b1, b2, 1.0f - float(std::pow(double(b1), double(step_))),
                             1.0f - float(std::pow(double(b2), double(step_))), settings_.learning_rate,
                             settings_.epsilon, 1.0f};
    // Every element is updated alone, so the bits do not depend on how the parameters are cut: part k
    // updates slice k of every parameter, one wake-up of the GEMM's threads a step, and only for models
    // large enough to repay it (a playground's few hundred weights stay on the calling thread).
    long elements = 0;
    for (const ParameterRef& p : parameters) elements += long(p.value->size());
    const int kParts = elements >= kElementsPerPart ? 4 : 1;
    auto part = [&](int index) {
      for (size_t i = 0; i < parameters.size(); ++i) {
        AdamStep a = constants;
        if (decoupled_decay_ && parameters[i].is_weight) a.decay = 1.0f - settings_.learning_rate * settings_.weight_decay;
        const long size = long(parameters[i].value->size());
        AdamUpdate(a, parameters[i].gradient->data(), first_moment[i].data(), second_moment[i].data(),
                   parameters[i].value->data(), size * index / kParts, size * (index + 1) / kParts);
      }
    };
    RunParts(kParts, part);
  }

 private:
  bool decoupled_decay_;
};

class AdamW : public Adam {
 public:
  explicit AdamW(const OptimizerSettings& s) : Adam(s, true) {}
};

template <class T>
std::unique_ptr<Optimizer> Create(const OptimizerSettings& s) {
  return std::make_unique<T>(s);
}

}  // namespace

std::vector<Matrix>& Optimizer::Slot(int k, const std::vector<ParameterRef>& parameters) {
  std::vector<Matrix>& slot = slots_[size_t(k)];
  if (slot.size() != parameters.size()) {
    slot.clear();
    for (const ParameterRef& p : parameters) slot.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
  }
  return slot;
}

std::vector<std::vector<Matrix>*> Optimizer::StateSlots(const std::vector<ParameterRef>& parameters) {
  std::vector<std::vector<Matrix>*> slots;
  for (size_t k = 0; k < slots_.size(); ++k) slots.push_back(&Slot(int(k), parameters));
  return slots;
}

const std::vector<OptimizerKind>& OptimizerKinds() {
  static const std::vector<OptimizerKind> table = {
      {"sgd", "SGD", "w <- w - eta g", Create<Sgd>},
      {"momentum", "Momentum", "v <- mu v - eta g;  w <- w + v", Create<Momentum>},
      {"nesterov", "Nesterov momentum", "v <- mu v - eta g;  w <- w + mu v - eta g  (look-ahead form)",
       Create<Nesterov>},
      {"adagrad", "AdaGrad", "G <- G + g^2;  w <- w - eta g / (sqrt(G) + eps)", Create<AdaGrad>},
      {"rmsprop", "RMSprop", "E <- rho E + (1-rho) g^2;  w <- w - eta g / (sqrt(E) + eps)", Create<RmsProp>},
      {"adam", "Adam", "m, v moment estimates, bias-corrected;  w <- w - eta m^ / (sqrt(v^) + eps)",
       Create<Adam>},
      {"adamw", "AdamW", "Adam + decoupled weight decay: w <- w - eta lambda w", Create<AdamW>},
      {"sgld", "SGLD (Langevin)", "w <- w - eta_t g + sqrt(2 eta_t T / N) N(0, 1),  eta_t = eta (1 + t/1000)^-0.55",
       Create<Sgld>},
  };
  return table;
}

std::unique_ptr<Optimizer> CreateOptimizer(const OptimizerSettings& settings) {
  const OptimizerKind* kind = FindOptimizerKind(settings.kind);
  return kind ? kind->create(settings) : nullptr;
}

const OptimizerKind* FindOptimizerKind(const std::string& name) { return FindByName(OptimizerKinds(), name); }
int OptimizerKindIndex(const std::string& name) { return IndexByName(OptimizerKinds(), name); }

}  // namespace netlab
