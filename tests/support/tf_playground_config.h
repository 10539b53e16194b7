#pragma once
// A playground config in TF Playground's model (links/tf_playground_link.h): squared error on a tanh
// output, weights drawn from U(-0.5, 0.5), plain SGD. The tests add the data, features, layers and rates.
#include "config/config.h"

namespace netlab {

inline Config TfPlaygroundModelConfig() {
  Config c;
  c.loss = "mse";
  c.output_activation = "tanh";
  c.initializer = "uniform";
  c.init_scale = 0.5f;
  c.optimizer.kind = "sgd";
  return c;
}

}  // namespace netlab
