#pragma once
// The hyperparameter search's objective on the tasks that pretrain RBMs greedily before fine-tuning
// (Hinton, Osindero & Teh 2006; Hinton & Salakhutdinov 2006). Pretraining has no validation loss, so a
// trial runs all of it unscored (its steps count towards neither patience nor the steps per trial,
// train/training_objective.h) and then early-stops the fine-tuning, trained on 80% of the training set
// and scored on the other 20% (HoldOutValidation):
//   dbn          the classifier the DBN initialises, by its mean cross-entropy on the held-out rows
//   autoencoder  the unrolled deep autoencoder, by its squared reconstruction error per held-out row
#include <memory>

#include "search/hyperparameter_search.h"
#include "search/training_objective.h"
#include "tasks/autoencoder/autoencoder_run.h"
#include "tasks/dbn/dbn_run.h"

namespace netlab {

class DbnTrial : public EarlyStoppedTrial {
 public:
  // `split` (from HoldOutValidation) is shared by every trial of a search.
  DbnTrial(const Config& config, std::shared_ptr<const TaskData> split, const EarlyStoppingSettings& settings);

 private:
  void Start() override { run_ = std::make_unique<DbnRun>(config_, *split_); }
  void TrainSteps(long steps) override;
  long StepsTaken() const override { return run_->updates(); }
  bool Diverged() const override { return !run_->diverged().empty() || !run_->error().empty(); }
  double ValidationLoss() override;
  long UnscoredSteps() const override;

  Config config_;
  std::shared_ptr<const TaskData> split_;
  std::unique_ptr<DbnRun> run_;
};

class AutoencoderTrial : public EarlyStoppedTrial {
 public:
  AutoencoderTrial(const Config& config, std::shared_ptr<const TaskData> split, const EarlyStoppingSettings& settings);

 private:
  void Start() override { run_ = std::make_unique<AutoencoderRun>(config_, *split_); }
  void TrainSteps(long steps) override;
  long StepsTaken() const override { return run_->updates(); }
  bool Diverged() const override { return !run_->error().empty(); }
  double ValidationLoss() override { return run_->trainer().TestError(); }
  long UnscoredSteps() const override;

  Config config_;
  std::shared_ptr<const TaskData> split_;
  std::unique_ptr<AutoencoderRun> run_;
};

}  // namespace netlab
