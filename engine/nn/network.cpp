#include "nn/network.h"

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

const Matrix& Network::Forward(const Matrix& input) {
  outputs_.resize(layers_.size());
  const Matrix* current = &input;
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->Forward(*current, outputs_[i]);
    current = &outputs_[i];
  }
  return *current;
}

void Network::Backward(const Matrix& grad_output) {
  gradients_.resize(layers_.size());
  for (size_t i = layers_.size(); i-- > 0;)
    layers_[i]->Backward(i + 1 < layers_.size() ? gradients_[i + 1] : grad_output, gradients_[i]);
}

std::vector<ParameterRef> Network::Parameters() {
  std::vector<ParameterRef> parameters;
  for (auto& layer : layers_) layer->CollectParameters(parameters);
  return parameters;
}

std::vector<Matrix*> Network::State() {
  std::vector<Matrix*> state;
  for (auto& layer : layers_) layer->CollectState(state);
  return state;
}

std::vector<Rng*> Network::RandomStreams() {
  std::vector<Rng*> streams;
  for (auto& layer : layers_) layer->CollectRandomStreams(streams);
  return streams;
}

void Network::SetTraining(bool training) {
  for (auto& layer : layers_) layer->SetTraining(training);
}

void Network::HoldMasks(bool hold) {
  for (auto& layer : layers_) layer->HoldMasks(hold);
}

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

void SkipDataGradient(Network& net) {
  if (net.size() == 0) return;
  if (auto* dense = dynamic_cast<Dense*>(&net.layer(0))) dense->set_input_gradient_needed(false);
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

void CopyWeightsAndState(Network& from, Network& to) {
  std::vector<ParameterRef> target = to.Parameters(), source = from.Parameters();
  for (size_t i = 0; i < target.size() && i < source.size(); ++i) *target[i].value = *source[i].value;
  std::vector<Matrix*> state_to = to.State(), state_from = from.State();
  for (size_t i = 0; i < state_to.size() && i < state_from.size(); ++i) *state_to[i] = *state_from[i];
}

}  // namespace netlab
