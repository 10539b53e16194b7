#include "export/onnx_layers.h"

#include "conv/channel_batch_norm.h"
#include "conv/conv2d.h"
#include "conv/pooling.h"
#include "core/registry.h"
#include "nn/dense.h"
#include "nn/maxout.h"
#include "nn/normalization.h"
#include "nn/prelu.h"
#include "nn/skip.h"

namespace netlab {
namespace {

// The epsilon of engine/nn/normalization.cpp (kEpsilon), which the norms add to the variance.
constexpr float kNormEpsilon = 1e-5f;
// Leaky ReLU's slope for x < 0 in engine/nn/activation.cpp (kLeakySlope).
constexpr float kLeakySlope = 0.01f;

// Y = X W + b as Gemm (alpha = beta = 1, no transposes): W is (fan_in x fan_out), b broadcasts per row.
std::string WriteDense(Layer& layer, OnnxGraph& g, const std::string& x) {
  Dense& dense = static_cast<Dense&>(layer);
  return g.Node("Gemm", {x, g.Weights("W", dense.weights), g.Vector("b", dense.bias)});
}

std::string WriteIdentity(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Identity", {x}); }
std::string WriteRelu(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Relu", {x}); }
std::string WriteLeakyRelu(Layer&, OnnxGraph& g, const std::string& x) {
  return g.Node("LeakyRelu", {x}, {FloatAttribute("alpha", kLeakySlope)});
}
std::string WriteSigmoid(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Sigmoid", {x}); }
std::string WriteTanh(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Tanh", {x}); }
std::string WriteSoftplus(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Softplus", {x}); }
std::string WriteAbs(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Abs", {x}); }
// ELU with alpha = 1 (Clevert et al. 2016), as in activation.cpp.
std::string WriteElu(Layer&, OnnxGraph& g, const std::string& x) {
  return g.Node("Elu", {x}, {FloatAttribute("alpha", 1.0f)});
}
// Exact GELU x Phi(x) = 0.5 x (1 + erf(x / sqrt 2)); opset 17 has Erf but no Gelu (added in opset 20).
std::string WriteGelu(Layer&, OnnxGraph& g, const std::string& x) {
  const std::string scaled = g.Node("Mul", {x, g.Scalar("inv_sqrt2", 0.70710678f)});  // activation.cpp's 1/sqrt 2
  const std::string one_plus_erf = g.Node("Add", {g.Node("Erf", {scaled}), g.Scalar("one", 1.0f)});
  return g.Node("Mul", {g.Node("Mul", {x, g.Scalar("half", 0.5f)}), one_plus_erf});
}
// Swish x σ(x), Mish x tanh(softplus(x)) (opset 17 has no Mish, added in 18), sine, and the Gaussian
// e^(−x²), as nn/activation.cpp computes them.
std::string WriteSwish(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Mul", {x, g.Node("Sigmoid", {x})}); }
std::string WriteMish(Layer&, OnnxGraph& g, const std::string& x) {
  return g.Node("Mul", {x, g.Node("Tanh", {g.Node("Softplus", {x})})});
}
std::string WriteSine(Layer&, OnnxGraph& g, const std::string& x) { return g.Node("Sin", {x}); }
std::string WriteGaussian(Layer&, OnnxGraph& g, const std::string& x) {
  return g.Node("Exp", {g.Node("Neg", {g.Node("Mul", {x, x})})});
}
// Softmax over each row (the last axis), as SoftmaxLayer.
std::string WriteSoftmax(Layer&, OnnxGraph& g, const std::string& x) {
  return g.Node("Softmax", {x}, {IntAttribute("axis", -1)});
}
// PRelu's slope (units) broadcasts over the batch rows.
std::string WritePRelu(Layer& layer, OnnxGraph& g, const std::string& x) {
  return g.Node("PRelu", {x, g.Vector("slope", static_cast<PRelu&>(layer).slope)});
}
// Unit j is the max of pieces j*k .. j*k+k-1: reshape (batch, units * k) to (batch, units, k), max over k.
std::string WriteMaxout(Layer& layer, OnnxGraph& g, const std::string& x) {
  const Maxout& maxout = static_cast<Maxout&>(layer);
  const std::string pieces = g.Node("Reshape", {x, g.Int64Vector("shape", {-1, maxout.units(), maxout.pieces()})});
  return g.Node("ReduceMax", {pieces}, {IntsAttribute("axes", {2}), IntAttribute("keepdims", 0)});
}
// Inference mode: the running mean and variance (training_mode defaults to 0).
std::string WriteBatchNorm(Layer& layer, OnnxGraph& g, const std::string& x) {
  BatchNorm& norm = static_cast<BatchNorm&>(layer);
  return g.Node("BatchNormalization",
                {x, g.Vector("gamma", norm.gamma), g.Vector("beta", norm.beta), g.Vector("mean", norm.running_mean),
                 g.Vector("var", norm.running_variance)},
                {FloatAttribute("epsilon", kNormEpsilon)});
}
// LayerNormalization is in the default domain from opset 17 on: each row over its features.
std::string WriteLayerNorm(Layer& layer, OnnxGraph& g, const std::string& x) {
  LayerNorm& norm = static_cast<LayerNorm&>(layer);
  return g.Node("LayerNormalization", {x, g.Vector("gamma", norm.gamma), g.Vector("beta", norm.beta)},
                {IntAttribute("axis", -1), FloatAttribute("epsilon", kNormEpsilon)});
}
// y = F(x) + P(x), P the identity or a projection (skip.h).
std::string WriteResidual(Layer& layer, OnnxGraph& g, const std::string& x) {
  Residual& residual = static_cast<Residual&>(layer);
  const std::string f = WriteNetworkToOnnx(residual.block(), g, x);
  if (f.empty()) return "";
  const std::string p = residual.projection() ? WriteDense(*residual.projection(), g, x) : x;
  return g.Node("Add", {f, p});
}
// y = T ⊙ F(x) + (1 - T) ⊙ P(x), T = sigmoid(x W_T + b_T) (skip.h).
std::string WriteHighway(Layer& layer, OnnxGraph& g, const std::string& x) {
  Highway& highway = static_cast<Highway&>(layer);
  const std::string f = WriteNetworkToOnnx(highway.block(), g, x);
  if (f.empty()) return "";
  const std::string p = highway.projection() ? WriteDense(*highway.projection(), g, x) : x;
  const std::string t = g.Node("Sigmoid", {WriteDense(highway.gate(), g, x)});
  const std::string carry = g.Node("Sub", {g.Scalar("one", 1.0f), t});
  return g.Node("Add", {g.Node("Mul", {t, f}), g.Node("Mul", {carry, p})});
}
// y = [x, F(x)] along the features (skip.h's DenseConcat; Huang et al. 2017).
std::string WriteDenseConcat(Layer& layer, OnnxGraph& g, const std::string& x) {
  const std::string f = WriteNetworkToOnnx(static_cast<DenseConcat&>(layer).block(), g, x);
  if (f.empty()) return "";
  return g.Node("Concat", {x, f}, {IntAttribute("axis", 1)});
}

// Rows are images flattened channel-major (conv/image_shape.h), so an image layer reshapes its row to
// (batch, C, H, W), applies the ONNX operator, and flattens the result back to (batch, C·H·W).
std::string AsImage(OnnxGraph& g, const std::string& x, ImageShape shape) {
  return g.Node("Reshape", {x, g.Int64Vector("image_shape", {-1, shape.channels, shape.height, shape.width})});
}
std::string AsRows(OnnxGraph& g, const std::string& x, ImageShape shape) {
  return g.Node("Reshape", {x, g.Int64Vector("row_shape", {-1, shape.size()})});
}
// Conv's weight is (out, C, k, k); Netlab's W is (C k k) x out with row c k k + u k + v, so Wᵀ (row-major)
// is that tensor's memory as it is. Cross-correlation in both, as conv2d.h says.
std::string WriteConv2d(Layer& layer, OnnxGraph& g, const std::string& x) {
  Conv2d& conv = static_cast<Conv2d&>(layer);
  const ImageShape in = conv.input_shape();
  const int k = conv.kernel(), p = conv.padding(), s = conv.stride();
  const Matrix kernel = conv.weights.transpose();
  const std::string w = g.Tensor("W", kernel, {conv.output_shape().channels, in.channels, k, k});
  std::string y = g.Node("Conv", {AsImage(g, x, in), w, g.Vector("b", conv.bias)},
                         {IntsAttribute("kernel_shape", {k, k}), IntsAttribute("strides", {s, s}),
                          IntsAttribute("pads", {p, p, p, p})});
  if (conv.relu()) y = g.Node("Relu", {y});  // the ReLU the layer fuses into its convolution
  return AsRows(g, y, conv.output_shape());
}
// BatchNormalization normalises an N x C x H x W tensor per channel: the same statistics as ours.
std::string WriteChannelBatchNorm(Layer& layer, OnnxGraph& g, const std::string& x) {
  ChannelBatchNorm& norm = static_cast<ChannelBatchNorm&>(layer);
  const std::string y = g.Node("BatchNormalization",
                               {AsImage(g, x, norm.shape()), g.Vector("gamma", norm.gamma), g.Vector("beta", norm.beta),
                                g.Vector("mean", norm.running_mean), g.Vector("var", norm.running_variance)},
                               {FloatAttribute("epsilon", kNormEpsilon)});
  return AsRows(g, y, norm.shape());
}
// No padding, border windows that do not fit dropped: ONNX's default floor rounding.
template <class Pool>
std::string WritePool(Layer& layer, OnnxGraph& g, const std::string& x, const char* op) {
  Pool& pool = static_cast<Pool&>(layer);
  const int k = pool.kernel(), s = pool.stride();
  const std::string y = g.Node(op, {AsImage(g, x, pool.input_shape())},
                               {IntsAttribute("kernel_shape", {k, k}), IntsAttribute("strides", {s, s})});
  return AsRows(g, y, pool.output_shape());
}
std::string WriteMaxPool(Layer& layer, OnnxGraph& g, const std::string& x) {
  return WritePool<MaxPool2d>(layer, g, x, "MaxPool");
}
std::string WriteAveragePool(Layer& layer, OnnxGraph& g, const std::string& x) {
  return WritePool<AveragePool2d>(layer, g, x, "AveragePool");
}

}  // namespace

const std::vector<OnnxLayerWriter>& OnnxLayerWriters() {
  static const std::vector<OnnxLayerWriter> table = {
      {"dense", WriteDense},
      {"dropconnect_dense", WriteDense},  // inference uses the full weights
      {"dropout", WriteIdentity},         // inverted dropout is the identity at inference
      {"linear", WriteIdentity},
      {"relu", WriteRelu},
      {"leaky_relu", WriteLeakyRelu},
      {"sigmoid", WriteSigmoid},
      {"tanh", WriteTanh},
      {"softplus", WriteSoftplus},
      {"abs", WriteAbs},
      {"elu", WriteElu},
      {"gelu", WriteGelu},
      {"swish", WriteSwish},
      {"mish", WriteMish},
      {"sine", WriteSine},
      {"gaussian", WriteGaussian},
      {"softmax", WriteSoftmax},
      {"prelu", WritePRelu},
      {"maxout", WriteMaxout},
      {"batch_norm", WriteBatchNorm},
      {"layer_norm", WriteLayerNorm},
      {"residual", WriteResidual},
      {"highway", WriteHighway},
      {"dense_concat", WriteDenseConcat},
      {"conv2d", WriteConv2d},
      {"channel_batch_norm", WriteChannelBatchNorm},
      {"max_pool", WriteMaxPool},
      {"average_pool", WriteAveragePool},
      {"flatten", WriteIdentity},  // rows are already flattened images
  };
  return table;
}

std::string WriteNetworkToOnnx(Network& network, OnnxGraph& graph, const std::string& input) {
  std::string value = input;
  for (size_t i = 0; i < network.size() && !value.empty(); ++i) {
    Layer& layer = network.layer(i);
    const OnnxLayerWriter* writer = FindByName(OnnxLayerWriters(), layer.kind());
    if (!writer) {
      graph.Fail(std::string("ONNX export does not know the layer kind '") + layer.kind() + "' yet");
      return "";
    }
    value = writer->write(layer, graph, value);
  }
  return value;
}

}  // namespace netlab
