#include "networks/checked_loss.h"

#include <cstring>

namespace netlab {

std::string CheckedLoss::ParameterName(size_t i) {
  const ParameterRef p = Parameters()[i];
  return "#" + std::to_string(i + 1) + (p.is_weight ? " weights " : " bias/gain ") + std::to_string(p.value->rows()) +
         "x" + std::to_string(p.value->cols());
}

NetworkLoss::NetworkLoss(Network& network, const Loss& loss, Matrix inputs, Matrix targets, std::unique_ptr<Network> owned)
    : owned_(std::move(owned)), network_(network), loss_(loss), inputs_(std::move(inputs)), targets_(std::move(targets)) {
  // Training-mode forwards update batch norm's running statistics: Restore puts them back.
  for (Matrix* m : network_.State()) saved_state_.push_back(*m);
}

std::vector<std::string> NetworkLoss::Modes() const {
  if (inputs_.rows() >= 2) return {"inference", "training"};  // batch statistics need two samples
  return {"inference"};
}

void NetworkLoss::SetMode(size_t mode) {
  const bool training = mode == 1;
  network_.SetTraining(training);
  network_.HoldMasks(training);
}

double NetworkLoss::Value() { return loss_.value(network_.Forward(inputs_), targets_); }

double NetworkLoss::Backward() {
  const Matrix& output = network_.Forward(inputs_);
  const double value = loss_.value(output, targets_);
  loss_.gradient(output, targets_, grad_);
  network_.Backward(grad_);
  return value;
}

void NetworkLoss::Restore() {
  network_.HoldMasks(false);
  size_t i = 0;
  for (Matrix* m : network_.State()) *m = saved_state_[i++];
  network_.SetTraining(false);
}

void NetworkLoss::LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) {
  NetworkLayerOutputs(network_, titles, outputs);
}

void NetworkLayerOutputs(Network& network, std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) {
  for (size_t i = 0; i < network.size(); ++i) {
    if (std::strcmp(network.layer(i).kind(), "dense") == 0 && i + 1 < network.size()) continue;
    outputs.push_back(&network.LayerOutput(i));
    titles.push_back(std::to_string(i + 1) + ": " + network.layer(i).kind());
  }
}

}  // namespace netlab
