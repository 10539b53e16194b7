#pragma once
// MADE, the masked autoencoder for distribution estimation (Germain, Gregor, Murray & Larochelle 2015):
// a feed-forward net over D binary inputs whose output d sees only the inputs before it, so that
//   p(x) = Π_d p(x_d | x_<d),   p(x_d = 1 | x_<d) = σ(a_d(x))
// is an exact, normalised autoregressive model trained by maximum likelihood.
// The masks (paper §4): input unit d has degree m(d) = d (1-based, the natural order); each hidden unit
// k gets a degree m(k) drawn uniformly from [min degree of the layer below, D - 1]; a hidden weight
// from j to k is kept when m(k) >= m(j) (eq. 12), an output weight into d when d > m(k) (eq. 13).
// Hidden units apply one elementwise activation (the config's, ReLU in the paper); weights and masks of
// layer l are fan_in x fan_out, applied as W ⊙ M.
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "nn/activation.h"
#include "optim/optimizer.h"

namespace netlab {

class Made {
 public:
  // `hidden`: the hidden layers' widths (at least one); `activation` an elementwise one (nn/activation.h).
  Made(int inputs, const std::vector<int>& hidden, const Activation& activation, Rng& rng);
  int inputs() const { return int(degrees_.front().size()); }
  int layers() const { return int(weights.size()); }

  // The output logits a (rows x D) of each row of x; p(x_d = 1 | x_<d) = σ(a_d).
  void Logits(const Matrix& x, Matrix& logits) const;
  // log p(x) of each row, in nats: Σ_d x_d log σ(a_d) + (1 - x_d) log σ(-a_d).
  Eigen::VectorXd LogLikelihood(const Matrix& x) const;
  // Mean negative log-likelihood over the rows of `x`, its gradient left in the *_gradient members.
  double Backward(const Matrix& x);
  // Ancestral samples, pixel by pixel: x_1 ~ p(x_1), then x_2 ~ p(x_2 | x_1), ... (D forward passes).
  Matrix Sample(int count, Rng& rng) const;
  void CollectParameters(std::vector<ParameterRef>& out);

  const std::vector<int>& degrees(int layer) const { return degrees_[size_t(layer)]; }  // 0: the inputs

  std::vector<Matrix> weights, biases, masks;            // layer l: fan_in x fan_out, 1 x fan_out
  std::vector<Matrix> weights_gradient, biases_gradient;  // of the mean NLL

 private:
  // Pre-activations z_l and activations h_l (h_0 = x), layer by layer; the last z is the logits.
  void Forward(const Matrix& x, std::vector<Matrix>& pre, std::vector<Matrix>& post) const;
  const Activation& activation_;
  std::vector<std::vector<int>> degrees_;  // m(k) of each layer's units, inputs first, hidden after
};

// Pixels at or above half the largest intensity (features in [0, 1]: x >= 0.5) become 1, the rest 0.
Matrix Binarize(const Matrix& features);

// The independent-Bernoulli baseline: p(x) = Π_d q_d^x_d (1 - q_d)^(1 - x_d), q_d the training share of
// ones with Laplace's add-one smoothing (q_d = (n_d + 1) / (n + 2)), so no test pixel has probability 0.
Eigen::VectorXd BernoulliMarginals(const Matrix& train);
double BernoulliMeanLogLikelihood(const Eigen::VectorXd& marginals, const Matrix& data);

}  // namespace netlab
