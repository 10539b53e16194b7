#pragma once
// The hyperparameter search's objective on the classification task: a short, early-stopped training of
// the config's layer stack (train/training_objective.h), scored by the loss on a validation part held
// out of the training set, so that the test set the task shows plays no part in the choice.
#include <memory>
#include <string>

#include "search/hyperparameter_search.h"
#include "search/training_objective.h"
#include "tasks/classify/classify_run.h"

namespace netlab {

// The training set cut into a training part and a validation part (its last `validation_share`, at
// least one row of each), the validation part standing in for the test set.
TaskData HoldOutValidation(const TaskData& data, double validation_share = 0.2);
// Empty when `split` (from HoldOutValidation) has rows on both sides, else why a search cannot use it.
std::string HoldOutRefusal(const TaskData& split);

class ClassifyTrial : public EarlyStoppedTrial {
 public:
  // `split` (from HoldOutValidation) is shared by every trial of a search.
  ClassifyTrial(const Config& config, std::shared_ptr<const TaskData> split, const EarlyStoppingSettings& settings);

 private:
  void Start() override;
  void TrainSteps(long steps) override;
  long StepsTaken() const override { return run_->step(); }
  bool Diverged() const override { return !run_->diverged().empty(); }
  double ValidationLoss() override;

  Config config_;
  std::shared_ptr<const TaskData> split_;
  std::unique_ptr<ClassifyRun> run_;
};

// Trials that train `base` with the point's hyperparameters (search/config_search_space.h) on `data`.
TrialFactory ClassifyObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                               const EarlyStoppingSettings& settings);

}  // namespace netlab
