#pragma once
// One row per layer kind (Layer::kind()) that knows how to write that layer as ONNX nodes, so a new
// layer kind adds one row here. Element-wise activations are layers whose kind is the activation's name.
#include <string>
#include <vector>

#include "export/onnx_graph.h"
#include "nn/network.h"

namespace netlab {

struct OnnxLayerWriter {
  const char* name;  // the Layer::kind() it writes
  // Appends the nodes that compute the layer's inference output from the value `input`; returns the
  // output's name (or "" after graph.Fail()).
  std::string (*write)(Layer& layer, OnnxGraph& graph, const std::string& input);
};

const std::vector<OnnxLayerWriter>& OnnxLayerWriters();

// Writes every layer of `network` in order, starting from the value `input`; returns the last output's
// name, or "" with graph.error saying which layer kind has no writer.
std::string WriteNetworkToOnnx(Network& network, OnnxGraph& graph, const std::string& input);

}  // namespace netlab
