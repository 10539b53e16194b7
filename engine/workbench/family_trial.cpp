#include "workbench/family_trial.h"

#include <limits>

#include "search/config_search_space.h"
#include "workbench/classify_trial.h"

namespace netlab {
namespace {

// The search's validation waves: a seed of their own (SequenceRun's validation waves use 4242).
constexpr uint64_t kSearchWaveSeed = 9091;
constexpr int kSearchWaves = 64;

}  // namespace

std::string FamilySearchRefusal(const std::string& task) {
  if (task == "gan")
    return "The search needs a validation loss that is lower for a better model, and a GAN has none: its losses "
           "measure the generator against the discriminator trained with it, so trials' losses cannot be compared.";
  if (task != "vae" && task != "sequence") return "The search trains the playground, classification, VAE or sequence tasks.";
  return "";
}

bool FamilyRunReads(const std::string& task, const std::string& name) {
  if (name == "learning_rate" || name == "optimizer" || name == "batch_size") return task == "vae" || task == "sequence";
  return name == "hidden_units" && task == "vae";
}

VaeTrial::VaeTrial(const Config& config, std::shared_ptr<const TaskData> split, const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, split->train.labels.empty() || split->test.labels.empty()
                                      ? "There are too few training rows to hold out a validation part."
                                      : ""),
      config_(config),
      split_(std::move(split)) {}

void VaeTrial::Start() { run_ = std::make_unique<VaeRun>(config_, *split_); }

void VaeTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) run_->Step();
}

SequenceTrial::SequenceTrial(const Config& config, const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, ""), config_(config) {}

void SequenceTrial::Start() {
  run_ = std::make_unique<SequenceRun>(config_);
  Rng wave_rng(kSearchWaveSeed);
  MakeSineBatch(kSearchWaves, config_.family.sequence_length, config_.data.noise, wave_rng, validation_);
}

void SequenceTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) run_->Step();
}

double SequenceTrial::ValidationLoss() {
  if (!run_->error().empty()) return std::numeric_limits<double>::infinity();  // an unknown cell: nothing to score
  return run_->model().Evaluate(validation_);
}

TrialFactory FamilyObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                             const EarlyStoppingSettings& settings) {
  if (base.task == "sequence")
    return [base, space, settings](const SearchPoint& point) {
      return std::make_unique<SequenceTrial>(ApplySearchPoint(base, space, point), settings);
    };
  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  return [base, space, split, settings](const SearchPoint& point) {
    return std::make_unique<VaeTrial>(ApplySearchPoint(base, space, point), split, settings);
  };
}

}  // namespace netlab
