#pragma once
// The tasks whose model is more than a layer stack, as runs the page and the headless trainer step
// alike: one Step() is one minibatch update; a report is an epoch for the tasks counted in epochs
// (workbench/tasks.h) and a fixed number of updates for the others. Each run owns its random stream
// (the config's seed), so the same config gives the same numbers in the page and headless.
//   rbm       a binary RBM (models/rbm.h): hidden units = the one dense layer's, CD-k or PCD, learning
//             rate and momentum from the optimizer settings, weight decay from L2
//   vae       models/vae.h: hidden units = the dense layer's, latent size and KL weight from the family
//   gan       models/gan.h on a ring of 8 Gaussians: generator hidden = the dense layer's, the
//             discriminator's width and learning rate from the family, noise size = latent
//   sequence  an LSTM, GRU or plain RNN (the one recurrent layer) continuing sine waves
//   dbn       greedy layer-wise RBM pretraining of the dense layers' sizes, then a classifier fine-tuned
//             from the pretrained weights
//   autoencoder  models/deep_autoencoder.h: the dense layers' sizes, then a linear code of `latent`
//             units, pretrained, unrolled and fine-tuned; measured against PCA with the same code size
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "models/dbn.h"
#include "models/deep_autoencoder.h"
#include "models/gan.h"
#include "models/rbm.h"
#include "models/vae.h"
#include "optim/optimizer.h"
#include "recurrent/sequence_task.h"
#include "data/task_data.h"

namespace netlab {

class FamilyRun {
 public:
  virtual ~FamilyRun() = default;
  virtual void Step() = 0;
  virtual long StepsPerReport() const = 0;
  // The numbers now, as `key=value` pairs (measured on the test data or a fixed validation draw).
  virtual std::string ReportLine() = 0;
  const std::string& error() const { return error_; }  // set when the config cannot train on this data
  const std::string& diverged() const { return diverged_; }
  long updates() const { return updates_; }
  const Config& config() const { return config_; }

 protected:
  FamilyRun(const Config& config) : config_(config), rng_(config.seed) {}
  // The next minibatch of `rows` (the training rows, reshuffled each epoch) into `batch`, their indices
  // into batch_rows_; true when it ended an epoch.
  bool NextBatch(const Matrix& rows, Matrix& batch);
  std::vector<int> batch_rows_;
  // Minibatches in one pass over `rows` training rows (at least 1): a report of the epoch-counted tasks.
  long EpochBatches(size_t rows) const;

  Config config_;
  Rng rng_;
  std::string error_, diverged_;
  long updates_ = 0;
  int epochs_done_ = 0;
  std::vector<int> order_;
  size_t cursor_ = 0;
};

// The config's contrastive-divergence settings (RBM, DBN, autoencoder pretraining) into `settings`:
// CD-k and persistence from the family keys, the step and momentum from the optimizer, weight decay from
// L2. Fields the config does not name (such as sample_visible) keep their values.
void ApplyCdSettings(const Config& config, RbmTrainingSettings& settings);
// Greedy pretraining of the dense layers' sizes (DBN, sigmoid belief net lesson): pretrain_epochs per RBM,
// the config's minibatch and CD settings.
DbnPretraining DbnPretrainingOf(const Config& config);

// The run for config.task (rbm, vae, gan, sequence or dbn); null for other tasks.
std::unique_ptr<FamilyRun> MakeFamilyRun(const Config& config, const TaskData& data);

class RbmRun : public FamilyRun {
 public:
  RbmRun(const Config& config, const TaskData& data);
  void Step() override;
  long StepsPerReport() const override;
  std::string ReportLine() override;
  Rbm& rbm() { return rbm_; }
  RbmTrainingSettings& settings() { return settings_; }
  double TestReconstructionError() const { return rbm_.ReconstructionError(data_.test.features); }

 private:
  const TaskData& data_;
  Rbm rbm_;
  RbmTrainingSettings settings_;
  Matrix batch_;
};

class VaeRun : public FamilyRun {
 public:
  VaeRun(const Config& config, const TaskData& data);
  void Step() override;
  long StepsPerReport() const override;
  std::string ReportLine() override;
  Vae& vae() { return vae_; }
  // -ELBO and its two terms on up to 500 test rows, with noise from a fixed stream (comparable over time).
  double TestLoss(double* reconstruction = nullptr, double* kl = nullptr);

 private:
  const TaskData& data_;
  Vae vae_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  Matrix batch_;
};

class GanRun : public FamilyRun {
 public:
  explicit GanRun(const Config& config);
  void Step() override;
  long StepsPerReport() const override { return 500; }
  std::string ReportLine() override;
  Gan& gan() { return *gan_; }
  double discriminator_loss() const { return discriminator_loss_; }
  static constexpr int kModes = 8;
  static constexpr float kRadius = 2.0f, kSpread = 0.05f;  // Metz et al. 2017's ring

 private:
  std::unique_ptr<Gan> gan_;
  double discriminator_loss_ = 0.0;
};

class SequenceRun : public FamilyRun {
 public:
  explicit SequenceRun(const Config& config);
  void Step() override;
  long StepsPerReport() const override { return 200; }
  std::string ReportLine() override;
  SineRegressor& model() { return *model_; }
  double last_loss() const { return last_.loss; }
  double last_gradient_norm() const { return last_.gradient_norm; }
  double first_loss() const { return first_loss_; }
  // Mean squared error on a fixed set of 64 waves (its own seed), without learning.
  double ValidationLoss();

 private:
  std::unique_ptr<SineRegressor> model_;
  std::unique_ptr<Optimizer> optimizer_;
  SineBatch batch_, validation_;
  SineRegressor::Step last_{0.0, 0.0, true};
  double first_loss_ = 0.0;
};

class DbnRun : public FamilyRun {
 public:
  DbnRun(const Config& config, const TaskData& data);
  void Step() override;
  long StepsPerReport() const override;
  std::string ReportLine() override;
  DbnPretrainer& pretrainer() { return *pretrainer_; }
  bool fine_tuning() const { return pretrainer_->done(); }
  Network& classifier() { return classifier_; }
  double TestAccuracy();

 private:
  const TaskData& data_;
  std::unique_ptr<DbnPretrainer> pretrainer_;
  Network classifier_;
  std::unique_ptr<Optimizer> optimizer_;
  Matrix batch_;
  std::vector<int> batch_labels_;
};

class AutoencoderRun : public FamilyRun {
 public:
  AutoencoderRun(const Config& config, const TaskData& data);
  void Step() override;
  long StepsPerReport() const override;
  std::string ReportLine() override;
  DeepAutoencoderTrainer& trainer() { return trainer_; }

 private:
  const TaskData& data_;
  DeepAutoencoderTrainer trainer_;
};

}  // namespace netlab
