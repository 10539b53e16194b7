#pragma once
// What the model says about raw points at inference: input features, the network, then the loss's link
// (probabilities of every class, or the regression value). The reference `netlab --predict` prints and
// the exported ONNX model (export/onnx_export.h) reproduces.
#include "config/config.h"
#include "nn/network.h"

namespace netlab {

// points: (n x 2) x1, x2 -> (n x outputs). `config` must have passed ValidateConfig and built `network`.
Matrix ModelOutputs(const Config& config, Network& network, const Matrix& points);

}  // namespace netlab
