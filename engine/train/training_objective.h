#pragma once
// The objective of a hyperparameter search over the playground: the validation loss of a short,
// early-stopped training of the config. Validation samples are a fresh draw from the same data
// generator with their own seed, so the test set the playground shows plays no part in the choice.
#include <string>

#include "config/config.h"
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

// One early-stopped training. Its value is the lowest validation loss seen, the loss of the weights
// early stopping would keep (Prechelt 1998).
class TrainingTrial : public Trial {
 public:
  TrainingTrial(const Config& config, const EarlyStoppingSettings& settings);
  // First call: validation loss of the untrained network; then steps_per_check steps and a check.
  bool Work() override;
  double Value() const override { return best_loss_; }
  std::string Note() const override { return note_; }
  long Steps() const override { return trainer_ ? trainer_->step() : 0; }
  long best_step() const { return best_step_; }
  const Config& config() const { return config_; }

 private:
  double ValidationLoss();

  Config config_;
  EarlyStoppingSettings settings_;
  std::unique_ptr<Trainer> trainer_;
  const Loss* loss_ = nullptr;
  Matrix validation_inputs_, validation_targets_;
  double best_loss_;
  long best_step_ = 0;
  int checks_without_improvement_ = 0;
  bool started_ = false;
  std::string note_;
};

// Trials that train `base` with the point's hyperparameters (see ApplySearchPoint).
TrialFactory TrainingObjective(const Config& base, const SearchSpace& space, const EarlyStoppingSettings& settings);

}  // namespace netlab
