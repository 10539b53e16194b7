#include "search/family_trial.h"

#include <initializer_list>
#include <limits>

#include "search/config_search_space.h"
#include "search/classify_trial.h"
#include "search/gan_trial.h"
#include "search/pretrained_trial.h"

namespace netlab {
namespace {

// The search's validation waves: a seed of their own (SequenceRun's validation waves use 4242).
constexpr uint64_t kSearchWaveSeed = 9091;
constexpr int kSearchWaves = 64;

}  // namespace

VaeTrial::VaeTrial(const Config& config, std::shared_ptr<const TaskData> split, const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, HoldOutRefusal(*split)),
      config_(config),
      split_(std::move(split)) {}

void VaeTrial::Start() { run_ = std::make_unique<VaeRun>(config_, *split_); }

void VaeTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) run_->Step();
}

SequenceTrial::SequenceTrial(const Config& config, const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, ""), config_(config) {}

void SequenceTrial::Start() {
  run_ = std::make_unique<SequenceRun>(config_, TaskData());
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

TrialFactory VaeObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                          const EarlyStoppingSettings& settings) {
  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  return [base, space, split, settings](const SearchPoint& point) {
    return std::make_unique<VaeTrial>(ApplySearchPoint(base, space, point), split, settings);
  };
}

TrialFactory SequenceObjective(const Config& base, const SearchSpace& space, const TaskData&,
                               const EarlyStoppingSettings& settings) {
  return [base, space, settings](const SearchPoint& point) {
    return std::make_unique<SequenceTrial>(ApplySearchPoint(base, space, point), settings);
  };
}

TrialFactory GanObjective(const Config& base, const SearchSpace& space, const TaskData&,
                          const EarlyStoppingSettings& settings) {
  auto validation = std::make_shared<const GanValidation>(MakeGanValidation());
  return [base, space, validation, settings](const SearchPoint& point) {
    return std::make_unique<GanTrial>(ApplySearchPoint(base, space, point), validation, settings);
  };
}

TrialFactory DbnObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                          const EarlyStoppingSettings& settings) {
  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  return [base, space, split, settings](const SearchPoint& point) {
    return std::make_unique<DbnTrial>(ApplySearchPoint(base, space, point), split, settings);
  };
}

TrialFactory AutoencoderObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                                  const EarlyStoppingSettings& settings) {
  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  return [base, space, split, settings](const SearchPoint& point) {
    return std::make_unique<AutoencoderTrial>(ApplySearchPoint(base, space, point), split, settings);
  };
}

}  // namespace netlab
