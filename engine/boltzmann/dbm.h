#pragma once
// A two-hidden-layer deep Boltzmann machine (Salakhutdinov & Hinton 2009) over binary v, h1, h2 with
//   E(v, h1, h2) = -vᵀ W1 h1 - h1ᵀ W2 h2 - b·v - c1·h1 - c2·h2,   p = e^-E / Z.
// Unlike a DBN every layer is undirected, so p(h | v) does not factorise. Learning follows
//   ∂log p(v)/∂W = E_data[·] - E_model[·]:
//   - the data term from the mean-field posterior q(h1, h2) = Π σ-means μ1, μ2, the fixed point of
//       μ1 = σ(v W1 + μ2 W2ᵀ + c1),   μ2 = σ(μ1 W2 + c2)      (paper eq. 8-9),
//     which maximises the variational lower bound
//       log p(v) >= L(v) = b·v + c1·μ1 + c2·μ2 + vᵀ W1 μ1 + μ1ᵀ W2 μ2 + H(μ1) + H(μ2) - log Z;
//   - the model term from persistent Gibbs chains (Tieleman 2008), alternating h1 ~ p(h1 | v, h2) with
//     v ~ p(v | h1) and h2 ~ p(h2 | h1) (the odd and even layers are each conditionally independent).
// log Z is exact when h1 is small: given h1, v and h2 are independent, so
//   log Z = log Σ_h1 exp(c1·h1 + Σ_i softplus(b_i + W1_i·h1) + Σ_k softplus(c2_k + h1·W2_k)),
// a sum of 2^h1 terms (kMaxDbmEnumerated).
#include "core/rng.h"
#include "core/tensor.h"
#include "boltzmann/rbm_hidden_partition.h"  // RunningLogSumExp

namespace netlab {

constexpr int kMaxDbmEnumerated = 20;  // h1 units whose 2^h1 states ExactDbmLogPartition sums over

struct DbmTrainingSettings {
  int mean_field_steps = 10;  // fixed-point sweeps per posterior (the paper's 10 suffice on small nets)
  int gibbs_steps = 1;        // sweeps of the persistent chains per update
  int chains = 100;           // persistent chains ("fantasy particles"; the paper's 100)
  float learning_rate = 0.05f;
  float momentum = 0.5f;
  float weight_decay = 1e-4f;  // L2 on W1, W2
};

struct MeanField {
  Matrix h1, h2;  // rows x units: μ1, μ2
};

class Dbm {
 public:
  Dbm(int visible, int hidden1, int hidden2);
  int visible() const { return int(w1.rows()); }
  int hidden1() const { return int(w1.cols()); }
  int hidden2() const { return int(w2.cols()); }
  // W ~ N(0, stddev²), biases 0; clears the chains.
  void Initialize(Rng& rng, float stddev = 0.01f);

  // `steps` sweeps of the fixed-point equations from μ1 = σ(v W1 + c1), μ2 = σ(μ1 W2 + c2), each sweep
  // updating μ1 and then μ2 (every update raises L, so the sweeps converge).
  MeanField Posterior(const Matrix& v, int steps) const;
  // max |μ - σ(...)| over both equations and all rows: 0 at a fixed point.
  double FixedPointResidual(const Matrix& v, const MeanField& q) const;
  // L(v) + log Z per row: the bound without the partition function, in double precision.
  Eigen::VectorXd UnnormalisedBound(const Matrix& v, const MeanField& q) const;

  // One update on a minibatch (binary or probabilities in [0, 1]).
  void TrainStep(const Matrix& batch, const DbmTrainingSettings& settings, Rng& rng);
  const Matrix& chain_visible() const { return chain_v_; }  // rows: the persistent chains' v (empty at first)
  // `count` chains started from noise, `steps` Gibbs sweeps each; returns their v.
  Matrix Sample(int count, int steps, Rng& rng) const;

  Matrix w1;  // visible x hidden1
  Matrix w2;  // hidden1 x hidden2
  Matrix b, c1, c2;  // 1 x visible, 1 x hidden1, 1 x hidden2

 private:
  // One sweep of the chains (v, h1, h2): h1 | v, h2, then v | h1 and h2 | h1.
  void GibbsSweep(Matrix& v, Matrix& h1, Matrix& h2, Rng& rng) const;
  Matrix chain_v_, chain_h1_, chain_h2_;
  Matrix dw1_, dw2_, db_, dc1_, dc2_;  // momentum velocities
};

// Adds the terms of h1's states [first, first + count) (state s: h1_j = bit j of s) to `total`.
void AddDbmHiddenStates(const Dbm& dbm, long first, long count, RunningLogSumExp& total);
// log Z by the sum over h1's 2^hidden1 states; NaN beyond kMaxDbmEnumerated.
double ExactDbmLogPartition(const Dbm& dbm);
// Mean over rows of the mean-field bound L(v) = UnnormalisedBound - log Z after `steps` sweeps.
double MeanFieldBound(const Dbm& dbm, const Matrix& v, int steps, double log_partition);

}  // namespace netlab
