#include "network.h"

#include "activation_layer.h"
#include "dense.h"
#include "initializer.h"
#include "loss.h"

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

void Network::SetTraining(bool training) {
  for (auto& layer : layers_) layer->SetTraining(training);
}

Network BuildNetwork(const Config& config, int inputs, int outputs, Rng& rng) {
  const Initializer* init = FindInitializer(config.initializer);
  Network net;
  int width = inputs;
  auto add_dense = [&](int units) {
    auto dense = std::make_unique<Dense>(width, units);
    init->fill(dense->weights, config.init_scale, rng);
    net.Add(std::move(dense));
    width = units;
  };
  for (const LayerConfig& hidden : config.hidden) {
    add_dense(hidden.units);
    net.Add(std::make_unique<ActivationLayer>(*FindActivation(hidden.activation)));
  }
  add_dense(outputs);
  const Loss* loss = FindLoss(config.loss);
  if (!loss->takes_logits && config.output_activation != "linear")
    net.Add(std::make_unique<ActivationLayer>(*FindActivation(config.output_activation)));
  return net;
}

}  // namespace netlab
