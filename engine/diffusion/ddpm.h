#pragma once
// Denoising diffusion probabilistic model on 2-D points (Ho, Jain & Abbeel 2020, "Denoising Diffusion
// Probabilistic Models"). The forward process adds Gaussian noise in T steps,
//   q(x_t | x_{t−1}) = N(√(1 − β_t) x_{t−1}, β_t I),  so  q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I),
//   ᾱ_t = Π_{s≤t} (1 − β_s)                                                (Ho et al. eq. 4),
// and a network ε_θ(x_t, t) learns to tell the noise in x_t, trained on
//   L_simple = E_{t, x_0, ε} ‖ε − ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t)‖²           (eq. 14);
// sampling walks back from x_T ~ N(0, I) (Algorithm 2).
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "nn/network.h"
#include "optim/optimizer.h"

namespace netlab {

// β_1..β_T of a named schedule, one row each (registries, not a switch).
struct NoiseScheduleKind {
  const char* name;
  const char* formula;
  std::vector<double> (*betas)(int steps);  // β_1..β_T, T = steps
};
const std::vector<NoiseScheduleKind>& NoiseScheduleKinds();
const NoiseScheduleKind* FindNoiseSchedule(const std::string& name);

// β_t and ᾱ_t by t = 0..T: index 0 is the data itself (β_0 = 0, ᾱ_0 = 1).
struct NoiseSchedule {
  std::vector<double> beta, alpha_bar;
  int steps() const { return int(beta.size()) - 1; }
};
// Empty schedule when `kind` is unknown or steps < 1.
NoiseSchedule MakeNoiseSchedule(const std::string& kind, int steps);

// The sinusoidal embedding of the step t (Vaswani et al. 2017, §3.5, as Ho et al. embed t, their
// Appendix B): for k < D/2, e_{2k} = sin(t ω_k), e_{2k+1} = cos(t ω_k), ω_k = 10000^(−k / (D/2)).
// D = 16 is fixed: periods from 2π ≈ 6 steps to about 20,000, so neighbouring steps differ in the fast
// pairs and the whole of T = 10..1000 stays ordered in the slow ones.
constexpr int kTimeEmbeddingDims = 16;
void EmbedTime(int t, float* out);  // out[0..kTimeEmbeddingDims)

struct DdpmSettings {
  std::string schedule = "linear";
  int steps = 100;                   // T
  std::vector<int> hidden = {64, 64};  // the noise network's hidden widths
  // Their activations (nn/activation.h, elementwise ones), one per hidden layer; SiLU (Nichol &
  // Dhariwal's choice, and smooth, as the finite-difference check wants) where none is given.
  std::vector<std::string> activations;
  OptimizerSettings optimizer;
  // Sampling uses an exponential moving average of the weights, θ̄ ← d θ̄ + (1 − d) θ after each step (Ho
  // et al. 2020, Appendix B, with d = 0.9999 over 800k steps): it averages out Adam's jitter, which the
  // T steps of Algorithm 2 amplify into blurred samples. 0.995 averages over about 200 steps, short
  // enough to follow runs of a few thousand; 0 samples from θ itself.
  float ema_decay = 0.995f;
};

class Ddpm {
 public:
  // Weights from `rng` (He-normal into the hidden layers, Xavier into the output); error() when the
  // settings cannot build.
  Ddpm(const DdpmSettings& settings, Rng& rng);
  const std::string& error() const { return error_; }
  const NoiseSchedule& schedule() const { return schedule_; }
  int steps() const { return schedule_.steps(); }

  // x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, row by row (the closed form of q(x_t | x_0), Ho et al. eq. 4).
  Matrix Noised(const Matrix& x0, const std::vector<int>& t, const Matrix& eps) const;
  // The network's input rows [x_t, EmbedTime(t)]: batch x (2 + kTimeEmbeddingDims).
  static Matrix Inputs(const Matrix& x_t, const std::vector<int>& t);
  // ε_θ̄(x_t, t), batch x 2, by the averaged weights that sample (θ itself with ema_decay 0).
  Matrix PredictNoise(const Matrix& x_t, const std::vector<int>& t);
  // L_simple for these x_0, t and ε: 1/B Σ_i ‖ε_i − ε_θ(x_t,i, t_i)‖². With `backward`, also leaves
  // dL/dθ in the network's parameter gradients (dL/dε̂ = 2 (ε̂ − ε) / B).
  double Loss(const Matrix& x0, const std::vector<int>& t, const Matrix& eps, bool backward = false);
  // One optimizer step on L_simple of the batch x0, t ~ U{1..T} and ε ~ N(0, I) from `rng`; the loss.
  double TrainStep(const Matrix& x0, Rng& rng);
  // Changes the step size between steps (a schedule), keeping the optimizer's moments.
  void set_learning_rate(float learning_rate) {
    OptimizerSettings s = optimizer_->settings();
    s.learning_rate = learning_rate;
    optimizer_->SetSettings(s);
  }
  // Algorithm 2: x_T ~ N(0, I); for t = T..1, z ~ N(0, I) (0 at t = 1),
  //   x_{t−1} = 1/√α_t (x_t − β_t / √(1 − ᾱ_t) ε_θ(x_t, t)) + σ_t z,  σ_t² = β_t.
  // `count` x 2; with `path`, (*path)[k] = every sample's x_{T−k}, k = 0..T (x_T first, x_0 last).
  Matrix Sample(int count, Rng& rng, std::vector<Matrix>* path = nullptr);
  // x_T ~ N(0, I), count x 2; then one step of Algorithm 2, x_t -> x_{t−1} in place (what Sample repeats,
  // so a view can spread a sampling over frames).
  static Matrix Prior(int count, Rng& rng);
  void ReverseStep(Matrix& x, int t, Rng& rng);

  Network net;  // ε_θ: (2 + kTimeEmbeddingDims) -> hidden... -> 2, trained
  Network ema;  // the same network with the averaged weights θ̄, which samples

 private:
  NoiseSchedule schedule_;
  std::unique_ptr<Optimizer> optimizer_;
  std::string error_;
  float ema_decay_ = 0.0f;
  Matrix grad_;  // batch x 2, dL/dε̂
};

}  // namespace netlab
