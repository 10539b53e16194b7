#pragma once
// A playground run that diverges within 200 steps: wide ReLU layers with weights drawn 10 times too large
// and plain SGD at learning rate 10 on regression, so the loss overflows and the trainer stops with a
// message that names the learning rate.
#include "config/config.h"

namespace netlab {

inline Config DivergingConfig() {
  Config config;
  config.data.kind = "regression_gaussians";
  config.loss = "mse";
  config.hidden = {{32, "relu"}, {32, "relu"}, {32, "relu"}};
  config.initializer = "normal";
  config.init_scale = 10.0f;
  config.optimizer.kind = "sgd";
  config.optimizer.learning_rate = 10.0f;
  return config;
}

}  // namespace netlab
