#pragma once
// Binary restricted Boltzmann machine (Smolensky 1986; Hinton 2002) with energy
//   E(v, h) = -b·v - c·h - vᵀ W h,   p(v, h) = e^-E / Z,
// whose conditionals factorise: p(h_j = 1 | v) = σ(c_j + v·W_j), p(v_i = 1 | h) = σ(b_i + W_i·h).
// Summing out h gives the free energy F(v) = -b·v - Σ_j log(1 + e^(c_j + v·W_j)), log p(v) = -F(v) - log Z.
// Training follows ∂log p(v)/∂W = <v hᵀ>_data - <v hᵀ>_model, the model term estimated by k steps of
// Gibbs sampling started at the data (CD-k, Hinton 2002) or from chains kept between updates
// (persistent CD, Tieleman 2008).
// With `linear_hidden` the hidden units are linear with unit-variance Gaussian noise instead of binary
// (Hinton & Salakhutdinov 2006, the code layer of their deep autoencoders; Welling et al. 2005):
//   E(v, h) = -b·v - c·h + ||h||²/2 - vᵀ W h,   p(h_j | v) = N(c_j + v·W_j, 1),
// so the mean of h is c + vW and F(v) = -b·v - Σ_j (c_j + v·W_j)²/2 - (hidden/2) log 2π.
#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

struct RbmTrainingSettings {
  int gibbs_steps = 1;        // k in CD-k
  bool persistent = false;    // PCD: negative chains continue from the previous update
  float learning_rate = 0.1f;
  float momentum = 0.5f;      // Hinton's practical guide: 0.5 early, 0.9 later
  float weight_decay = 1e-4f; // L2 on W, keeps the chains mixing
  // false: CD starts at the data itself and each reconstruction is the mean p(v | h), only h sampled
  // (Hinton & Salakhutdinov 2006's rbm.m; the guide's §3.2 advice for gray-level pixels, which a
  // binary sample of v would replace by noise). true: v is a binary sample at every step (textbook
  // Gibbs sampling, the default). PCD's persistent chains always sample.
  bool sample_visible = true;
};

class Rbm {
 public:
  Rbm(int visible, int hidden, bool linear_hidden = false);
  int visible() const { return int(weights.rows()); }
  int hidden() const { return int(weights.cols()); }
  // W ~ N(0, stddev²), biases 0 (Hinton's guide: stddev 0.01).
  void Initialize(Rng& rng, float stddev = 0.01f);

  // E[h | v]: σ(c + vW) for binary hidden units (their probabilities), c + vW for linear ones.
  void HiddenProbabilities(const Matrix& visible, Matrix& hidden) const;
  void VisibleProbabilities(const Matrix& hidden, Matrix& visible) const;
  // h ~ p(h | v) given its mean E[h | v]: Bernoulli, or mean + N(0, 1) for linear units.
  void SampleHidden(const Matrix& mean, Matrix& hidden, Rng& rng) const;
  // One Gibbs sweep v -> h ~ p(h|v) -> v ~ p(v|h), replacing `visible` with the new sample.
  void GibbsStep(Matrix& visible, Rng& rng) const;
  // F(v) for each row.
  Eigen::VectorXd FreeEnergy(const Matrix& visible) const;
  // Mean over rows of ||v - p(v | p(h | v))||², the usual (and only loosely related) progress signal.
  double ReconstructionError(const Matrix& visible) const;

  // One CD-k or PCD update on a minibatch of visible vectors (binary or probabilities in [0, 1]).
  void TrainStep(const Matrix& batch, const RbmTrainingSettings& settings, Rng& rng);
  // PCD's negative particles (visible states), one row per chain; empty before the first PCD step.
  const Matrix& chains() const { return chain_; }

  Matrix weights;        // visible x hidden
  Matrix visible_bias;   // 1 x visible (b)
  Matrix hidden_bias;    // 1 x hidden  (c)
  bool linear_hidden = false;  // Gaussian hidden units of unit variance instead of binary ones

 private:
  Matrix chain_;  // persistent negative particles
  Matrix weights_velocity_, visible_velocity_, hidden_velocity_;
};

// Each entry 1 with probability p.
void SampleBernoulli(const Matrix& probabilities, Matrix& sample, Rng& rng);

// log Z by enumerating all 2^visible visible states (hidden units summed out in closed form through
// the free energy), in double precision. Only for visible <= 24; returns NaN otherwise.
double ExactLogPartition(const Rbm& rbm);
// Mean over rows of log p(v) = -F(v) - log Z.
double ExactMeanLogLikelihood(const Rbm& rbm, const Matrix& data);

}  // namespace netlab
