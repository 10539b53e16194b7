#include "train/network_in_training.h"

#include "train/network_builder.h"
#include "train/trainer.h"

namespace netlab {

std::vector<float> WeightGradientNorms(const std::vector<ParameterRef>& parameters) {
  std::vector<float> norms;
  for (const ParameterRef& p : parameters)
    if (p.is_weight) norms.push_back(p.gradient->norm());
  return norms;
}

void GradientNormHistory::Record(long update, const std::vector<ParameterRef>& parameters) {
  if (update % kEvery == 0) Record(update, WeightGradientNorms(parameters));
}

void GradientNormHistory::Record(long update, std::vector<float> norms) {
  if (records_.size() == kMax) {
    for (size_t i = 0; i < kMax / 2; ++i) records_[i] = std::move(records_[2 * i + 1]);
    records_.resize(kMax / 2);
  }
  records_.emplace_back(update, std::move(norms));
}

void GradientNormHistory::AppendTo(std::vector<GradientNormsAt>& out) const {
  for (const auto& r : records_) out.push_back({r.first, &r.second});
}

NetworkInTraining NetworkOf(Trainer& trainer) {
  NetworkInTraining n;
  n.network = &trainer.network();
  n.loss = FindLoss(trainer.config().loss);
  n.inputs = &trainer.train_inputs();
  n.targets = &trainer.train_targets();
  n.step = trainer.step();
  for (const MetricsPoint& m : trainer.history()) n.gradient_norms.push_back({m.step, &m.layer_gradient_norms});
  n.copy = [&trainer] { return CopyOfNetwork(trainer.config(), trainer.network()); };
  return n;
}

}  // namespace netlab
