#pragma once
// A trained playground network as an ONNX model (docs/onnx.md): input "points" (batch x 2, the raw
// x1, x2 of each point), the input features computed inside the graph, the network's layers at inference
// (onnx_layers.h), then the loss's link (sigmoid, softmax or none), output "prediction" (batch x outputs).
// So ONNX Runtime on a point gives what ModelOutputs (train/model_outputs.h) and `netlab --predict` give.
#include <string>

#include "config/config.h"
#include "nn/network.h"

namespace netlab {

// Serialised ModelProto bytes for `network` built from `config`; false with `error` saying which part
// (a feature, a layer kind, a loss) has no ONNX form.
bool ExportOnnx(const Config& config, Network& network, std::string& bytes, std::string& error);

// Any network (the Models window's CNN too) as it is: input "input" (batch x `inputs`, images flattened
// channel-major), output "output" (the last layer's values, e.g. logits), no features and no link.
bool ExportNetworkOnnx(Network& network, int64_t inputs, const std::string& doc, std::string& bytes,
                       std::string& error);

}  // namespace netlab
