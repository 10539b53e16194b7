// The DBN task: greedy layer-wise RBM pretraining (one CD update per step), then the pretrained stack
// with a softmax output layer fine-tuned by backprop as a classifier (Hinton, Osindero & Teh 2006).
#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "core/json_text.h"
#include "data/labeled.h"
#include "train/classifier_training.h"
#include "tasks/dbn/dbn_run.h"

namespace netlab {

namespace {
const double kNaN = std::nan("");
}  // namespace

DbnRun::DbnRun(const Config& config, const TaskData& data)
    : RunBase(config), data_(data), random_rng_(config.seed ^ 0xD8B5A11Dull), autoencoder_error_(kNaN),
      unrolled_error_(kNaN), pca_error_(kNaN) {
  epoch_rows_ = long(data_.train.labels.size());
  if (data.train.labels.empty() || data.test.labels.empty()) {
    error_ = "The data set has no training or test samples.";
    return;
  }
  pretrainer_ = std::make_unique<DbnPretrainer>(data.train.features, DbnPretrainingOf(config), rng_);
  // PCA needs no training: fit it now, with as many components as the DBN's top layer has units.
  pca_ = FitPca(data.train.features, config.hidden.empty() ? 1 : config.hidden.back().units);
  pca_error_ = MeanSquaredReconstructionError(data.test.features, pca_.Reconstruct(pca_.Project(data.test.features)));
}

void DbnRun::StartFineTuning() {
  const Dbn& dbn = pretrainer_->dbn();
  classifier_ = DbnClassifier(dbn, data_.train.classes, rng_);
  std::vector<int> hidden;
  for (const LayerConfig& l : config_.hidden) hidden.push_back(l.units);
  random_ = RandomSigmoidClassifier(data_.inputs(), hidden, data_.train.classes, random_rng_);
  autoencoder_ = UnrollAutoencoder(dbn);
  OptimizerSettings sgd;
  sgd.kind = "sgd";
  sgd.learning_rate = 0.5f;
  optimizer_ = CreateOptimizer(sgd);
  random_optimizer_ = CreateOptimizer(sgd);
  OptimizerSettings adam;
  adam.learning_rate = 0.003f;
  autoencoder_optimizer_ = CreateOptimizer(adam);
  train_targets_ = OneHot(data_.train.labels, data_.train.classes);
  batcher_ = Batcher();  // fine-tuning counts its own epochs, from a fresh order
  Measure();
  unrolled_error_ = autoencoder_error_;
}

double DbnRun::Progress() const {
  if (!error_.empty() || !pretrainer_) return -1.0;
  const DbnPretrainer& p = *pretrainer_;
  const double planned = double(p.layers()) * p.epochs() + kLessonFineTuningEpochs;
  double done = std::min<double>(kLessonFineTuningEpochs, double(fine_tuning_epochs()));
  for (int layer = 0; layer < p.layers(); ++layer) done += p.EpochsDone(layer);
  if (!p.done()) done += p.EpochFraction();
  return planned > 0.0 ? std::min(1.0, done / planned) : 1.0;
}

void DbnRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  ++updates_;
  if (!pretrainer_->done()) {
    pretrainer_->Step(rng_);
    if (pretrainer_->done()) StartFineTuning();
    return;
  }
  const bool epoch_ended = NextBatch(data_.train.features, batch_);
  batch_labels_.resize(batch_rows_.size());
  for (size_t i = 0; i < batch_rows_.size(); ++i) batch_labels_[i] = data_.train.labels[size_t(batch_rows_[i])];
  const double loss = TrainClassifierBatch(classifier_, *optimizer_, batch_, batch_labels_, data_.train.classes);
  TrainClassifierBatch(random_, *random_optimizer_, batch_, batch_labels_, data_.train.classes);
  // The decoder ends in logits; sigmoid cross-entropy against the pixel intensities.
  const Loss& bce = *FindLoss("sigmoid_bce");
  bce.gradient(autoencoder_.Forward(batch_), batch_, gradient_);
  autoencoder_.Backward(gradient_);
  std::vector<ParameterRef> parameters = autoencoder_.Parameters();
  autoencoder_optimizer_->Step(parameters);
  classifier_norms_.Record(updates_, classifier_.Parameters());
  random_norms_.Record(updates_, random_.Parameters());
  autoencoder_norms_.Record(updates_, parameters);
  if (!std::isfinite(loss)) diverged_ = "The fine-tuning loss became NaN or infinite; press Reset.";
  if (epoch_ended) Measure();
}

void DbnRun::Measure() {
  dbn_curve_.push_back(float(ClassifierAccuracy(classifier_, data_.test)));
  random_curve_.push_back(float(ClassifierAccuracy(random_, data_.test)));
  autoencoder_error_ = MeanSquaredReconstructionError(data_.test.features, Reconstruct(data_.test.features));
}

Matrix DbnRun::Reconstruct(const Matrix& inputs) {
  Matrix reconstruction;
  if (!fine_tuning()) return reconstruction;
  FindLoss("sigmoid_bce")->predict(autoencoder_.Forward(inputs), reconstruction);
  return reconstruction;
}

std::vector<NamedNetwork> DbnRun::Networks() {
  std::vector<NamedNetwork> networks;
  if (!error_.empty() || !fine_tuning()) return networks;
  const Dbn& dbn = pretrainer_->dbn();
  const int inputs = data_.inputs(), classes = data_.train.classes;
  std::vector<int> hidden;
  for (const LayerConfig& l : config_.hidden) hidden.push_back(l.units);
  auto add = [&](const char* name, Network& network, const char* loss, const Matrix& targets,
                 const GradientNormHistory& norms, std::function<std::unique_ptr<Network>()> layers) {
    NamedNetwork named{name, {}};
    NetworkInTraining& n = named.network;
    n.network = &network;
    n.loss = FindLoss(loss);
    n.inputs = &data_.train.features;
    n.targets = &targets;
    n.step = updates_;
    // The same layers (built as fine-tuning built them), then these weights.
    n.copy = [&network, layers] {
      std::unique_ptr<Network> copy = layers();
      CopyWeightsAndState(network, *copy);
      return copy;
    };
    norms.AppendTo(n.gradient_norms);
    networks.push_back(std::move(named));
  };
  add("DBN classifier", classifier_, "softmax_ce", train_targets_, classifier_norms_, [&dbn, classes] {
    Rng unused(0);
    return std::make_unique<Network>(DbnClassifier(dbn, classes, unused));
  });
  add("random-start classifier", random_, "softmax_ce", train_targets_, random_norms_, [inputs, hidden, classes] {
    Rng unused(0);
    return std::make_unique<Network>(RandomSigmoidClassifier(inputs, hidden, classes, unused));
  });
  add("autoencoder", autoencoder_, "sigmoid_bce", data_.train.features, autoencoder_norms_,
      [&dbn] { return std::make_unique<Network>(UnrollAutoencoder(dbn)); });
  return networks;
}


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
    line << Prefix() << " phase=fine_tuning fine_tuning_epoch=" << epochs_done() << " test_accuracy=" << JsonNumber(TestAccuracy())
         << " random_start_accuracy=" << JsonNumber(ClassifierAccuracy(random_, data_.test)) << " autoencoder_error="
         << JsonNumber(autoencoder_error_) << " pca_error=" << JsonNumber(pca_error_);
  }
  return line.str();
}

}  // namespace netlab
