#include "transformer/char_training.h"

#include <algorithm>
#include <stdexcept>

#include "optim/schedule.h"

namespace netlab {

CharTrainer::CharTrainer(CharTransformer& model, std::vector<int> tokens, const CharTrainingSettings& settings,
                         uint64_t seed)
    : model_(model),
      tokens_(std::move(tokens)),
      settings_(settings),
      optimizer_(CreateOptimizer(settings.optimizer)),
      parameters_(model.ParameterRefs()),
      rng_(seed) {
  if (!optimizer_) throw std::invalid_argument("unknown optimizer " + settings.optimizer.kind);
  if (tokens_.size() < size_t(model.shape().context) + 1)
    throw std::invalid_argument("the training text is shorter than the context plus one");
}

double CharTrainer::Step() {
  const int t = model_.shape().context, b = settings_.batch;
  inputs_.assign(size_t(b), std::vector<int>(size_t(t)));
  targets_.assign(size_t(b), std::vector<int>(size_t(t)));
  const uint32_t starts = uint32_t(tokens_.size() - size_t(t));  // windows [s, s + T] inside the stream
  for (int k = 0; k < b; ++k) {
    const size_t s = rng_.Below(starts);
    std::copy(tokens_.begin() + long(s), tokens_.begin() + long(s) + t, inputs_[size_t(k)].begin());
    std::copy(tokens_.begin() + long(s) + 1, tokens_.begin() + long(s) + 1 + t, targets_[size_t(k)].begin());
  }
  const double loss = model_.Loss(inputs_, targets_, true, true);
  OptimizerSettings now = settings_.optimizer;
  now.learning_rate = learning_rate_ = ScheduledLearningRate(settings_.schedule, settings_.optimizer.learning_rate, steps_);
  optimizer_->SetSettings(now);
  optimizer_->Step(parameters_);
  ++steps_;
  return loss;
}

double HeldOutLoss(CharTransformer& model, const std::vector<int>& tokens) {
  const size_t t = size_t(model.shape().context);
  if (tokens.size() < 2) return 0.0;
  const size_t targets = tokens.size() - 1, full = targets / t;
  double total = 0.0;
  // Full windows 32 at a time (one product each), then the shorter last one.
  std::vector<std::vector<int>> inputs, outputs;
  for (size_t first = 0; first < full; first += 32) {
    inputs.clear();
    outputs.clear();
    for (size_t w = first; w < std::min(full, first + 32); ++w) {
      inputs.emplace_back(tokens.begin() + long(w * t), tokens.begin() + long(w * t + t));
      outputs.emplace_back(tokens.begin() + long(w * t + 1), tokens.begin() + long(w * t + t + 1));
    }
    total += model.Loss(inputs, outputs, false, false) * double(inputs.size() * t);
  }
  if (targets > full * t) {
    const long s = long(full * t);
    inputs = {std::vector<int>(tokens.begin() + s, tokens.end() - 1)};
    outputs = {std::vector<int>(tokens.begin() + s + 1, tokens.end())};
    total += model.Loss(inputs, outputs, false, false) * double(targets - full * t);
  }
  return total / double(targets);
}

}  // namespace netlab
