#pragma once
// The "Gradient check" button: backprop against centred finite differences for every parameter of a
// network, on a small batch, in inference mode (dropout off, batch norm on running statistics) so
// that the function being differentiated is deterministic.
#include <string>
#include <vector>

#include "nn/loss.h"
#include "nn/network.h"

namespace netlab {

struct GradientCheckReport {
  std::vector<std::string> names;     // "layer 3 weights (4x2)" ...
  std::vector<double> relative_error;  // max relative error per parameter tensor
  double worst = 0.0;
};

GradientCheckReport CheckNetworkGradients(Network& network, const Loss& loss, const Matrix& inputs,
                                          const Matrix& targets);

}  // namespace netlab
