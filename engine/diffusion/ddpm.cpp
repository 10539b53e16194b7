#include "diffusion/ddpm.h"

#include <algorithm>
#include <cmath>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "nn/initializer.h"

namespace netlab {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kMaxBeta = 0.999;  // Nichol & Dhariwal 2021 clip β there so ᾱ_t never hits 0 exactly

// Ho et al.'s β_1 = 1e-4 to β_T = 0.02 in T = 1000 steps, scaled by 1000 / T so fewer steps add the same
// total noise (Nichol & Dhariwal 2021's get_named_beta_schedule("linear")): Σ β ≈ 10, ᾱ_T ≈ e^−10,
// whatever T. At T < 50 the last βs pass 0.999 and are clipped there.
std::vector<double> LinearBetas(int steps) {
  const double scale = 1000.0 / steps, first = 1e-4 * scale, last = 0.02 * scale;
  std::vector<double> beta(static_cast<size_t>(steps));
  for (int t = 1; t <= steps; ++t)
    beta[size_t(t - 1)] = std::min(kMaxBeta, steps == 1 ? first : first + (last - first) * (t - 1) / (steps - 1));
  return beta;
}

// Nichol & Dhariwal 2021, eq. 17: ᾱ_t = f(t) / f(0), f(t) = cos²((t/T + s) / (1 + s) · π/2), s = 0.008,
// and β_t = 1 − ᾱ_t / ᾱ_{t−1}, clipped at 0.999: noise added evenly in ᾱ's log instead of mostly at the
// start (the linear schedule's last steps are nearly pure noise already).
std::vector<double> CosineBetas(int steps) {
  const auto f = [steps](int t) {
    const double c = std::cos((double(t) / steps + 0.008) / 1.008 * kPi / 2.0);
    return c * c;
  };
  std::vector<double> beta(static_cast<size_t>(steps));
  for (int t = 1; t <= steps; ++t) beta[size_t(t - 1)] = std::min(kMaxBeta, 1.0 - f(t) / f(t - 1));
  return beta;
}

// ε_θ: [x_t, e(t)] -> each hidden layer with its activation -> ε̂, linear; He-normal weights into the
// hidden layers, Xavier into the output.
Network NoiseNetwork(const DdpmSettings& settings, Rng& rng) {
  Network net;
  std::vector<int> widths = {2 + kTimeEmbeddingDims};
  widths.insert(widths.end(), settings.hidden.begin(), settings.hidden.end());
  widths.push_back(2);
  for (size_t layer = 0; layer + 1 < widths.size(); ++layer) {
    const bool is_output = layer + 2 == widths.size();
    auto dense = std::make_unique<Dense>(widths[layer], widths[layer + 1]);
    FindInitializer(is_output ? "xavier_normal" : "he_normal")->fill(dense->weights, 1.0f, rng);
    net.Add(std::move(dense));
    if (!is_output)
      net.Add(std::make_unique<ActivationLayer>(
          *FindActivation(layer < settings.activations.size() ? settings.activations[layer] : "swish")));
  }
  SkipDataGradient(net);  // nobody reads dL/d(input): x_t and e(t) are data
  return net;
}

}  // namespace

const std::vector<NoiseScheduleKind>& NoiseScheduleKinds() {
  static const std::vector<NoiseScheduleKind> kinds = {
      {"linear", "β_t from 0.1/T to 20/T in equal steps (Ho et al. 2020's 1e-4 to 0.02 at T = 1000)", LinearBetas},
      {"cosine", "ᾱ_t = cos²((t/T + s)/(1 + s) · π/2) / cos²(s/(1 + s) · π/2), s = 0.008 (Nichol & Dhariwal 2021)",
       CosineBetas},
  };
  return kinds;
}

const NoiseScheduleKind* FindNoiseSchedule(const std::string& name) {
  for (const NoiseScheduleKind& k : NoiseScheduleKinds())
    if (name == k.name) return &k;
  return nullptr;
}

NoiseSchedule MakeNoiseSchedule(const std::string& kind, int steps) {
  NoiseSchedule s;
  const NoiseScheduleKind* k = FindNoiseSchedule(kind);
  if (!k || steps < 1) return s;
  s.beta = {0.0};
  s.alpha_bar = {1.0};
  for (double b : k->betas(steps)) {
    s.beta.push_back(b);
    s.alpha_bar.push_back(s.alpha_bar.back() * (1.0 - b));  // ᾱ_t = ᾱ_{t−1} (1 − β_t)
  }
  return s;
}

void EmbedTime(int t, float* out) {
  constexpr int half = kTimeEmbeddingDims / 2;
  for (int k = 0; k < half; ++k) {
    const double omega = std::pow(10000.0, -double(k) / half);
    out[2 * k] = float(std::sin(t * omega));
    out[2 * k + 1] = float(std::cos(t * omega));
  }
}

Ddpm::Ddpm(const DdpmSettings& settings, Rng& rng)
    : schedule_(MakeNoiseSchedule(settings.schedule, settings.steps)), optimizer_(CreateOptimizer(settings.optimizer)) {
  if (schedule_.beta.empty()) error_ = "unknown noise schedule '" + settings.schedule + "' or fewer than 1 step";
  if (!optimizer_) error_ = "unknown optimizer '" + settings.optimizer.kind + "'";
  if (settings.hidden.empty()) error_ = "the noise network needs at least one hidden layer";
  for (size_t layer = 0; layer < settings.hidden.size() && error_.empty(); ++layer) {
    const std::string name = layer < settings.activations.size() ? settings.activations[layer] : "swish";
    const Activation* activation = FindActivation(name);
    if (!activation || !activation->elementwise)
      error_ = "the noise network's layers take an elementwise activation, not '" + name + "'";
  }
  if (!error_.empty()) return;
  net = NoiseNetwork(settings, rng);
  Rng unused(1);  // the average starts as θ: its own draws are overwritten
  ema = NoiseNetwork(settings, unused);
  CopyWeightsAndState(net, ema);
  ema_decay_ = settings.ema_decay;
}

Matrix Ddpm::Noised(const Matrix& x0, const std::vector<int>& t, const Matrix& eps) const {
  Matrix x_t(x0.rows(), 2);
  for (Eigen::Index i = 0; i < x0.rows(); ++i) {
    const double a = schedule_.alpha_bar[size_t(t[size_t(i)])];
    for (int c = 0; c < 2; ++c) x_t(i, c) = float(std::sqrt(a) * x0(i, c) + std::sqrt(1.0 - a) * eps(i, c));
  }
  return x_t;
}

Matrix Ddpm::Inputs(const Matrix& x_t, const std::vector<int>& t) {
  Matrix in(x_t.rows(), 2 + kTimeEmbeddingDims);
  for (Eigen::Index i = 0; i < x_t.rows(); ++i) {
    in(i, 0) = x_t(i, 0);
    in(i, 1) = x_t(i, 1);
    EmbedTime(t[size_t(i)], &in(i, 2));  // row-major: the row's columns are contiguous
  }
  return in;
}

Matrix Ddpm::PredictNoise(const Matrix& x_t, const std::vector<int>& t) {
  return (ema_decay_ > 0.0f ? ema : net).Forward(Inputs(x_t, t));
}

double Ddpm::Loss(const Matrix& x0, const std::vector<int>& t, const Matrix& eps, bool backward) {
  const Matrix& predicted = net.Forward(Inputs(Noised(x0, t, eps), t));
  const double batch = double(x0.rows());
  double loss = 0.0;
  grad_.resize(x0.rows(), 2);
  for (Eigen::Index i = 0; i < x0.rows(); ++i)
    for (int c = 0; c < 2; ++c) {
      const double d = double(predicted(i, c)) - double(eps(i, c));
      loss += d * d;
      grad_(i, c) = float(2.0 * d / batch);  // ∂/∂ε̂ of 1/B Σ ‖ε̂ − ε‖²
    }
  if (backward) net.Backward(grad_);
  return loss / batch;
}

double Ddpm::TrainStep(const Matrix& x0, Rng& rng) {
  std::vector<int> t(static_cast<size_t>(x0.rows()));
  for (int& s : t) s = 1 + int(rng.Below(uint32_t(steps())));  // t ~ U{1, ..., T} (Algorithm 1)
  Matrix eps(x0.rows(), 2);
  for (Eigen::Index i = 0; i < eps.size(); ++i) eps.data()[i] = rng.Normal();
  const double loss = Loss(x0, t, eps, true);
  optimizer_->Step(net.Parameters());
  if (ema_decay_ > 0.0f) {
    const std::vector<ParameterRef> trained = net.Parameters(), averaged = ema.Parameters();
    for (size_t i = 0; i < trained.size(); ++i)
      *averaged[i].value = ema_decay_ * *averaged[i].value + (1.0f - ema_decay_) * *trained[i].value;  // θ̄ ← d θ̄ + (1 − d) θ
  }
  return loss;
}

Matrix Ddpm::Prior(int count, Rng& rng) {
  Matrix x(count, 2);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.Normal();
  return x;
}

void Ddpm::ReverseStep(Matrix& x, int t, Rng& rng) {
  const Matrix& eps = PredictNoise(x, std::vector<int>(static_cast<size_t>(x.rows()), t));
  const double beta = schedule_.beta[size_t(t)], alpha = 1.0 - beta;
  const double coefficient = beta / std::sqrt(1.0 - schedule_.alpha_bar[size_t(t)]);
  const double sigma = std::sqrt(beta);  // σ_t² = β_t (Ho et al. found σ_t² = β̃_t about as good)
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double z = t > 1 ? rng.Normal() : 0.0;  // no noise into x_0
    x.data()[i] = float((x.data()[i] - coefficient * eps.data()[i]) / std::sqrt(alpha) + sigma * z);
  }
}

Matrix Ddpm::Sample(int count, Rng& rng, std::vector<Matrix>* path) {
  Matrix x = Prior(count, rng);
  if (path) path->assign(1, x);
  for (int t = steps(); t >= 1; --t) {
    ReverseStep(x, t, rng);
    if (path) path->push_back(x);
  }
  return x;
}

}  // namespace netlab
