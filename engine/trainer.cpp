#include "trainer.h"

#include <cmath>

namespace netlab {
namespace {

double Accuracy(const Matrix& prediction, const Matrix& labels) {
  long correct = 0;
  for (Eigen::Index r = 0; r < prediction.rows(); ++r) {
    int predicted;
    if (prediction.cols() == 1) {
      predicted = prediction(r, 0) > 0.5f ? 1 : 0;
    } else {
      Eigen::Index best;
      prediction.row(r).maxCoeff(&best);
      predicted = int(best);
    }
    correct += predicted == int(labels(r, 0));
  }
  return prediction.rows() ? double(correct) / double(prediction.rows()) : 0.0;
}

}  // namespace

Trainer::Trainer(const Config& config) : config_(config), rng_(config.seed) {
  // Data and weights draw from separate streams so that changing the architecture does not change the
  // dataset a student is looking at.
  Rng data_rng(config.seed * 0x9E3779B97F4A7C15ull + 1);
  data_ = GenerateData(config.data, data_rng);
  for (const std::string& name : config.features) features_.push_back(FindFeature(name));
  loss_ = FindLoss(config.loss);
  const int classes = data_.train.classes;
  network_ = BuildNetwork(config, int(features_.size()), OutputUnits(*loss_, classes), rng_);
  optimizer_ = CreateOptimizer(config.optimizer);
  parameters_ = network_.Parameters();
  ComputeFeatures(features_, data_.train.points, train_inputs_);
  ComputeFeatures(features_, data_.test.points, test_inputs_);
  train_targets_ = MakeTargets(*loss_, data_.train.labels, classes);
  test_targets_ = MakeTargets(*loss_, data_.test.labels, classes);
  order_.resize(size_t(data_.train.size()));
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = int(i);
  cursor_ = order_.size();  // forces a shuffle before the first batch
}

void Trainer::Step() {
  if (!diverged_.empty()) return;
  const size_t batch = size_t(std::min<Eigen::Index>(config_.batch_size, data_.train.size()));
  batch_inputs_.resize(Eigen::Index(batch), train_inputs_.cols());
  batch_targets_.resize(Eigen::Index(batch), train_targets_.cols());
  for (size_t i = 0; i < batch; ++i) {
    if (cursor_ >= order_.size()) {
      // New epoch: Fisher-Yates reshuffle of the sample order.
      for (size_t k = order_.size(); k > 1; --k) std::swap(order_[k - 1], order_[rng_.Below(uint32_t(k))]);
      cursor_ = 0;
    }
    int row = order_[cursor_++];
    batch_inputs_.row(Eigen::Index(i)) = train_inputs_.row(row);
    batch_targets_.row(Eigen::Index(i)) = train_targets_.row(row);
  }
  network_.SetTraining(true);
  const Matrix& output = network_.Forward(batch_inputs_);
  loss_->gradient(output, batch_targets_, grad_output_);
  network_.Backward(grad_output_);
  optimizer_->Step(parameters_);
  ++step_;
  samples_seen_ += long(batch);
  for (const ParameterRef& p : parameters_) {
    if (!p.value->allFinite()) {
      diverged_ = "Training diverged at step " + std::to_string(step_) +
                  ": a weight became NaN or infinite. Lower the learning rate and press Reset.";
      return;
    }
  }
}

void Trainer::EvaluateSet(const Matrix& inputs, const Matrix& targets, const Dataset& set, double& loss,
                          double& accuracy) {
  network_.SetTraining(false);
  const Matrix& output = network_.Forward(inputs);
  loss = loss_->value(output, targets);
  accuracy = 0.0;
  if (set.classes > 0) {
    loss_->predict(output, scratch_);
    accuracy = Accuracy(scratch_, set.labels);
  }
}

const MetricsPoint& Trainer::Evaluate() {
  MetricsPoint point;
  point.step = step_;
  point.epoch = epoch();
  EvaluateSet(train_inputs_, train_targets_, data_.train, point.train_loss, point.train_accuracy);
  EvaluateSet(test_inputs_, test_targets_, data_.test, point.test_loss, point.test_accuracy);
  if (diverged_.empty() && !(std::isfinite(point.train_loss) && std::isfinite(point.test_loss)))
    diverged_ = "The loss became NaN or infinite at step " + std::to_string(step_) +
                ". Lower the learning rate and press Reset.";
  history_.push_back(point);
  return history_.back();
}

void Trainer::UpdateHyperparameters(const Config& config) {
  config_.optimizer = config.optimizer;
  config_.batch_size = config.batch_size;
  if (config.optimizer.kind != optimizer_->settings().kind)
    optimizer_ = CreateOptimizer(config.optimizer);  // a new method starts with fresh state
  else
    optimizer_->SetSettings(config.optimizer);
}

void Trainer::Predict(const Matrix& points, Matrix& prediction) {
  ComputeFeatures(features_, points, scratch_);
  network_.SetTraining(false);
  loss_->predict(network_.Forward(scratch_), prediction);
  if (prediction.cols() > 1) prediction = prediction.col(1).eval();  // probability of class 1
}

}  // namespace netlab
