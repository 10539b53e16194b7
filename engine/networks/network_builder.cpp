#include "networks/network_builder.h"

#include "networks/model_shape.h"

#include <memory>

#include "conv/channel_batch_norm.h"
#include "conv/conv2d.h"
#include "conv/pooling.h"
#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "nn/dropconnect.h"
#include "nn/dropout.h"
#include "nn/initializer.h"
#include "nn/loss.h"
#include "nn/maxout.h"
#include "nn/normalization.h"
#include "nn/prelu.h"
#include "nn/skip.h"
#include "nn/softmax_layer.h"

namespace netlab {

namespace {

// The activation part of a block: element-wise from the registry, or the layer that implements it.
std::unique_ptr<Layer> MakeActivation(const LayerConfig& layer) {
  const Activation& act = *FindActivation(layer.activation);
  if (act.elementwise) return std::make_unique<ActivationLayer>(act);
  if (layer.activation == "prelu") return std::make_unique<PRelu>(layer.units);
  if (layer.activation == "softmax") return std::make_unique<SoftmaxLayer>();
  return std::make_unique<Maxout>(layer.units, layer.pieces);
}

}  // namespace

std::unique_ptr<Dense> MakeDense(const Config& config, int in, int out, float dropconnect, Rng& rng) {
  std::unique_ptr<Dense> dense;
  if (dropconnect > 0.0f) dense = std::make_unique<DropConnectDense>(in, out, dropconnect, rng.NextBits());
  else dense = std::make_unique<Dense>(in, out);
  FindInitializer(config.initializer)->fill(dense->weights, config.init_scale, rng);
  return dense;
}

void AddDenseBlock(Network& net, const LayerConfig& hidden, int width, const Config& config, Rng& rng) {
  // Dense -> [norm] -> activation -> [dropout]; maxout's dense layer makes k pieces per unit.
  Network block;
  const int dense_units = hidden.activation == "maxout" ? hidden.units * hidden.pieces : hidden.units;
  block.Add(MakeDense(config, width, dense_units, hidden.dropconnect, rng));
  if (hidden.norm == "batch") block.Add(std::make_unique<BatchNorm>(dense_units));
  if (hidden.norm == "layer") block.Add(std::make_unique<LayerNorm>(dense_units));
  block.Add(MakeActivation(hidden));
  if (hidden.dropout > 0.0f) block.Add(std::make_unique<Dropout>(hidden.dropout, rng.NextBits()));
  const size_t start = net.size();
  std::unique_ptr<Dense> projection;
  const bool added = hidden.skip == "residual" || hidden.skip == "highway";  // F(x) + P(x): P must match F's width
  if (added && width != hidden.units) projection = MakeDense(config, width, hidden.units, 0.0f, rng);
  if (hidden.skip == "residual") {
    net.Add(std::make_unique<Residual>(std::move(block), std::move(projection)));
  } else if (hidden.skip == "highway") {
    auto gate = MakeDense(config, width, hidden.units, 0.0f, rng);
    gate->bias.setConstant(-1.0f);
    net.Add(std::make_unique<Highway>(std::move(block), std::move(gate), std::move(projection)));
  } else if (hidden.skip == "dense") {
    net.Add(std::make_unique<DenseConcat>(std::move(block)));
  } else {
    for (size_t i = 0; i < block.size(); ++i) net.Add(block.Release(i));
  }
  net.MarkBlock(start);
}

Network BuildNetwork(const Config& config, int inputs, int outputs, Rng& rng) {
  Network net;
  int width = inputs;
  for (const LayerConfig& hidden : config.hidden) {
    AddDenseBlock(net, hidden, width, config, rng);
    width = hidden.units;
  }
  net.Add(MakeDense(config, width, outputs, 0.0f, rng));
  SkipDataGradient(net);
  const Loss* loss = FindLoss(config.loss);
  if (!loss->takes_logits && config.output_activation != "linear")
    net.Add(std::make_unique<ActivationLayer>(*FindActivation(config.output_activation)));
  return net;
}

namespace {

std::string ShapeText(ImageShape s, bool flat) {
  if (flat) return std::to_string(s.size());
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" + std::to_string(s.width);
}

bool IsRecurrent(const std::string& kind) { return kind == "lstm" || kind == "gru" || kind == "rnn"; }

// Parameters of one dense block reading `width` inputs (nn/network.cpp's AddDenseBlock): W and b, the
// norm's scale and shift, PReLU's slopes, and a residual or highway skip's projection and gate (a dense
// skip concatenates, so it needs neither).
long DenseBlockParameters(const LayerConfig& l, long width) {
  const long units = l.activation == "maxout" ? long(l.units) * l.pieces : l.units;
  long count = width * units + units;
  if (l.norm != "none") count += 2 * units;
  if (l.activation == "prelu") count += l.units;
  const long projection = width * l.units + l.units;
  if ((l.skip == "residual" || l.skip == "highway") && width != l.units) count += projection;
  if (l.skip == "highway") count += projection;
  return count;
}

// The width a dense block hands on: its units, or with a dense skip [x, F(x)], fan_in + units (Huang et al. 2017).
int DenseBlockWidth(const LayerConfig& l, int width) { return l.skip == "dense" ? width + l.units : l.units; }

}  // namespace

std::string DescribeLayer(const LayerConfig& l) {
  const std::string window = std::to_string(l.kernel) + "x" + std::to_string(l.kernel);
  if (l.kind == "conv")
    return "conv " + std::to_string(l.units) + " " + window + " s" + std::to_string(l.stride) + " p" +
           std::to_string(l.padding) + " " + l.activation +
           (l.norm == "batch" ? " bn" : (l.norm == "layer" ? " ln" : "")) + (l.skip == "residual" ? " residual" : "");
  if (l.kind == "maxpool" || l.kind == "avgpool")
    return std::string(l.kind == "maxpool" ? "max pool " : "avg pool ") + window + " s" + std::to_string(l.stride);
  if (l.kind == "flatten") return "flatten";
  if (IsRecurrent(l.kind)) return l.kind + " " + std::to_string(l.units);
  return "dense " + std::to_string(l.units) + " " + l.activation + (l.skip == "dense" ? " concat" : "");
}

StackPlan PlanStack(const Config& config, DataShape input, int classes) {
  StackPlan plan;
  ImageShape shape{input.channels, input.height, input.width};
  bool flat = !input.images();
  for (size_t i = 0; i < config.hidden.size(); ++i) {
    const LayerConfig& l = config.hidden[i];
    const std::string name = "Layer " + std::to_string(i + 1) + " (" + DescribeLayer(l) + "): ";
    auto fail = [&](const std::string& why) {
      plan.failed_layer = int(i);
      plan.error = name + why;
      return plan;
    };
    StackRow row{DescribeLayer(l), "", 0};
    if (IsRecurrent(l.kind)) return fail("a recurrent cell reads sequences; the sequence task trains it.");
    if (l.kind == "conv" || l.kind == "maxpool" || l.kind == "avgpool") {
      if (flat)
        return fail(i == 0 ? "these rows are not images; convolution and pooling need image data."
                           : "the data is a flat vector here (a dense or flatten layer came before).");
      if (l.kind == "conv") {
        const std::string error = Conv2dShapeError(shape, l.units, l.kernel, l.stride, l.padding);
        if (!error.empty()) return fail(error);
        const Activation* act = FindActivation(l.activation);
        if (!act || !act->elementwise)
          return fail("a convolution takes an element-wise activation (not " + l.activation + ").");
        if (l.skip == "highway" || l.skip == "dense") return fail("highway skips wrap dense layers only; dense (concatenating) skips too.");
        if (l.dropconnect > 0.0f) return fail("DropConnect drops dense weights only.");
        row.parameters = long(shape.channels) * l.kernel * l.kernel * l.units + l.units;
        const ImageShape in = shape;
        shape = {l.units, SlidingOutputSize(shape.height, l.kernel, l.stride, l.padding),
                 SlidingOutputSize(shape.width, l.kernel, l.stride, l.padding)};
        // y = F(x) + x adds the input to the maps (He et al. 2016's identity shortcut): the same shape.
        if (l.skip == "residual" && (shape.channels != in.channels || shape.height != in.height || shape.width != in.width))
          return fail("a residual skip adds the input to the output, which needs the same shape in and out (" +
                      ShapeText(in, false) + " in, " + ShapeText(shape, false) + " out): use as many filters as input "
                      "channels, stride 1 and padding (kernel - 1) / 2.");
        // Batch norm: a gain and a shift per channel; layer norm: per value of the feature maps.
        if (l.norm == "batch") row.parameters += 2L * shape.channels;
        if (l.norm == "layer") row.parameters += 2L * shape.size();
      } else {
        const std::string error = PoolShapeError(shape, l.kernel, l.stride);
        if (!error.empty()) return fail(error);
        shape = {shape.channels, SlidingOutputSize(shape.height, l.kernel, l.stride, 0),
                 SlidingOutputSize(shape.width, l.kernel, l.stride, 0)};
      }
    } else if (l.kind == "flatten") {
      flat = true;
    } else {  // dense: reads any shape as one row of channels x height x width values
      row.parameters = DenseBlockParameters(l, shape.size());
      shape = {1, 1, DenseBlockWidth(l, shape.size())};
      flat = true;
    }
    row.output = ShapeText(shape, flat);
    plan.parameters += row.parameters;
    plan.rows.push_back(row);
  }
  StackRow output{"dense " + std::to_string(classes) + " (softmax)", std::to_string(classes),
                  long(shape.size()) * classes + classes};
  plan.parameters += output.parameters;
  plan.rows.push_back(output);
  if (plan.parameters > kMaxParameters) {
    // Named after the hidden layer with the most parameters: the one to shrink.
    size_t largest = 0;
    for (size_t i = 0; i + 1 < plan.rows.size(); ++i)
      if (plan.rows[i].parameters > plan.rows[largest].parameters) largest = i;
    plan.failed_layer = int(largest);
    plan.error = "Layer " + std::to_string(largest + 1) + " (" + plan.rows[largest].layer + ") has " +
                 std::to_string(plan.rows[largest].parameters) + " of the network's " +
                 std::to_string(plan.parameters) + " parameters; at most " + std::to_string(kMaxParameters) +
                 " train in a page. Use fewer units or filters, or pool first.";
  }
  return plan;
}

Network BuildStack(const Config& config, DataShape input, int classes, Rng& rng) {
  Network net;
  ImageShape shape{input.channels, input.height, input.width};
  bool first_trained = true;  // the first layer with weights needs no gradient of its input
  for (const LayerConfig& l : config.hidden) {
    const size_t start = net.size();
    if (l.kind == "conv") {
      // ReLU fused into the convolution (the same function, one pass less) unless a norm comes between
      // them: conv -> norm -> activation, as Ioffe & Szegedy place it (before the nonlinearity).
      const bool relu = l.activation == "relu" && l.norm == "none";
      const bool residual = l.skip == "residual";
      auto conv = std::make_unique<Conv2d>(shape, l.units, l.kernel, l.stride, l.padding, relu);
      FindInitializer(config.initializer)->fill(conv->weights, config.init_scale, rng);
      // A residual block's backward adds F's input gradient to the shortcut's: F must compute it.
      conv->set_input_gradient_needed(!first_trained || residual);
      first_trained = false;
      shape = conv->output_shape();
      // conv -> [norm] -> [activation] -> [dropout] is F; with a residual skip the block is F(x) + x.
      Network block;
      block.Add(std::move(conv));
      if (l.norm == "batch") block.Add(std::make_unique<ChannelBatchNorm>(shape));
      if (l.norm == "layer") block.Add(std::make_unique<LayerNorm>(shape.size()));
      if (!relu && l.activation != "linear") block.Add(std::make_unique<ActivationLayer>(*FindActivation(l.activation)));
      if (l.dropout > 0.0f) block.Add(std::make_unique<Dropout>(l.dropout, rng.NextBits()));
      if (residual) {
        net.Add(std::make_unique<Residual>(std::move(block), nullptr));
      } else {
        for (size_t i = 0; i < block.size(); ++i) net.Add(block.Release(i));
      }
    } else if (l.kind == "maxpool" || l.kind == "avgpool") {
      std::unique_ptr<Pool2d> pool;
      if (l.kind == "maxpool") pool = std::make_unique<MaxPool2d>(shape, l.kernel, l.stride);
      else pool = std::make_unique<AveragePool2d>(shape, l.kernel, l.stride);
      shape = pool->output_shape();
      net.Add(std::move(pool));
    } else if (l.kind == "flatten") {
      net.Add(std::make_unique<Flatten>());
    } else {
      AddDenseBlock(net, l, shape.size(), config, rng);
      first_trained = false;
      shape = {1, 1, DenseBlockWidth(l, shape.size())};
      continue;  // AddDenseBlock marked its block
    }
    net.MarkBlock(start);
  }
  net.Add(MakeDense(config, shape.size(), classes, 0.0f, rng));
  SkipDataGradient(net);
  return net;
}

std::unique_ptr<Network> CopyOfStack(const Config& config, DataShape input, int classes, Network& source) {
  Rng unused(config.seed);  // the initial weights are overwritten
  auto copy = std::make_unique<Network>(BuildStack(config, input, classes, unused));
  CopyWeightsAndState(source, *copy);
  return copy;
}

std::unique_ptr<Network> CopyOfNetwork(const Config& config, Network& source) {
  const ModelShape shape = ShapeForConfig(config);
  Rng rng(config.seed);  // the initial weights are overwritten below
  auto copy = std::make_unique<Network>(BuildNetwork(config, shape.inputs, shape.outputs, rng));
  CopyWeightsAndState(source, *copy);
  return copy;
}

}  // namespace netlab
