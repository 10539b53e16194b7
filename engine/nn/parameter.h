#pragma once
// A trained tensor and its gradient, as layers hand them to optimizers.
#include "core/tensor.h"

namespace netlab {

struct ParameterRef {
  Matrix* value;
  Matrix* gradient;
  // Weights get weight decay and L1/L2 penalties; biases, norm gains and PReLU slopes do not.
  bool is_weight = true;
};

}  // namespace netlab
