#include "export/onnx_export.h"

#include "core/registry.h"
#include "export/onnx_graph.h"
#include "export/onnx_layers.h"
#include "nn/dense.h"
#include "config/config_text.h"

namespace netlab {
namespace {

// One row per input feature of data/input_features.cpp, written from the columns x1, x2 (batch x 1).
struct OnnxFeatureWriter {
  const char* name;
  std::string (*write)(OnnxGraph& g, const std::string& x1, const std::string& x2);
};

const std::vector<OnnxFeatureWriter>& OnnxFeatureWriters() {
  static const std::vector<OnnxFeatureWriter> table = {
      {"x1", [](OnnxGraph&, const std::string& x1, const std::string&) { return x1; }},
      {"x2", [](OnnxGraph&, const std::string&, const std::string& x2) { return x2; }},
      {"x1_squared", [](OnnxGraph& g, const std::string& x1, const std::string&) { return g.Node("Mul", {x1, x1}); }},
      {"x2_squared", [](OnnxGraph& g, const std::string&, const std::string& x2) { return g.Node("Mul", {x2, x2}); }},
      {"x1_times_x2", [](OnnxGraph& g, const std::string& x1, const std::string& x2) { return g.Node("Mul", {x1, x2}); }},
      {"sin_x1", [](OnnxGraph& g, const std::string& x1, const std::string&) { return g.Node("Sin", {x1}); }},
      {"sin_x2", [](OnnxGraph& g, const std::string&, const std::string& x2) { return g.Node("Sin", {x2}); }},
  };
  return table;
}

// Column `c` of (batch x 2) points as (batch x 1): Slice with starts/ends/axes as int64 inputs (opset 10+).
std::string PointColumn(OnnxGraph& g, const std::string& points, int64_t c) {
  return g.Node("Slice", {points, g.Int64Vector("start", {c}), g.Int64Vector("end", {c + 1}), g.Int64Vector("axis", {1})});
}

// The link Loss::predict applies to the network's output (nn/loss.cpp): by loss name.
struct OnnxLinkWriter {
  const char* name;
  std::string (*write)(OnnxGraph& g, const std::string& z);
};

const std::vector<OnnxLinkWriter>& OnnxLinkWriters() {
  static const std::vector<OnnxLinkWriter> table = {
      {"mse", [](OnnxGraph&, const std::string& y) { return y; }},
      {"mae", [](OnnxGraph&, const std::string& y) { return y; }},
      {"sigmoid_bce", [](OnnxGraph& g, const std::string& z) { return g.Node("Sigmoid", {z}); }},
      {"softmax_ce", [](OnnxGraph& g, const std::string& z) { return g.Node("Softmax", {z}, {IntAttribute("axis", -1)}); }},
      {"hinge", [](OnnxGraph& g, const std::string& z) { return g.Node("Softmax", {z}, {IntAttribute("axis", -1)}); }},
  };
  return table;
}

// The network's output width: the columns of its last dense layer (an activation after it keeps them).
int64_t OutputColumns(Network& network) {
  for (size_t i = network.size(); i-- > 0;)
    if (Dense* dense = dynamic_cast<Dense*>(&network.layer(i))) return dense->weights.cols();
  return 0;
}

}  // namespace

bool ExportOnnx(const Config& config, Network& network, std::string& bytes, std::string& error) {
  OnnxGraph g;
  const std::string points = "points";
  g.SetInput(points, 2);
  const std::string x1 = PointColumn(g, points, 0), x2 = PointColumn(g, points, 1);
  std::vector<std::string> features;
  for (const std::string& name : config.features) {
    const OnnxFeatureWriter* writer = FindByName(OnnxFeatureWriters(), name);
    if (!writer) {
      error = "ONNX export does not know the input feature '" + name + "'";
      return false;
    }
    features.push_back(writer->write(g, x1, x2));
  }
  const std::string inputs = g.Node("Concat", features, {IntAttribute("axis", 1)});
  const std::string output = WriteNetworkToOnnx(network, g, inputs);
  if (output.empty()) {
    error = g.error;
    return false;
  }
  const OnnxLinkWriter* link = FindByName(OnnxLinkWriters(), config.loss);
  if (!link) {
    error = "ONNX export does not know the output link of the loss '" + config.loss + "'";
    return false;
  }
  g.Node("Identity", {link->write(g, output)}, {}, "prediction");
  g.SetOutput("prediction", OutputColumns(network));
  bytes = g.Serialize("netlab", "Netlab network; input: points (x1, x2) per row; config: " +
                                    ConfigToText(config, '&'));
  return true;
}

bool ExportNetworkOnnx(Network& network, int64_t inputs, const std::string& doc, std::string& bytes,
                       std::string& error) {
  OnnxGraph g;
  g.SetInput("input", inputs);
  const std::string output = WriteNetworkToOnnx(network, g, "input");
  if (output.empty()) {
    error = g.error;
    return false;
  }
  g.Node("Identity", {output}, {}, "output");
  g.SetOutput("output", OutputColumns(network));
  bytes = g.Serialize("netlab", doc);
  return true;
}

}  // namespace netlab
