#pragma once
// The network's input and output widths for a config, from the config alone (no data is generated), so
// that checking a weights file does not build a trainer: one input per feature, and the loss's output
// units for the data set's classes (the 2-D generators have two classes, or none for regression).
#include "config/config.h"

namespace netlab {

struct ModelShape {
  int inputs = 0;
  int outputs = 0;
};

// `config` must have passed ValidateConfig.
ModelShape ShapeForConfig(const Config& config);

}  // namespace netlab
