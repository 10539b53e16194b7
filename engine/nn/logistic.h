#pragma once
// The logistic function and its integral, shared by every sigmoid unit, Bernoulli likelihood and gate
// (activations, losses, RBM, VAE, LSTM, GRU, highway): σ(x) = 1 / (1 + e^-x) and
// softplus(x) = log(1 + e^x) = -log σ(-x), whose derivative is σ(x).
#include <algorithm>
#include <cmath>

#include "core/tensor.h"

namespace netlab {

// Two branches so exp never overflows: for x < 0, σ(x) = e^x / (1 + e^x).
template <class T>
inline T Sigmoid(T x) {
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

// softplus(x) = max(x, 0) + log1p(e^-|x|): stable for large |x| of either sign.
template <class T>
inline T Softplus(T x) {
  return std::max(x, T(0)) + std::log1p(std::exp(-std::fabs(x)));
}

// σ applied to every entry of a matrix or a block of one, in place.
template <class Block>
inline void SigmoidInPlace(Block&& m) {
  m = m.unaryExpr([](float x) { return Sigmoid(x); });
}

// Σ softplus(z) - t z over all entries: the Bernoulli negative log-likelihood of targets t under
// σ(z) (-t log σ(z) - (1-t) log(1-σ(z)) = softplus(z) - t z), summed in double.
inline double SumBernoulliNll(const Matrix& logits, const Matrix& targets) {
  double total = 0.0;
  for (Eigen::Index i = 0; i < logits.size(); ++i) {
    const double z = logits.data()[i];
    total += Softplus(z) - double(targets.data()[i]) * z;
  }
  return total;
}

}  // namespace netlab
