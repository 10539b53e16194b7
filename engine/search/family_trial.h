#pragma once
// The hyperparameter search's objective on the family tasks whose model is a network, as
// classify_trial.h is on the classification task: a short, early-stopped training
// (train/training_objective.h) scored on data the task's own numbers never use.
//   vae       the VaeRun on 80% of the training set, scored by its -ELBO on the other 20%
//             (HoldOutValidation), noise ε from a fixed stream so scores differ by the weights only
//   sequence  the SequenceRun, scored by its mean squared error on 64 waves of their own seed, a draw
//             that neither the training batches nor the task's validation waves share
//   gan       scored by the MMD² between generated and held-out ring points, not by its losses, which
//             measure the generator against the discriminator trained with it and so cannot be compared
//             between trials (workbench/gan_trial.h)
//   dbn, autoencoder  pretrained in full, then early-stopped while fine-tuning on 80% of the training
//             set, scored on the other 20% (workbench/pretrained_trial.h)
#include <memory>
#include <string>

#include "search/hyperparameter_search.h"
#include "search/training_objective.h"
#include "tasks/sequence/sequence_run.h"
#include "tasks/vae/vae_run.h"
#include "data/task_data.h"

namespace netlab {

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

// Each family's trials with the point's hyperparameters (search/objectives.h lists them by task); the
// sequence and GAN tasks make their own data and ignore `data`.
TrialFactory VaeObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                          const EarlyStoppingSettings& settings);
TrialFactory SequenceObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                               const EarlyStoppingSettings& settings);
TrialFactory GanObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                          const EarlyStoppingSettings& settings);
TrialFactory DbnObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                          const EarlyStoppingSettings& settings);
TrialFactory AutoencoderObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                                  const EarlyStoppingSettings& settings);

}  // namespace netlab
