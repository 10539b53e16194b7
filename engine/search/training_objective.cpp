#include "search/training_objective.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "search/config_search_space.h"
#include "data/dataset.h"
#include "data/input_features.h"
#include "nn/loss.h"
#include "networks/model_shape.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

namespace netlab {

std::string ValidateEarlyStopping(const EarlyStoppingSettings& s) {
  if (s.max_steps < 1 || s.max_steps > 1000000) return "The steps per trial must be between 1 and 1000000.";
  if (s.steps_per_check < 1 || s.steps_per_check > s.max_steps)
    return "The steps between checks must be between 1 and the steps per trial.";
  if (s.patience < 1) return "The patience must be at least one check.";
  if (!std::isfinite(s.min_improvement) || s.min_improvement < 0.0) return "The minimum improvement must be 0 or more.";
  return "";
}

EarlyStoppedTrial::EarlyStoppedTrial(const EarlyStoppingSettings& settings, std::string invalid)
    : settings_(settings), best_loss_(std::numeric_limits<double>::quiet_NaN()), note_(std::move(invalid)) {
  if (note_.empty()) note_ = ValidateEarlyStopping(settings_);
}

bool EarlyStoppedTrial::Work() {
  if (!note_.empty() && !started_) return true;  // invalid config: failed, with the reason as note
  if (!started_) {
    started_ = true;
    Start();
    unscored_ = std::max(0L, UnscoredSteps());
    if (unscored_ == 0) MeasureStart();
    return false;
  }
  if (StepsTaken() < unscored_) {  // pretraining: no validation loss yet, so no check and no patience
    const long before = StepsTaken();
    TrainSteps(std::min(settings_.steps_per_check, unscored_ - StepsTaken()));
    if (Diverged() || StepsTaken() == before) {
      note_ = std::string(Diverged() ? "diverged" : "stopped training") + " at step " + std::to_string(StepsTaken()) +
              ", before it could be scored";
      return true;
    }
    if (StepsTaken() >= unscored_) MeasureStart();
    return false;
  }
  TrainSteps(std::min(settings_.steps_per_check, unscored_ + settings_.max_steps - StepsTaken()));
  const long step = StepsTaken();
  const double loss = Diverged() ? std::numeric_limits<double>::quiet_NaN() : ValidationLoss();
  if (!std::isfinite(loss)) {
    note_ = "diverged at step " + std::to_string(step) + "; kept the weights of step " + std::to_string(best_step_);
    return true;
  }
  const bool improved = !std::isfinite(best_loss_) || loss < best_loss_ - settings_.min_improvement;
  if (!std::isfinite(best_loss_) || loss < best_loss_) {
    best_loss_ = loss;
    best_step_ = step;
  }
  if (improved) {
    checks_without_improvement_ = 0;
  } else if (++checks_without_improvement_ >= settings_.patience) {
    note_ = Pretrained() + "stopped early at step " + std::to_string(step) + ", best at " + std::to_string(best_step_);
    return true;
  }
  if (step >= unscored_ + settings_.max_steps) {
    note_ = Pretrained() + "ran all steps, best at " + std::to_string(best_step_);
    return true;
  }
  return false;
}

std::string EarlyStoppedTrial::Pretrained() const {
  return unscored_ > 0 ? "scored from step " + std::to_string(unscored_) + "; " : "";
}

void EarlyStoppedTrial::MeasureStart() {
  best_step_ = StepsTaken();
  const double initial = ValidationLoss();
  if (std::isfinite(initial)) best_loss_ = initial;
}

TrainingTrial::TrainingTrial(const Config& config, const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, ValidateConfig(config)), config_(config) {}

void TrainingTrial::Start() {
  trainer_ = std::make_unique<Trainer>(config_);
  const ModelShape shape = ShapeForConfig(config_);
  Rng unused(config_.seed);  // the copy's initial weights are overwritten by each Refresh
  validation_network_ = std::make_unique<InferenceCopy>(
      trainer_->network(), BuildNetwork(config_, shape.inputs, shape.outputs, unused));
  // A stream distinct from the trainer's data stream (seed * golden + 1) and weight stream (seed).
  Rng validation_rng(config_.seed * 0x9E3779B97F4A7C15ull + 2);
  DataSplit fresh = GenerateData(config_.data, validation_rng);
  Matrix points(fresh.train.size() + fresh.test.size(), 2), labels(points.rows(), 1);
  points << fresh.train.points, fresh.test.points;
  labels << fresh.train.labels, fresh.test.labels;
  std::vector<const Feature*> features;
  for (const std::string& name : config_.features) features.push_back(FindFeature(name));
  ComputeFeatures(features, points, validation_inputs_);
  loss_ = FindLoss(config_.loss);
  validation_targets_ = MakeTargets(*loss_, labels, fresh.train.classes);
}

void TrainingTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) trainer_->Step();
}

double TrainingTrial::ValidationLoss() {
  return loss_->value(validation_network_->Refresh().Forward(validation_inputs_), validation_targets_);
}

TrialFactory TrainingObjective(const Config& base, const SearchSpace& space, const EarlyStoppingSettings& settings) {
  return [base, space, settings](const SearchPoint& point) {
    return std::make_unique<TrainingTrial>(ApplySearchPoint(base, space, point), settings);
  };
}

}  // namespace netlab
