#pragma once
// The hyperparameter search's objective on the VAE and sequence tasks, as classify_trial.h is on the
// classification task: a short, early-stopped training (train/training_objective.h) scored on data the
// task's own numbers never use.
//   vae       the VaeRun on 80% of the training set, scored by its -ELBO on the other 20%
//             (HoldOutValidation), noise ε from a fixed stream so scores differ by the weights only
//   sequence  the SequenceRun, scored by its mean squared error on 64 waves of their own seed, a draw
//             that neither the training batches nor the task's validation waves share
// The GAN has no such number: its losses measure the generator against the discriminator trained with
// it, so two trials' losses are not comparable, and a lower one is no better model (Goodfellow et al.
// 2014; Lucic et al. 2018 on comparing GANs). The search refuses it with that reason.
#include <memory>
#include <string>

#include "search/hyperparameter_search.h"
#include "train/training_objective.h"
#include "workbench/family_run.h"
#include "workbench/task_data.h"

namespace netlab {

// Empty when the search can train `task`'s family run, else why not (the GAN's reason above).
std::string FamilySearchRefusal(const std::string& task);
// Whether the family run of `task` reads hyperparameter `name` (search/config_search_space.h) from its
// config: learning rate, optimizer and batch size for both, the dense layer's units for the VAE (the
// sequence task's recurrent cell is not a dense layer, which that entry sizes).
bool FamilyRunReads(const std::string& task, const std::string& name);

class VaeTrial : public EarlyStoppedTrial {
 public:
  // `split` (from HoldOutValidation) is shared by every trial of a search.
  VaeTrial(const Config& config, std::shared_ptr<const TaskData> split, const EarlyStoppingSettings& settings);

 private:
  void Start() override;
  void TrainSteps(long steps) override;
  long StepsTaken() const override { return run_->updates(); }
  bool Diverged() const override { return !run_->diverged().empty() || !run_->error().empty(); }
  double ValidationLoss() override { return run_->TestLoss(); }  // the split's test part: the held-out 20%

  Config config_;
  std::shared_ptr<const TaskData> split_;
  std::unique_ptr<VaeRun> run_;
};

class SequenceTrial : public EarlyStoppedTrial {
 public:
  SequenceTrial(const Config& config, const EarlyStoppingSettings& settings);

 private:
  void Start() override;
  void TrainSteps(long steps) override;
  long StepsTaken() const override { return run_->updates(); }
  bool Diverged() const override { return !run_->diverged().empty() || !run_->error().empty(); }
  double ValidationLoss() override;

  Config config_;
  std::unique_ptr<SequenceRun> run_;
  SineBatch validation_;
};

// Trials that train `base` (a vae or sequence config) with the point's hyperparameters on `data` (the
// VAE's; the sequence task makes its own waves).
TrialFactory FamilyObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                             const EarlyStoppingSettings& settings);

}  // namespace netlab
