#pragma once
// A variational autoencoder whose latent is `groups` categorical variables of `categories` classes each,
// trained through the Gumbel-softmax / Concrete relaxation (Jang, Gu & Poole 2017; Maddison, Mnih & Teh
// 2017) on binary images with a Bernoulli decoder:
//   encoder   h = tanh(x W_e + b_e),  l = h W_q + b_q             l: batch x (groups · categories)
//             q(z_g | x) = softmax(l_g) over group g's categories
//   sample    y_g = softmax((l_g + G_g) / τ),  G ~ Gumbel(0, 1)   (models/gumbel.h; differentiable in l)
//   decoder   d = tanh(y W_d + b_d),  logits = d W_o + b_o,  p(x | z) = Bernoulli(σ(logits))
//   loss      -ELBO = Σ_i BCE(logits_i, x_i) + Σ_g KL(q(z_g | x) || uniform)
//             KL(q || uniform) = Σ_k q_k log q_k + log K           (closed form, as Jang et al. use)
// averaged over the batch. The noise G and τ are arguments, so with them fixed the loss is a
// deterministic function of the weights that finite differences check.
// DiscreteElbo evaluates the model it relaxes: z one-hot, E_q[log p(x | z)] summed exactly over every
// code when there are few enough, a true lower bound on log p(x) under the uniform prior.
#include <vector>

#include "core/rng.h"
#include "models/bernoulli_decoder.h"
#include "nn/dense.h"

namespace netlab {

class CategoricalVae {
 public:
  CategoricalVae(int inputs, int hidden, int groups, int categories);
  void Initialize(Rng& rng);  // Xavier normal weights, zero biases
  int groups() const { return groups_; }
  int categories() const { return categories_; }
  int inputs() const { return int(decoder.output_layer.weights.cols()); }

  // Gumbel(0, 1) noise for `rows` rows, batch x (groups · categories).
  Matrix SampleNoise(int rows, Rng& rng) const;
  // Forward pass with relaxed samples at temperature τ; returns the mean -ELBO and caches what Backward
  // needs. `reconstruction` and `kl` receive the two terms' batch means when not null.
  double Loss(const Matrix& input, const Matrix& noise, double temperature, double* reconstruction = nullptr,
              double* kl = nullptr);
  void Backward();  // gradients of the last Loss with respect to every parameter
  void CollectParameters(std::vector<ParameterRef>& out);

  // q(z | x): batch x (groups · categories), each group's block summing to 1.
  Matrix Posterior(const Matrix& input);
  // Decoder means σ(logits) for codes y (rows of groups · categories, one-hot or relaxed).
  Matrix Decode(const Matrix& codes);
  // The mean over rows of E_{z ~ q(z|x)}[log p(x | z)] − KL(q(z|x) || uniform) with z one-hot (nats per
  // image): exact, summed over all categories^groups codes, when there are at most kMaxEnumerated;
  // otherwise `samples` hard Gumbel-max codes per row drawn from `rng`.
  static constexpr long kMaxEnumerated = 4096;
  double DiscreteElbo(const Matrix& input, Rng& rng, int samples = 16);

  Dense encoder_layer, logits_layer;
  BernoulliDecoder decoder;

 private:
  int groups_, categories_;
  double temperature_ = 1.0;
  Matrix input_, encoder_hidden_, posterior_, relaxed_;
};

// Log-probabilities of binary rows `input` under independent Bernoulli pixels with means `means`
// (1 x inputs): Σ_i x_i log p_i + (1 − x_i) log(1 − p_i) per row.
Eigen::VectorXd IndependentBernoulliLogLikelihood(const Matrix& input, const Matrix& means);
// The closed-form fit of independent Bernoulli pixels to binary rows: each pixel's share of ones with
// add-one (Laplace) smoothing, (ones + 1) / (rows + 2), so that no test pixel has probability 0.
Matrix FitIndependentBernoulli(const Matrix& train);

}  // namespace netlab
