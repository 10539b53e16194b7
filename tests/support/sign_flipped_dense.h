#pragma once
// A dense layer whose backward gets the sign of the weight gradient wrong, for the tests that a gradient
// check must fail: for its weights a = -n, so |a - n| / (|a| + |n|) is exactly 1, the largest it can be.
#include <memory>

#include "nn/dense.h"
#include "nn/network.h"

namespace netlab {

struct SignFlippedDense : Dense {
  using Dense::Dense;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    Dense::Backward(grad_output, grad_input);
    weights_gradient = -weights_gradient;
  }
};

// y = 0.3 x1 - 0.2 x2 + b through a SignFlippedDense.
inline Network SignFlippedNetwork() {
  Network network;
  auto layer = std::make_unique<SignFlippedDense>(2, 1);
  layer->weights << 0.3f, -0.2f;
  network.Add(std::move(layer));
  return network;
}

}  // namespace netlab
