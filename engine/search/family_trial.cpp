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

bool OneOf(const std::string& task, std::initializer_list<const char*> tasks) {
  for (const char* t : tasks)
    if (task == t) return true;
  return false;
}

}  // namespace

std::string FamilySearchRefusal(const std::string& task) {
  if (!OneOf(task, {"vae", "sequence", "gan", "dbn", "autoencoder"}))
    return "The search trains the playground, classification, VAE, sequence, GAN, DBN or deep autoencoder tasks.";
  return "";
}

bool FamilyRunReads(const std::string& task, const std::string& name) {
  if (name == "learning_rate" || name == "batch_size") return FamilySearchRefusal(task).empty();
  if (name == "optimizer") return OneOf(task, {"vae", "sequence", "gan"});
  if (name == "hidden_units") return OneOf(task, {"vae", "gan", "dbn", "autoencoder"});
  return name == "hidden_layers" && OneOf(task, {"dbn", "autoencoder"});
}

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

bool SearchReadsData(const std::string& task) { return OneOf(task, {"classify", "vae", "dbn", "autoencoder"}); }

TrialFactory FamilyObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                             const EarlyStoppingSettings& settings) {
  if (base.task == "sequence")
    return [base, space, settings](const SearchPoint& point) {
      return std::make_unique<SequenceTrial>(ApplySearchPoint(base, space, point), settings);
    };
  if (base.task == "gan") {
    auto validation = std::make_shared<const GanValidation>(MakeGanValidation());
    return [base, space, validation, settings](const SearchPoint& point) {
      return std::make_unique<GanTrial>(ApplySearchPoint(base, space, point), validation, settings);
    };
  }
  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  return [base, space, split, settings](const SearchPoint& point) -> std::unique_ptr<Trial> {
    const Config config = ApplySearchPoint(base, space, point);
    if (base.task == "dbn") return std::make_unique<DbnTrial>(config, split, settings);
    if (base.task == "autoencoder") return std::make_unique<AutoencoderTrial>(config, split, settings);
    return std::make_unique<VaeTrial>(config, split, settings);
  };
}

}  // namespace netlab
