#pragma once
// The "Gradient check" button: backprop against centred finite differences for every parameter of a
// network, on a small batch, in both modes: inference (dropout off, batch norm on running statistics)
// and training (batch norm on the batch's statistics, dropout masks held fixed so that the function
// being differentiated is deterministic). The network's running statistics are left as they were.
#include <string>
#include <vector>

#include "nn/loss.h"
#include "nn/network.h"

namespace netlab {

struct GradientCheckReport {
  std::vector<std::string> names;     // "inference #3 weights 4x2", ..., "training #3 weights 4x2", ...
  std::vector<double> relative_error;  // |a - n| / (|a| + |n|) per parameter tensor
  double worst = 0.0;
};

GradientCheckReport CheckNetworkGradients(Network& network, const Loss& loss, const Matrix& inputs,
                                          const Matrix& targets);

}  // namespace netlab
