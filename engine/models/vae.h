#pragma once
// Variational autoencoder (Kingma & Welling 2014) for data in [0, 1] with a Bernoulli decoder:
//   encoder   h = tanh(x W_e + b_e),  μ = h W_μ + b_μ,  log σ² = h W_v + b_v
//   sample    z = μ + σ ⊙ ε,  ε ~ N(0, I)            (reparameterisation: z is differentiable in μ, σ)
//   decoder   g = tanh(z W_d + b_d),  logits = g W_o + b_o,  p(x | z) = Bernoulli(σ(logits))
//   loss      -ELBO = Σ_i BCE(logits_i, x_i) + β KL(q(z|x) || N(0, I)),  β = kl_weight (1: the ELBO;
//             other values: the β-VAE of Higgins et al. 2017)
//             KL = ½ Σ_j (μ_j² + σ_j² - 1 - log σ_j²)   (closed form for two Gaussians)
// averaged over the batch. The noise ε is an argument, so a fixed ε makes the loss a deterministic
// function of the weights that finite differences can check.
#include <vector>

#include "models/bernoulli_decoder.h"
#include "nn/dense.h"
#include "core/rng.h"

namespace netlab {

class Vae {
 public:
  Vae(int inputs, int hidden, int latent);
  void Initialize(Rng& rng);  // Xavier normal weights, zero biases
  int latent() const { return int(mean_layer.weights.cols()); }

  // Forward pass for a batch and its noise (batch x latent); returns the mean -ELBO and caches what
  // Backward needs. `reconstruction` and `kl` receive the two terms' batch means (KL unweighted) when not null.
  double Loss(const Matrix& input, const Matrix& noise, double* reconstruction = nullptr, double* kl = nullptr);
  // Gradients of the last Loss with respect to every parameter.
  void Backward();
  void CollectParameters(std::vector<ParameterRef>& out);
  // Decoder mean σ(logits) for latent codes z (rows).
  Matrix Decode(const Matrix& latent_codes);
  // Posterior means μ(x).
  Matrix EncodeMean(const Matrix& input);
  Matrix SampleNoise(int rows, Rng& rng) const;

  Dense encoder_layer, mean_layer, log_variance_layer;
  BernoulliDecoder decoder;
  float kl_weight = 1.0f;  // β

  // What the last Loss computed, for the Layers tab (batch rows each).
  const Matrix& encoder_hidden() const { return encoder_hidden_; }  // h, batch x hidden
  const Matrix& mean() const { return mean_; }                      // μ, batch x latent
  const Matrix& log_variance() const { return log_variance_; }      // log σ², batch x latent
  const Matrix& latent_code() const { return latent_; }             // z = μ + σ ⊙ ε, batch x latent
  const Matrix& decoder_hidden() const { return decoder.hidden(); }  // g, batch x hidden
  const Matrix& logits() const { return decoder.logits(); }          // batch x inputs

 private:
  Matrix input_, noise_, encoder_hidden_, mean_, log_variance_, latent_;
};

}  // namespace netlab
