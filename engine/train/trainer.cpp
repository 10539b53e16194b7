#include "train/trainer.h"

#include <algorithm>
#include <cmath>

#include "core/clock.h"
#include "optim/schedule.h"
#include "core/shuffle.h"
#include "networks/model_shape.h"
#include "train/tf_playground_run.h"
#include "train/update_step.h"
#include "networks/network_builder.h"

namespace netlab {
Trainer::Trainer(const Config& config) : config_(config), rng_(config.seed) {
  // Data and weights draw from separate streams so that changing the architecture does not change the
  // dataset a student is looking at.
  Rng data_rng(config.seed * 0x9E3779B97F4A7C15ull + 1);
  data_ = GenerateData(config.data, data_rng);
  if (config.tf_playground) {
    // Faithful mode shows TF Playground's own points; the Netlab model below is built on them too, so
    // that its buffers have the right sizes, but it is not trained.
    faithful_ = std::make_unique<tfplayground::Experiment>(*config.tf_playground);
    data_ = TfPlaygroundData(*faithful_);
  }
  // Early stopping holds out the tail of the (already shuffled) training set as a validation set.
  const Eigen::Index held_out = Eigen::Index(std::lround(config.regularization.validation_fraction *
                                                          float(data_.train.size())));
  if (held_out > 0 && held_out < data_.train.size()) {
    const Eigen::Index kept = data_.train.size() - held_out;
    validation_.classes = data_.train.classes;
    validation_.points = data_.train.points.bottomRows(held_out);
    validation_.labels = data_.train.labels.bottomRows(held_out);
    data_.train.points = data_.train.points.topRows(kept).eval();
    data_.train.labels = data_.train.labels.topRows(kept).eval();
  }
  for (const std::string& name : config.features) features_.push_back(FindFeature(name));
  loss_ = FindLoss(config.loss);
  const int classes = data_.train.classes;
  const ModelShape shape = ShapeForConfig(config);  // the same widths a weights file is checked against
  network_ = BuildNetwork(config, shape.inputs, shape.outputs, rng_);
  batch_stream_start_ = rng_.state();
  for (Rng* stream : network_.RandomStreams()) mask_stream_starts_.push_back(stream->state());
  config_.optimizer.seed = config.seed;
  config_.optimizer.training_samples = int(data_.train.size());  // SGLD's N
  optimizer_ = CreateOptimizer(config_.optimizer);
  parameters_ = network_.Parameters();
  for (const ParameterRef& p : parameters_) model_buffers_.push_back(p.value);
  for (Matrix* m : network_.State()) model_buffers_.push_back(m);
  ComputeFeatures(features_, data_.train.points, train_inputs_);
  ComputeFeatures(features_, data_.test.points, test_inputs_);
  train_targets_ = MakeTargets(*loss_, data_.train.labels, classes);
  test_targets_ = MakeTargets(*loss_, data_.test.labels, classes);
  if (validation_.size() > 0) {
    ComputeFeatures(features_, validation_.points, validation_inputs_);
    validation_targets_ = MakeTargets(*loss_, validation_.labels, classes);
    Rng unused(config.seed);  // its initial weights are overwritten before each pass
    validation_network_ = std::make_unique<Network>(BuildNetwork(config, shape.inputs, shape.outputs, unused));
    for (const ParameterRef& p : validation_network_->Parameters()) validation_buffers_.push_back(p.value);
    for (Matrix* m : validation_network_->State()) validation_buffers_.push_back(m);
    validation_network_->SetTraining(false);
  }
  order_.resize(size_t(data_.train.size()));
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = int(i);
  cursor_ = order_.size();  // forces a shuffle before the first batch
}

bool Trainer::DrawBatch() {
  const size_t batch = size_t(std::min<Eigen::Index>(config_.batch_size, data_.train.size()));
  batch_inputs_.resize(Eigen::Index(batch), train_inputs_.cols());
  batch_targets_.resize(Eigen::Index(batch), train_targets_.cols());
  for (size_t i = 0; i < batch; ++i) {
    if (cursor_ >= order_.size()) {
      if (step_ > 0) EndOfEpoch();
      if (!stopped_early().empty()) return false;
      // New epoch: Fisher-Yates reshuffle of the sample order.
      Shuffle(order_, rng_);
      cursor_ = 0;
    }
    int row = order_[cursor_++];
    batch_inputs_.row(Eigen::Index(i)) = train_inputs_.row(row);
    batch_targets_.row(Eigen::Index(i)) = train_targets_.row(row);
  }
  return true;
}

void Trainer::Step() {
  if (!diverged_.empty() || !stopped_early().empty()) return;
  if (faithful_) return FaithfulStep();
  if (!DrawBatch()) return;
  network_.SetTraining(true);
  const Matrix& output = network_.Forward(batch_inputs_);
  loss_->gradient(output, batch_targets_, grad_output_);
  network_.Backward(grad_output_);
  const UpdateResult update = ApplyUpdate(config_, *optimizer_, parameters_, step_, last_layer_gradient_norms_);
  last_gradient_norm_ = update.gradient_norm;
  ++step_;
  ++local_steps_;
  samples_seen_ += int64_t(batch_inputs_.rows());
  if (diverged_.empty()) diverged_ = update.diverged;
}

bool Trainer::CheckParametersFinite() {
  if (diverged_.empty()) diverged_ = NonFiniteParameters(parameters_, step_);
  return diverged_.empty();
}

void Trainer::EndOfEpoch() {
  if (validation_.size() == 0) return;
  for (size_t i = 0; i < model_buffers_.size(); ++i) *validation_buffers_[i] = *model_buffers_[i];  // same shapes
  const double loss = loss_->value(validation_network_->Forward(validation_inputs_), validation_targets_);
  early_stopping_.EndOfEpoch(loss, step_, config_.regularization.patience, model_buffers_);
}

void Trainer::EvaluateSet(const Matrix& inputs, const Matrix& targets, const Dataset& set, double& loss,
                          double& accuracy) {
  network_.SetTraining(false);
  const Matrix& output = network_.Forward(inputs);
  loss = loss_->value(output, targets);
  accuracy = 0.0;
  if (set.classes > 0) {
    loss_->predict(output, scratch_);
    accuracy = ClassificationAccuracy(scratch_, set.labels);
  }
}

const MetricsPoint& Trainer::Evaluate() {
  if (faithful_) {
    // Each faithful step appended its own point already; only a fresh trainer has none yet.
    if (history_.empty() || history_.back().step != step_) {
      AppendToHistory(history_, FaithfulMetrics());
      if (keep_picture_points_) picture_points_.push_back(history_.back());
    }
    return history_.back();
  }
  MetricsPoint point;
  point.step = step_;
  point.epoch = epoch();
  EvaluateSet(train_inputs_, train_targets_, data_.train, point.train_loss, point.train_accuracy);
  EvaluateSet(test_inputs_, test_targets_, data_.test, point.test_loss, point.test_accuracy);
  point.validation_loss = std::nan("");
  if (validation_.size() > 0) {
    double unused_accuracy = 0.0;
    EvaluateSet(validation_inputs_, validation_targets_, validation_, point.validation_loss, unused_accuracy);
  }
  return AppendMetrics(point);
}

const MetricsPoint& Trainer::AppendMetrics(MetricsPoint& point) {
  point.learning_rate = ScheduledLearningRate(config_.schedule, config_.optimizer.learning_rate, point.step);
  point.gradient_norm = last_gradient_norm_;
  point.layer_gradient_norms = last_layer_gradient_norms_;
  if (diverged_.empty() && !(std::isfinite(point.train_loss) && std::isfinite(point.test_loss)))
    diverged_ = "The loss became NaN or infinite at step " + std::to_string(point.step) +
                ". Lower the learning rate and press Reset.";
  AppendToHistory(history_, point);
  if (keep_picture_points_) picture_points_.push_back(history_.back());
  return history_.back();
}

void Trainer::TakePicture(Picture& picture) {
  picture.buffers.resize(model_buffers_.size());
  for (size_t i = 0; i < model_buffers_.size(); ++i) picture.buffers[i] = *model_buffers_[i];
  picture.step = step_;
  picture.local_steps = local_steps_;
  picture.samples_seen = samples_seen_;
  picture.diverged = diverged_;
  for (MetricsPoint& point : picture_points_) picture.new_points.push_back(std::move(point));
  picture_points_.clear();
}

void Trainer::ShowPicture(Picture& picture) {
  for (size_t i = 0; i < model_buffers_.size() && i < picture.buffers.size(); ++i)
    *model_buffers_[i] = picture.buffers[i];  // same shapes: the same config built both
  step_ = picture.step;
  local_steps_ = picture.local_steps;
  samples_seen_ = picture.samples_seen;
  diverged_ = picture.diverged;
  for (const MetricsPoint& point : picture.new_points) AppendToHistory(history_, point);
  picture.new_points.clear();
}

bool Trainer::EvaluateInChunks(double budget_seconds) {
  if (faithful_) {
    Evaluate();
    return true;
  }
  ChunkedEvaluation& c = chunked_;
  if (!c.running) {
    if (!c.network) {
      const ModelShape shape = ShapeForConfig(config_);
      Rng unused(config_.seed);  // its weights are overwritten before each pass
      c.network = std::make_unique<Network>(BuildNetwork(config_, shape.inputs, shape.outputs, unused));
      for (const ParameterRef& p : c.network->Parameters()) c.buffers.push_back(p.value);
      for (Matrix* m : c.network->State()) c.buffers.push_back(m);
      c.network->SetTraining(false);
    }
    for (size_t i = 0; i < model_buffers_.size(); ++i) *c.buffers[i] = *model_buffers_[i];  // same shapes
    c.point = MetricsPoint();
    c.point.step = step_;
    c.point.epoch = epoch();
    c.point.validation_loss = std::nan("");
    c.set = 0, c.row = 0, c.loss_sum = 0.0, c.correct = 0.0;
    c.running = true;
  }
  // A chunk is about 2 million multiply-adds (a millisecond or less): 2 rows of a 12 x 256 network,
  // the cap of 64 rows for the playground's small ones. A row costs about one multiply-add per weight.
  double macs_per_row = 1.0;
  for (const ParameterRef& p : parameters_) macs_per_row += double(p.value->size());
  const Eigen::Index kChunkRows = std::clamp<Eigen::Index>(Eigen::Index(2e6 / macs_per_row), 1, 64);
  const double start = NowSeconds();
  do {
    const Matrix& inputs = c.set == 0 ? train_inputs_ : c.set == 1 ? test_inputs_ : validation_inputs_;
    const Matrix& targets = c.set == 0 ? train_targets_ : c.set == 1 ? test_targets_ : validation_targets_;
    const Dataset& set = c.set == 0 ? data_.train : c.set == 1 ? data_.test : validation_;
    const Eigen::Index rows = std::min(kChunkRows, inputs.rows() - c.row);
    if (rows > 0) {
      const Matrix& output = c.network->Forward(inputs.middleRows(c.row, rows));
      // Every loss is a mean over rows (nn/loss.cpp), so the set's loss is the row-weighted sum / N.
      c.loss_sum += loss_->value(output, targets.middleRows(c.row, rows)) * double(rows);
      if (set.classes > 0) {
        loss_->predict(output, c.prediction);
        c.labels = set.labels.middleRows(c.row, rows);
        c.correct += double(std::lround(ClassificationAccuracy(c.prediction, c.labels) * double(rows)));
      }
      c.row += rows;
    }
    if (c.row >= inputs.rows()) {
      const double n = double(std::max<Eigen::Index>(1, inputs.rows()));
      if (c.set == 0) c.point.train_loss = c.loss_sum / n, c.point.train_accuracy = c.correct / n;
      if (c.set == 1) c.point.test_loss = c.loss_sum / n, c.point.test_accuracy = c.correct / n;
      if (c.set == 2) c.point.validation_loss = c.loss_sum / n;
      ++c.set, c.row = 0, c.loss_sum = 0.0, c.correct = 0.0;
      if (c.set == 2 && validation_.size() == 0) ++c.set;
      if (c.set == 3) {
        c.running = false;
        // A full evaluation since (a Step button) may already stand for a later step.
        if (!history_.empty() && history_.back().step >= c.point.step) return false;
        AppendMetrics(c.point);
        return true;
      }
    }
  } while (NowSeconds() - start < budget_seconds);
  return false;
}

void Trainer::UpdateHyperparameters(const Config& config) {
  CopyLiveSettings(config, config_);
  config_.optimizer.seed = config_.seed;
  config_.optimizer.training_samples = int(data_.train.size());
  if (config_.optimizer.kind != optimizer_->settings().kind)
    optimizer_ = CreateOptimizer(config_.optimizer);  // a new method starts with fresh state
  else
    optimizer_->SetSettings(config_.optimizer);
}

void Trainer::Predict(const Matrix& points, Matrix& prediction) {
  if (faithful_) return FaithfulPredict(points, prediction);
  ComputeFeatures(features_, points, scratch_);
  network_.SetTraining(false);
  loss_->predict(network_.Forward(scratch_), prediction);
  if (prediction.cols() > 1) prediction = prediction.col(1).eval();  // probability of class 1
}

NetworkInTraining NetworkOf(Trainer& trainer) {
  NetworkInTraining n;
  n.network = &trainer.network();
  n.loss = FindLoss(trainer.config().loss);
  n.inputs = &trainer.train_inputs();
  n.targets = &trainer.train_targets();
  n.step = trainer.step();
  for (const MetricsPoint& m : trainer.history()) n.gradient_norms.push_back({m.step, &m.layer_gradient_norms});
  n.copy = [&trainer] { return CopyOfNetwork(trainer.config(), trainer.network()); };
  return n;
}

}  // namespace netlab
