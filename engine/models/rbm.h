#pragma once
// Binary restricted Boltzmann machine (Smolensky 1986; Hinton 2002) with energy
//   E(v, h) = -b·v - c·h - vᵀ W h,   p(v, h) = e^-E / Z,
// whose conditionals factorise: p(h_j = 1 | v) = σ(c_j + v·W_j), p(v_i = 1 | h) = σ(b_i + W_i·h).
// Summing out h gives the free energy F(v) = -b·v - Σ_j log(1 + e^(c_j + v·W_j)), log p(v) = -F(v) - log Z.
// Training follows ∂log p(v)/∂W = <v hᵀ>_data - <v hᵀ>_model, the model term estimated by k steps of
// Gibbs sampling started at the data (CD-k, Hinton 2002) or from chains kept between updates
// (persistent CD, Tieleman 2008).
#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

struct RbmTrainingSettings {
  int gibbs_steps = 1;        // k in CD-k
  bool persistent = false;    // PCD: negative chains continue from the previous update
  float learning_rate = 0.1f;
  float momentum = 0.5f;      // Hinton's practical guide: 0.5 early, 0.9 later
  float weight_decay = 1e-4f; // L2 on W, keeps the chains mixing
};

class Rbm {
 public:
  Rbm(int visible, int hidden);
  int visible() const { return int(weights.rows()); }
  int hidden() const { return int(weights.cols()); }
  // W ~ N(0, stddev²), biases 0 (Hinton's guide: stddev 0.01).
  void Initialize(Rng& rng, float stddev = 0.01f);

  void HiddenProbabilities(const Matrix& visible, Matrix& hidden) const;
  void VisibleProbabilities(const Matrix& hidden, Matrix& visible) const;
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
