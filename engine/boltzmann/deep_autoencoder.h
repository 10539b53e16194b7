#pragma once
// The deep autoencoder of Hinton & Salakhutdinov, "Reducing the dimensionality of data with neural
// networks" (Science 2006), as a recipe a UI can step through frame by frame:
//   1. greedy pretraining of a stack of RBMs, input -> hidden_sizes... -> code (DbnPretrainer), the
//      top one with linear Gaussian hidden units so that the code is not squashed into [0, 1];
//   2. unrolling into an encoder W1..WL and a decoder WLᵀ..W1ᵀ (UnrollAutoencoder);
//   3. fine-tuning the whole autoencoder by backprop on the cross-entropy between the input and its
//      reconstruction σ(logits) (they used conjugate gradients; Adam here).
// Its measure is the one of the paper's Fig. 2: the squared reconstruction error per test image,
// against PCA's best rank-k linear reconstruction with k = the code size.
#include <memory>
#include <vector>

#include "boltzmann/dbn.h"
#include "models/pca.h"
#include "nn/network.h"
#include "optim/optimizer.h"

namespace netlab {

inline RbmTrainingSettings MeanFieldCd() {
  RbmTrainingSettings settings;
  settings.sample_visible = false;
  return settings;
}

struct DeepAutoencoderSettings {
  std::vector<int> hidden_sizes = {128, 64};  // encoder layers between the input and the code
  int code_size = 8;
  bool linear_code = true;  // the code RBM's hidden units are linear (the paper's choice)
  // false: skip pretraining and start from Xavier-normal weights (the baseline pretraining must beat).
  bool pretrain = true;
  int pretrain_epochs = 20;  // per RBM
  int pretrain_batch = 20;
  // CD-k, learning rate, momentum, weight decay of every RBM. Reconstructions are means p(v | h), as in
  // the paper's code: with sampled binary reconstructions the unrolled net starts at about twice the
  // test error on gray-level digits (3.9 against 2.0 per image with a 6-number code).
  RbmTrainingSettings rbm = MeanFieldCd();
  // CD learning rate of a linear code RBM. The paper's 0.001 suits its 50 epochs of 60000 images; the
  // 1438 digits of 20 epochs give 30 times fewer updates, and at 0.001 the code barely moves.
  float code_learning_rate = 0.03f;
  int fine_tune_epochs = 30;
  int fine_tune_batch = 20;
  OptimizerSettings optimizer{"adam", 0.003f};
};

class DeepAutoencoderTrainer {
 public:
  enum class Phase { pretraining, fine_tuning, done };

  // Starts over on `train` (rows in [0, 1]), keeping `test` for the metric; fits PCA with code_size
  // components on `train` once, for comparison.
  void Reset(const Matrix& train, const Matrix& test, const DeepAutoencoderSettings& settings, Rng& rng);
  // One minibatch: a CD update of the RBM being pretrained, or one backprop step of fine-tuning.
  // Returns true when it ended an epoch (of an RBM or of fine-tuning).
  bool Step(Rng& rng);

  Phase phase() const { return phase_; }
  bool done() const { return phase_ == Phase::done; }
  const DeepAutoencoderSettings& settings() const { return settings_; }
  // Pretraining progress (layer, epochs, RBM reconstruction errors); null without pretraining.
  const DbnPretrainer* pretrainer() const { return pretrainer_.get(); }
  int fine_tune_epochs_done() const { return int(test_errors_.size()); }
  // Squared reconstruction error per test image (mean over images of ||x - x̂||²).
  double TestError();                                         // of the autoencoder now; NaN while pretraining
  double UnrolledTestError() const { return unrolled_error_; }  // before fine-tuning; NaN until unrolled
  double PcaTestError() const { return pca_error_; }
  // The PCA baseline fitted by Reset (code_size components of the training rows).
  const Pca& pca() const { return pca_; }
  // TestError after each fine-tuning epoch.
  const std::vector<double>& test_errors() const { return test_errors_; }
  // The autoencoder (empty while pretraining); its output is logits, σ of them the reconstruction.
  Network& autoencoder() { return autoencoder_; }
  // A second network of the autoencoder's layers holding its weights now (for the gradient check,
  // which perturbs weights while training goes on); null while pretraining.
  std::unique_ptr<Network> CopyOfAutoencoder();
  Matrix Reconstruct(const Matrix& data);

 private:
  void StartFineTuning(Rng& rng);

  DeepAutoencoderSettings settings_;
  Matrix train_, test_;
  std::unique_ptr<DbnPretrainer> pretrainer_;
  Network autoencoder_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<int> order_;
  size_t next_row_ = 0;
  Matrix batch_, grad_;
  Phase phase_ = Phase::done;
  double unrolled_error_ = 0.0, pca_error_ = 0.0;
  Pca pca_;
  std::vector<double> test_errors_;
};

// The pretraining settings the recipe hands to DbnPretrainer: hidden_sizes then the code layer.
DbnPretraining DeepAutoencoderPretraining(const DeepAutoencoderSettings& settings);
// The unrolled architecture with Xavier-normal weights (tied, as unrolling makes them) and zero biases.
Network RandomDeepAutoencoder(int inputs, const DeepAutoencoderSettings& settings, Rng& rng);

}  // namespace netlab
