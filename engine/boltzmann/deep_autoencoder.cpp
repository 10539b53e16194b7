#include "boltzmann/deep_autoencoder.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/shuffle.h"
#include "models/pca.h"
#include "nn/initializer.h"
#include "nn/loss.h"

namespace netlab {

DbnPretraining DeepAutoencoderPretraining(const DeepAutoencoderSettings& settings) {
  DbnPretraining pretraining;
  pretraining.hidden_sizes = settings.hidden_sizes;
  pretraining.hidden_sizes.push_back(settings.code_size);
  pretraining.epochs = settings.pretrain_epochs;
  pretraining.batch_size = settings.pretrain_batch;
  pretraining.rbm = settings.rbm;
  pretraining.linear_top = settings.linear_code;
  if (settings.linear_code) pretraining.top_learning_rate = settings.code_learning_rate;
  return pretraining;
}

Network RandomDeepAutoencoder(int inputs, const DeepAutoencoderSettings& settings, Rng& rng) {
  const DbnPretraining shape = DeepAutoencoderPretraining(settings);
  Dbn dbn;
  int width = inputs;
  for (size_t l = 0; l < shape.hidden_sizes.size(); ++l) {
    const bool top = l + 1 == shape.hidden_sizes.size();
    Rbm rbm(width, shape.hidden_sizes[l], top && settings.linear_code);
    FindInitializer("xavier_normal")->fill(rbm.weights, 1.0f, rng);
    dbn.layers.push_back(std::move(rbm));
    width = shape.hidden_sizes[l];
  }
  return UnrollAutoencoder(dbn);
}

void DeepAutoencoderTrainer::Reset(const Matrix& train, const Matrix& test, const DeepAutoencoderSettings& settings,
                                   Rng& rng) {
  settings_ = settings;
  settings_.pretrain_batch = std::max(settings_.pretrain_batch, 1);
  settings_.fine_tune_batch = std::max(settings_.fine_tune_batch, 1);
  train_ = train;
  test_ = test;
  test_errors_.clear();
  unrolled_error_ = std::numeric_limits<double>::quiet_NaN();
  pca_ = FitPca(train_, settings_.code_size);
  pca_error_ = MeanSquaredReconstructionError(test_, pca_.Reconstruct(pca_.Project(test_)));
  autoencoder_ = Network();
  pretrainer_.reset();
  if (settings_.pretrain) {
    pretrainer_ = std::make_unique<DbnPretrainer>(train_, DeepAutoencoderPretraining(settings_), rng);
    phase_ = Phase::pretraining;
    if (pretrainer_->done()) StartFineTuning(rng);
  } else {
    autoencoder_ = RandomDeepAutoencoder(int(train_.cols()), settings_, rng);
    StartFineTuning(rng);
  }
}

void DeepAutoencoderTrainer::StartFineTuning(Rng&) {
  if (pretrainer_) autoencoder_ = UnrollAutoencoder(pretrainer_->dbn());
  unrolled_error_ = TestError();
  optimizer_ = CreateOptimizer(settings_.optimizer);
  order_.resize(size_t(train_.rows()));
  std::iota(order_.begin(), order_.end(), 0);
  next_row_ = 0;
  phase_ = settings_.fine_tune_epochs > 0 && train_.rows() > 0 ? Phase::fine_tuning : Phase::done;
}

bool DeepAutoencoderTrainer::Step(Rng& rng) {
  if (phase_ == Phase::pretraining) {
    const bool epoch_ended = pretrainer_->Step(rng);
    if (pretrainer_->done()) StartFineTuning(rng);
    return epoch_ended;
  }
  if (phase_ != Phase::fine_tuning) return false;
  if (next_row_ == 0) Shuffle(order_, rng);
  const size_t count = std::min(size_t(settings_.fine_tune_batch), order_.size() - next_row_);
  batch_.resize(Eigen::Index(count), train_.cols());
  for (size_t r = 0; r < count; ++r) batch_.row(Eigen::Index(r)) = train_.row(order_[next_row_ + r]);
  // Cross-entropy between the pixels and σ(logits), the paper's fine-tuning objective for [0, 1] data.
  FindLoss("sigmoid_bce")->gradient(autoencoder_.Forward(batch_), batch_, grad_);
  autoencoder_.Backward(grad_);
  optimizer_->Step(autoencoder_.Parameters());
  next_row_ += count;
  if (next_row_ < order_.size()) return false;
  next_row_ = 0;
  test_errors_.push_back(TestError());
  if (int(test_errors_.size()) >= settings_.fine_tune_epochs) phase_ = Phase::done;
  return true;
}

std::unique_ptr<Network> DeepAutoencoderTrainer::CopyOfAutoencoder() {
  if (phase_ == Phase::pretraining) return nullptr;
  // RandomDeepAutoencoder unrolls a stack of the same shapes: the same layers, then these weights.
  Rng unused(0);
  auto copy = std::make_unique<Network>(RandomDeepAutoencoder(int(train_.cols()), settings_, unused));
  CopyWeightsAndState(autoencoder_, *copy);
  return copy;
}

Matrix DeepAutoencoderTrainer::Reconstruct(const Matrix& data) {
  Matrix reconstruction;
  FindLoss("sigmoid_bce")->predict(autoencoder_.Forward(data), reconstruction);
  return reconstruction;
}

double DeepAutoencoderTrainer::TestError() {
  if (autoencoder_.size() == 0) return std::numeric_limits<double>::quiet_NaN();
  return MeanSquaredReconstructionError(test_, Reconstruct(test_));
}

}  // namespace netlab
