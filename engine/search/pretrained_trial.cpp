#include "search/pretrained_trial.h"

#include <algorithm>
#include <cmath>

#include "train/classifier_training.h"
#include "search/classify_trial.h"
#include "links/config_text.h"

namespace netlab {
namespace {

// Why a pretrained task's config cannot be searched on `split`: empty when it can.
std::string CheckPretrained(const Config& config, const TaskData& split) {
  if (const std::string refusal = HoldOutRefusal(split); !refusal.empty()) return refusal;
  return ValidateConfig(config);
}

// Step() calls of greedy pretraining (DbnPretrainer::Step): every RBM trains every epoch in
// ⌈rows / batch⌉ minibatches, the last one possibly short.
long PretrainingSteps(const DbnPretrainer& pretrainer, long rows, int batch_size) {
  const long batch = std::max(1, batch_size);
  return long(pretrainer.layers()) * pretrainer.epochs() * std::max(1L, (rows + batch - 1) / batch);
}

}  // namespace

DbnTrial::DbnTrial(const Config& config, std::shared_ptr<const TaskData> split, const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, CheckPretrained(config, *split)), config_(config), split_(std::move(split)) {}

void DbnTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) run_->Step();
}

// The split's test part is the held-out 20%; NaN while pretraining (then it is not asked).
double DbnTrial::ValidationLoss() {
  return run_->fine_tuning() ? ClassifierLoss(run_->classifier(), split_->test) : std::nan("");
}

long DbnTrial::UnscoredSteps() const {
  return PretrainingSteps(run_->pretrainer(), long(split_->train.labels.size()), config_.batch_size);
}

AutoencoderTrial::AutoencoderTrial(const Config& config, std::shared_ptr<const TaskData> split,
                                   const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, CheckPretrained(config, *split)), config_(config), split_(std::move(split)) {}

void AutoencoderTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) run_->Step();
}

long AutoencoderTrial::UnscoredSteps() const {
  const DbnPretrainer* pretrainer = run_->trainer().pretrainer();
  return pretrainer ? PretrainingSteps(*pretrainer, long(split_->train.labels.size()), config_.batch_size) : 0;
}

}  // namespace netlab
