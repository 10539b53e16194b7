#pragma once
// A classification stack's backprop gradients against central finite differences on the digits' shape:
// 3 random 8x8 inputs, fixed one-hot targets, softmax cross-entropy, every parameter tensor within 2e-2
// (float forwards with h = 1e-3). Returns how many tensors were checked.
#include <catch2/catch.hpp>

#include <functional>

#include "core/finite_difference.h"
#include "nn/loss.h"
#include "support/test_support.h"
#include "networks/network_builder.h"

namespace netlab {

// Softmax cross-entropy of `net`'s logits for `input` against one-hot `targets`, backpropagated once
// (the analytic gradients are then in the network), and returned as a function of the weights and the
// input for finite differences.
inline std::function<double()> BackpropSoftmaxCe(Network& net, const Matrix& input, const Matrix& targets) {
  const Loss* loss = FindLoss("softmax_ce");
  Matrix grad;
  loss->gradient(net.Forward(input), targets, grad);
  net.Backward(grad);
  return [&net, &input, &targets, loss] { return loss->value(net.Forward(input), targets); };
}

inline size_t CheckStackGradients(const Config& c) {
  Rng rng(11);
  Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
  const Matrix input = RandomMatrix(3, 64, rng);
  Matrix targets = Matrix::Zero(3, 10);
  targets(0, 2) = targets(1, 7) = targets(2, 0) = 1.0f;
  const auto value = BackpropSoftmaxCe(net, input, targets);
  const std::vector<ParameterRef> parameters = net.Parameters();
  for (const ParameterRef& p : parameters) {
    const Matrix analytic = *p.gradient;
    CHECK(GradientRelativeError(*p.value, analytic, value, 1e-3) < 2e-2);
  }
  return parameters.size();
}

}  // namespace netlab
