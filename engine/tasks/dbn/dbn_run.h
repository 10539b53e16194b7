#pragma once
// The DBN task: greedy layer-wise RBM pretraining of the dense layers' sizes (models/dbn.h, one CD update a
// step, `pretrain_epochs` per layer), then fine-tuning by backprop, three networks on the same minibatches
// (Hinton, Osindero & Teh 2006; Hinton & Salakhutdinov 2006):
//   the pretrained stack with a softmax output as a classifier (plain SGD at 0.5, as the lecture does:
//   Adam's per-weight steps would hide much of what a good starting point buys),
//   the same architecture from random weights, its baseline (its own random stream, so the classifier's
//   numbers do not depend on it), and
//   the stack unrolled into a deep autoencoder (sigmoid cross-entropy on the pixels, Adam at 0.003),
//   against PCA with as many components as the top layer has units.
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "boltzmann/dbn.h"
#include "models/pca.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "tasks/cd_settings.h"
#include "tasks/run_base.h"
#include "networks/network_in_training.h"

namespace netlab {

class DbnRun : public RunBase {
 public:
  DbnRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E phase=pretraining layer=.. layer_epoch=.. reconstruction_error=..", then
  // "phase=finetune ..": the pretrained and the random-start classifiers' accuracy, the autoencoder's and PCA's errors.
  std::string ReportLine() override;
  // Once pretraining is over, the three fine-tuned networks, each against its own loss. None before:
  // contrastive divergence follows no loss a gradient check could differentiate.
  std::vector<NamedNetwork> Networks() override;

  DbnPretrainer& pretrainer() { return *pretrainer_; }
  bool fine_tuning() const { return pretrainer_->done(); }
  // Pretraining's epochs (every layer's) and kLessonFineTuningEpochs of fine-tuning: by then the digits
  // example's test accuracy has settled; Continue fine-tunes on.
  static constexpr int kLessonFineTuningEpochs = 10;
  double Progress() const override;
  long fine_tuning_epochs() const { return fine_tuning() ? epochs_done() : 0; }
  Network& classifier() { return classifier_; }
  double TestAccuracy();  // the pretrained classifier's (NaN before fine-tuning)
  // Test accuracy of the two classifiers after each fine-tuning epoch (the first before any).
  const std::vector<float>& dbn_accuracy_curve() const { return dbn_curve_; }
  const std::vector<float>& random_accuracy_curve() const { return random_curve_; }
  // The unrolled autoencoder's reconstructions (sigma of its logits) of `inputs`; its mean squared test
  // error now and when it was unrolled; PCA's, fitted to the training images.
  Matrix Reconstruct(const Matrix& inputs);
  double autoencoder_error() const { return autoencoder_error_; }
  double unrolled_error() const { return unrolled_error_; }
  const Pca& pca() const { return pca_; }
  double pca_error() const { return pca_error_; }
  const TaskData& data() const { return data_; }
  // The run's stream and the random-start classifier's as they stand (at the start: where the export begins).
  uint64_t rng_state() const { return rng_.state(); }
  uint64_t random_rng_state() const { return random_rng_.state(); }
  std::string PytorchRefusal() const override;
  // The run from its beginning (a fresh run of the same config): pretraining's state is not written out.
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;

 private:
  void StartFineTuning();
  // The curves' points and the autoencoder's error (a few milliseconds: once an epoch).
  void Measure();

  const TaskData& data_;
  std::unique_ptr<DbnPretrainer> pretrainer_;
  Network classifier_, random_, autoencoder_;
  std::unique_ptr<Optimizer> optimizer_, random_optimizer_, autoencoder_optimizer_;
  Rng random_rng_;  // the random-start classifier's initial weights
  Matrix batch_, gradient_, train_targets_;
  std::vector<int> batch_labels_;
  std::vector<float> dbn_curve_, random_curve_;
  GradientNormHistory classifier_norms_, random_norms_, autoencoder_norms_;
  Pca pca_;
  double autoencoder_error_, unrolled_error_, pca_error_;
};

}  // namespace netlab
