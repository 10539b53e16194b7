#pragma once
// What every supervised step does once backprop has filled the gradients, shared by the playground's
// Trainer and the workbench's classification run so that the two cannot drift apart:
//   1. L1/L2 penalties on the weights (optim/regularization.h),
//   2. |dL/dW| per weight matrix (the Layers tab's history), then the global norm, clipped,
//   3. the learning rate of the schedule at this step, and the optimizer's update,
//   4. a check that every parameter is still finite.
#include <string>
#include <vector>

#include "config/config.h"
#include "optim/optimizer.h"

namespace netlab {

struct UpdateResult {
  double gradient_norm = 0.0;  // global norm before clipping
  std::string diverged;        // set when a parameter became NaN or infinite: what happened and what to do
};

// `step` is the number of updates before this one (the schedule's t); `layer_gradient_norms` receives
// one norm per weight matrix, input side first (it keeps its capacity, so steady steps do not allocate).
UpdateResult ApplyUpdate(const Config& config, Optimizer& optimizer, const std::vector<ParameterRef>& parameters,
                         long step, std::vector<float>& layer_gradient_norms);

// Empty when every parameter is finite; else the message a diverged run shows (`step`: updates so far).
std::string NonFiniteParameters(const std::vector<ParameterRef>& parameters, long step);

}  // namespace netlab
