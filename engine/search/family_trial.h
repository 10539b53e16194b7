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

// Empty when the search can train `task`'s family run, else why not.
std::string FamilySearchRefusal(const std::string& task);
// Whether the family run of `task` reads hyperparameter `name` (search/config_search_space.h) from its
// config (workbench/family_run.h says what each run reads):
//   learning rate, batch size  all five (for the DBN and autoencoder the learning rate is CD's step)
//   optimizer       vae, sequence, gan; the DBN fine-tunes with SGD at 0.5 and the autoencoder with
//                   Adam at 0.003 whatever the config says
//   units           the dense layers of vae, gan (the generator's), dbn, autoencoder (the RBMs); the
//                   sequence task's recurrent cell is not a dense layer, which that entry sizes
//   hidden layers   dbn, autoencoder: one RBM per dense layer (the others have exactly one)
bool FamilyRunReads(const std::string& task, const std::string& name);
// Whether the search on `task` trains on the task's data set (classify, vae, dbn, autoencoder), which the
// page may still be loading; the playground, sequence and GAN tasks draw their own.
bool SearchReadsData(const std::string& task);

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

// Trials that train `base` (a vae, sequence, gan, dbn or autoencoder config) with the point's
// hyperparameters on `data` (the sequence and GAN tasks make their own data and ignore it).
TrialFactory FamilyObjective(const Config& base, const SearchSpace& space, const TaskData& data,
                             const EarlyStoppingSettings& settings);

}  // namespace netlab
