// The DBN task: greedy layer-wise RBM pretraining (one CD update per step), then the pretrained stack
// with a softmax output layer fine-tuned by backprop as a classifier (Hinton, Osindero & Teh 2006).
#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "train/classifier_training.h"
#include "tasks/dbn/dbn_run.h"

namespace netlab {

DbnRun::DbnRun(const Config& config, const TaskData& data) : RunBase(config), data_(data) {
  if (data.train.labels.empty() || data.test.labels.empty()) {
    error_ = "The data set has no training or test samples.";
    return;
  }
  pretrainer_ = std::make_unique<DbnPretrainer>(data.train.features, DbnPretrainingOf(config), rng_);
}

void DbnRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  ++updates_;
  if (!pretrainer_->done()) {
    pretrainer_->Step(rng_);
    if (pretrainer_->done()) {
      classifier_ = DbnClassifier(pretrainer_->dbn(), data_.train.classes, rng_);
      // Fine-tuning: plain gradient descent with step 0.5, what the DBN tab has always used for sigmoid
      // layers started from pretrained weights.
      OptimizerSettings settings;
      settings.kind = "sgd";
      settings.learning_rate = 0.5f;
      optimizer_ = CreateOptimizer(settings);
      batcher_ = Batcher();  // fine-tuning counts its own epochs, from a fresh order
    }
    return;
  }
  NextBatch(data_.train.features, batch_);
  batch_labels_.resize(batch_rows_.size());
  for (size_t i = 0; i < batch_rows_.size(); ++i) batch_labels_[i] = data_.train.labels[size_t(batch_rows_[i])];
  const double loss = TrainClassifierBatch(classifier_, *optimizer_, batch_, batch_labels_, data_.train.classes);
  if (!std::isfinite(loss)) diverged_ = "The fine-tuning loss became NaN or infinite; press Reset.";
}

long DbnRun::StepsPerEpoch() const { return EpochBatches(data_.train.labels.size()); }

double DbnRun::TestAccuracy() { return fine_tuning() ? ClassifierAccuracy(classifier_, data_.test) : std::nan(""); }

std::string DbnRun::ReportLine() {
  std::ostringstream line;
  if (!pretrainer_->done()) {
    const int layer = pretrainer_->layer();
    line << Prefix() << " phase=pretraining layer=" << layer + 1 << " layer_epoch=" << pretrainer_->EpochsDone(layer)
         << " reconstruction_error=" << JsonNumber(layer > 0 && pretrainer_->EpochsDone(layer) == 0
                                                       ? pretrainer_->ReconstructionError(layer - 1)
                                                       : pretrainer_->ReconstructionError(layer));
  } else {
    line << Prefix() << " phase=fine_tuning fine_tuning_epoch=" << epochs_done() << " test_accuracy=" << JsonNumber(TestAccuracy());
  }
  return line.str();
}

}  // namespace netlab
