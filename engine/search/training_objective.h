#pragma once
// The objective of a hyperparameter search: the validation loss of a short, early-stopped training of
// the config. The playground's trial is here; the classification task's is workbench/classify_trial.h.
#include <memory>
#include <string>

#include "config/config.h"
#include "nn/inference_copy.h"
#include "search/hyperparameter_search.h"
#include "train/trainer.h"

namespace netlab {

struct EarlyStoppingSettings {
  long max_steps = 1500;
  long steps_per_check = 50;  // training steps between validation checks; one piece of search work
  int patience = 5;           // checks without improvement before stopping
  double min_improvement = 1e-4;  // smaller gains in validation loss do not count as improvement
};

// Empty when usable, else a sentence saying what is wrong.
std::string ValidateEarlyStopping(const EarlyStoppingSettings& settings);

// One early-stopped training, whatever the model: its value is the lowest validation loss seen, the
// loss of the weights early stopping would keep (Prechelt 1998). The first Work() builds the model and
// measures the untrained loss; each later one trains steps_per_check steps and checks. Subclasses say
// how their model trains and what its validation loss is. A model with no validation loss at first (a
// DBN's greedy RBM pretraining) names its UnscoredSteps: they are trained in pieces of steps_per_check
// without a check, so neither patience nor max_steps cuts them short; max_steps counts the steps after.
class EarlyStoppedTrial : public Trial {
 public:
  bool Work() override;
  double Value() const override { return best_loss_; }
  std::string Note() const override { return note_; }
  long Steps() const override { return started_ ? StepsTaken() : 0; }
  long best_step() const { return best_step_; }

 protected:
  // `invalid` is empty, or why the trial cannot run (it then fails at once with that note).
  EarlyStoppedTrial(const EarlyStoppingSettings& settings, std::string invalid);
  virtual void Start() = 0;
  virtual void TrainSteps(long steps) = 0;
  virtual long StepsTaken() const = 0;
  virtual bool Diverged() const = 0;
  virtual double ValidationLoss() = 0;
  // Steps from the start before ValidationLoss means anything, asked once after Start(); 0 for most.
  virtual long UnscoredSteps() const { return 0; }

 private:
  void MeasureStart();  // the loss where scoring starts: untrained, or just pretrained
  std::string Pretrained() const;  // the note's start when there were unscored steps

  EarlyStoppingSettings settings_;
  double best_loss_;
  long best_step_ = 0;
  long unscored_ = 0;
  int checks_without_improvement_ = 0;
  bool started_ = false;
  std::string note_;
};

// The playground's trial. Validation samples are a fresh draw from the same generator with their own
// seed, so the test set the playground shows plays no part in the choice.
class TrainingTrial : public EarlyStoppedTrial {
 public:
  TrainingTrial(const Config& config, const EarlyStoppingSettings& settings);
  const Config& config() const { return config_; }

 private:
  void Start() override;
  void TrainSteps(long steps) override;
  long StepsTaken() const override { return trainer_->step(); }
  bool Diverged() const override { return !trainer_->diverged().empty(); }
  double ValidationLoss() override;

  Config config_;
  std::unique_ptr<Trainer> trainer_;
  // The validation set is not the batch's size: it runs on a copy, so training steps allocate nothing.
  std::unique_ptr<InferenceCopy> validation_network_;
  const Loss* loss_ = nullptr;
  Matrix validation_inputs_, validation_targets_;
};

// Trials that train `base` with the point's hyperparameters (see ApplySearchPoint).
TrialFactory TrainingObjective(const Config& base, const SearchSpace& space, const EarlyStoppingSettings& settings);

}  // namespace netlab
