#include "search/classify_trial.h"

#include <algorithm>
#include <cmath>

#include "search/config_search_space.h"
#include "networks/network_builder.h"

namespace netlab {
namespace {

// Validation loss on at most this many held-out rows: one check then costs about as much as a few
// training batches, whatever the data set's size.
constexpr int kValidationRows = 1000;

LabeledData Rows(const LabeledData& from, int first, int count) {
  LabeledData part;
  part.classes = from.classes;
  part.image_width = from.image_width;
  part.image_height = from.image_height;
  part.class_names = from.class_names;
  part.features = from.features.middleRows(first, count);
  part.labels.assign(from.labels.begin() + first, from.labels.begin() + first + count);
  return part;
}

// Empty when `config` can be trained on `split`, else why not (the layer that does not fit).
std::string CheckStack(const Config& config, const TaskData& split) {
  if (config.task != "classify") return "The classification search needs a classification config.";
  if (const std::string refusal = HoldOutRefusal(split); !refusal.empty()) return refusal;
  const DataShape shape = split.shape();
  return PlanStack(config, shape, shape.classes).error;
}

}  // namespace

std::string HoldOutRefusal(const TaskData& split) {
  if (split.train.labels.empty() || split.test.labels.empty())
    return "There are too few training rows to hold out a validation part.";
  return "";
}

TaskData HoldOutValidation(const TaskData& data, double validation_share) {
  const int rows = int(data.train.labels.size());
  const int held = rows < 2 ? 0 : std::clamp(int(std::lround(validation_share * rows)), 1, rows - 1);
  TaskData split;
  split.name = data.name + " (validation split)";
  split.train = Rows(data.train, 0, rows - held);
  split.test = Rows(data.train, rows - held, held);
  return split;
}

ClassifyTrial::ClassifyTrial(const Config& config, std::shared_ptr<const TaskData> split,
                             const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, CheckStack(config, *split)), config_(config), split_(std::move(split)) {}

void ClassifyTrial::Start() { run_ = std::make_unique<ClassifyRun>(config_, *split_); }

void ClassifyTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) run_->Step();
}

double ClassifyTrial::ValidationLoss() { return run_->TestLoss(kValidationRows); }

TrialFactory ClassifyObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                               const EarlyStoppingSettings& settings) {
  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  return [base, space, split, settings](const SearchPoint& point) {
    return std::make_unique<ClassifyTrial>(ApplySearchPoint(base, space, point), split, settings);
  };
}

}  // namespace netlab
