#pragma once
// The decoder both VAEs share (models/vae.h's Gaussian latent, models/categorical_vae.h's relaxed one-hot
// codes): g = tanh(z W_d + b_d), logits = g W_o + b_o, p(x | z) = Bernoulli(σ(logits)), its loss the
// binary cross-entropy Σ_i BCE(logits_i, x_i) averaged over the batch.
#include "nn/dense.h"

namespace netlab {

struct BernoulliDecoder {
  BernoulliDecoder(int codes, int hidden, int outputs) : hidden_layer(codes, hidden), output_layer(hidden, outputs) {}

  // The logits for `codes` (rows) into logits(), the hidden layer's g into hidden(); returns
  // Σ BCE(logits, targets) / batch.
  double Loss(const Matrix& codes, const Matrix& targets);
  // The gradient of the last Loss with respect to its codes (the layers' gradients set on the way).
  void Backward(const Matrix& targets, Matrix& grad_codes);
  // σ(logits) for `codes`: the decoder's means, caching nothing.
  Matrix Means(const Matrix& codes);
  // The logits for `codes`, caching nothing.
  Matrix Logits(const Matrix& codes);

  const Matrix& hidden() const { return hidden_; }
  const Matrix& logits() const { return logits_; }

  Dense hidden_layer, output_layer;

 private:
  Matrix hidden_, logits_;
};

}  // namespace netlab
