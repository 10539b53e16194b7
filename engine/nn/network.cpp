#include "nn/network.h"

#include "nn/dense.h"

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

void SkipDataGradient(Network& net) {
  if (net.size() == 0) return;
  if (auto* dense = dynamic_cast<Dense*>(&net.layer(0))) dense->set_input_gradient_needed(false);
}

void CopyWeightsAndState(Network& from, Network& to) {
  std::vector<ParameterRef> target = to.Parameters(), source = from.Parameters();
  for (size_t i = 0; i < target.size() && i < source.size(); ++i) *target[i].value = *source[i].value;
  std::vector<Matrix*> state_to = to.State(), state_from = from.State();
  for (size_t i = 0; i < state_to.size() && i < state_from.size(); ++i) *state_to[i] = *state_from[i];
}

bool Network::Smooth() const {
  for (const std::unique_ptr<Layer>& layer : layers_)
    if (layer && !layer->smooth()) return false;
  return true;
}

}  // namespace netlab
