#include "tasks/classify/classify_run.h"

#include <algorithm>
#include <cmath>

#include "core/clock.h"
#include "core/json_text.h"
#include "export/onnx_export.h"
#include "tasks/classify/random_labels.h"
#include "train/update_step.h"
#include "networks/network_builder.h"

namespace netlab {

ClassifyRun::ClassifyRun(const Config& config, const TaskData& data)
    : RunBase(config),
      noisy_(config.lesson.label_noise > 0.0f ? std::make_unique<TaskData>(WithLabelNoise(config, data)) : nullptr),
      data_(noisy_ ? *noisy_ : data),
      loss_(FindLoss(config.loss)) {
  epoch_rows_ = long(data_.train.labels.size());
  const DataShape shape = data.shape();
  if (data.train.labels.empty() || data.test.labels.empty()) {
    error_ = "The data set has no training or no test samples.";
    return;
  }
  const StackPlan plan = PlanStack(config, shape, shape.classes);
  if (!plan.error.empty()) {
    error_ = plan.error;
    return;
  }
  network_ = BuildStack(config, shape, shape.classes, rng_);
  batch_stream_start_ = rng_.state();
  for (Rng* stream : network_.RandomStreams()) mask_stream_starts_.push_back(stream->state());
  parameter_count_ = plan.parameters;
  config_.optimizer.seed = config.seed;
  config_.optimizer.training_samples = int(data.train.labels.size());  // SGLD's N
  optimizer_ = CreateOptimizer(config_.optimizer);
  parameters_ = network_.Parameters();
  SampleBatch(data.images() ? 64 : 256, inspected_inputs_, inspected_targets_);
  confusion_.assign(size_t(shape.classes), std::vector<int>(size_t(shape.classes), 0));
  cell_rows_.assign(size_t(shape.classes), std::vector<std::vector<int>>(size_t(shape.classes)));
}

void ClassifyRun::Step() {
  epoch_ended_ = false;
  if (!error_.empty() || !diverged_.empty()) return;
  const int classes = data_.train.classes;
  const Matrix& features = data_.train.features;
  const bool epoch_ended = batcher_.Next(size_t(features.rows()), config_.batch_size, rng_, batch_rows_);
  const int batch = int(batch_rows_.size());
  batch_inputs_.resize(batch, features.cols());
  batch_targets_.setZero(batch, classes);
  for (int i = 0; i < batch; ++i) {
    batch_inputs_.row(i) = features.row(batch_rows_[size_t(i)]);
    batch_targets_(i, data_.train.labels[size_t(batch_rows_[size_t(i)])]) = 1.0f;
  }
  network_.SetTraining(true);
  const Matrix& output = network_.Forward(batch_inputs_);
  const double loss = loss_->value(output, batch_targets_);
  if (!std::isfinite(loss)) {
    diverged_ = "The loss became NaN or infinite at step " + std::to_string(updates_) +
                ". Lower the learning rate and press Reset.";
    return;
  }
  loss_sum_ += loss;
  ++loss_count_;
  report_loss_sum_ += loss;
  ++report_loss_count_;
  if (first_batch_losses_.size() < 10) first_batch_losses_.push_back(loss);
  loss_->gradient(output, batch_targets_, grad_output_);
  network_.Backward(grad_output_);
  const UpdateResult update = ApplyUpdate(config_, *optimizer_, parameters_, updates_, layer_gradient_norms_);
  ++updates_;
  samples_seen_ += batch;
  diverged_ = update.diverged;
  epoch_ended_ = epoch_ended;
}

const ClassifyPoint& ClassifyRun::Evaluate(int max_rows) {
  ClassifyPoint point;
  point.step = updates_;
  point.epoch = epoch();
  point.layer_gradient_norms = layer_gradient_norms_;
  point.train_loss = loss_count_ > 0 ? loss_sum_ / double(loss_count_) : std::nan("");
  loss_sum_ = 0.0;
  loss_count_ = 0;
  if (!error_.empty()) {
    history_.push_back(point);
    return history_.back();
  }
  const int rows = max_rows < 0 ? int(data_.test.labels.size())
                                : std::min(max_rows, int(data_.test.labels.size()));
  for (auto& row : confusion_) std::fill(row.begin(), row.end(), 0);
  for (auto& row : cell_rows_)
    for (auto& cell : row) cell.clear();
  Network& network = InferenceNetwork();
  double loss_sum = 0.0;
  int correct = 0;
  // In chunks, so that a big test set never needs one huge activation matrix.
  for (int first = 0; first < rows; first += TestChunkRows()) {
    const int count = std::min(TestChunkRows(), rows - first);
    const Matrix& logits = TestChunkLogits(network, first, count);
    for (int i = 0; i < count; ++i) {
      const int truth = data_.test.labels[size_t(first + i)];
      loss_sum += RowLoss(logits, i, truth);
      Eigen::Index predicted = 0;
      logits.row(i).maxCoeff(&predicted);
      correct += int(predicted) == truth;
      ++confusion_[size_t(truth)][size_t(predicted)];
      cell_rows_[size_t(truth)][size_t(predicted)].push_back(first + i);
    }
  }
  point.test_loss = rows > 0 ? loss_sum / rows : 0.0;
  point.test_accuracy = rows > 0 ? double(correct) / rows : 0.0;
  history_.push_back(point);
  return history_.back();
}

bool ClassifyRun::EvaluateInChunks(int max_rows, double budget_seconds) {
  if (!error_.empty()) {
    Evaluate(max_rows);
    return true;
  }
  if (!pass_.running) StartPass(max_rows);
  const double start = NowSeconds();
  double chunk_seconds = 0.0;
  // Another chunk only when it is expected to end within the budget.
  while (true) {
    const double chunk_start = NowSeconds();
    if (PassChunk()) return true;
    chunk_seconds = NowSeconds() - chunk_start;
    if (!pass_.timed) {
      // About 2 ms a chunk from now on, in whole multiples of 8 rows (a conv net's row costs 10-100x a
      // dense one's, so a fixed count would be either far too small or far too large).
      constexpr double kChunkSeconds = 0.002;
      const double per_row = std::max(1e-9, chunk_seconds / double(pass_.chunk_rows));
      pass_.chunk_rows = std::min(TestChunkRows(), std::max(8, int(kChunkSeconds / per_row) / 8 * 8));
      pass_.timed = true;
    }
    if (NowSeconds() - start + chunk_seconds > budget_seconds) return false;
  }
}

void ClassifyRun::StartPass(int max_rows) {
  ChunkedPass& p = pass_;
  p.point = ClassifyPoint();
  p.point.step = updates_;
  p.point.epoch = epoch();
  p.point.layer_gradient_norms = layer_gradient_norms_;
  p.point.train_loss = loss_count_ > 0 ? loss_sum_ / double(loss_count_) : std::nan("");
  loss_sum_ = 0.0;
  loss_count_ = 0;
  p.rows = max_rows < 0 ? int(data_.test.labels.size()) : std::min(max_rows, int(data_.test.labels.size()));
  p.set = 0, p.next = 0, p.loss_sum = 0.0, p.correct = 0;
  if (!p.copy) {
    Rng unused(config_.seed);  // its initial weights are overwritten by each Refresh
    p.copy = std::make_unique<InferenceCopy>(network_, BuildStack(config_, data_.shape(), data_.train.classes, unused));
  }
  p.copy->Refresh();  // the weights of this step, whatever training does meanwhile
  p.confusion.assign(confusion_.size(), std::vector<int>(confusion_.size(), 0));
  p.cell_rows.assign(confusion_.size(), std::vector<std::vector<int>>(confusion_.size()));
  p.running = true;
}

bool ClassifyRun::PassChunk() {
  ChunkedPass& p = pass_;
  const LabeledData& set = p.set == 0 ? data_.test : data_.train;
  const int rows = std::min(p.rows, int(set.labels.size()));
  const int count = std::min(p.chunk_rows, rows - p.next);
  if (count > 0) {
    // Rows do not interact at inference, so a chunk's rows come out as they would in any other chunk.
    p.inputs = set.features.middleRows(p.next, count);
    const Matrix& logits = p.copy->network().Forward(p.inputs);
    for (int i = 0; i < count; ++i) {
      const int row = p.next + i, truth = set.labels[size_t(row)];
      Eigen::Index predicted = 0;
      logits.row(i).maxCoeff(&predicted);
      p.correct += int(predicted) == truth;
      if (p.set == 0) {
        p.loss_sum += RowLoss(logits, i, truth);
        ++p.confusion[size_t(truth)][size_t(predicted)];
        p.cell_rows[size_t(truth)][size_t(predicted)].push_back(row);
      }
    }
    p.next += count;
  }
  if (p.next < rows) return false;
  if (p.set == 0) {
    p.point.test_loss = rows > 0 ? p.loss_sum / rows : 0.0;
    p.point.test_accuracy = rows > 0 ? double(p.correct) / rows : 0.0;
    p.set = 1, p.next = 0, p.correct = 0;
    return false;
  }
  p.train_accuracy = rows > 0 ? double(p.correct) / rows : 0.0;
  confusion_.swap(p.confusion);
  cell_rows_.swap(p.cell_rows);
  history_.push_back(p.point);
  p.running = false;
  return true;
}

double ClassifyRun::TestLoss(int max_rows) {
  if (!error_.empty()) return std::nan("");
  const int rows = std::min(max_rows, int(data_.test.labels.size()));
  Network& network = InferenceNetwork();
  double loss_sum = 0.0;
  for (int first = 0; first < rows; first += TestChunkRows()) {
    const int count = std::min(TestChunkRows(), rows - first);
    const Matrix& logits = TestChunkLogits(network, first, count);
    for (int i = 0; i < count; ++i) loss_sum += RowLoss(logits, i, data_.test.labels[size_t(first + i)]);
  }
  return rows > 0 ? loss_sum / rows : 0.0;
}

int ClassifyRun::TestChunkRows() const { return std::min(256, int(data_.test.labels.size())); }

Network& ClassifyRun::InferenceNetwork() {
  if (!inference_) {
    Rng unused(config_.seed);  // its initial weights are overwritten by each Refresh
    inference_ = std::make_unique<InferenceCopy>(
        network_, BuildStack(config_, data_.shape(), data_.train.classes, unused));
  }
  return inference_->Refresh();
}

const Matrix& ClassifyRun::TestChunkLogits(Network& network, int first, int count) {
  const int chunk = TestChunkRows();
  chunk_inputs_.resize(chunk, data_.test.features.cols());
  chunk_inputs_.topRows(count) = data_.test.features.middleRows(first, count);
  if (count < chunk) chunk_inputs_.bottomRows(chunk - count).setZero();
  return network.Forward(chunk_inputs_);
}

double ClassifyRun::RowLoss(const Matrix& logits, int row, int truth) {
  row_logits_ = logits.row(row);
  row_targets_.setZero(1, logits.cols());
  row_targets_(0, truth) = 1.0f;
  return loss_->value(row_logits_, row_targets_);
}

const std::vector<int>& ClassifyRun::CellRows(int truth, int predicted) const {
  static const std::vector<int> none;
  if (truth < 0 || predicted < 0 || size_t(truth) >= cell_rows_.size() || size_t(predicted) >= cell_rows_.size())
    return none;
  return cell_rows_[size_t(truth)][size_t(predicted)];
}

std::vector<float> ClassifyRun::Probabilities(int test_row) {
  if (!error_.empty() || test_row < 0 || test_row >= int(data_.test.labels.size())) return {};
  network_.SetTraining(false);
  const Matrix& logits = network_.Forward(data_.test.features.row(test_row));
  // softmax with the maximum subtracted first (the same value, no overflow)
  const float top = logits.maxCoeff();
  std::vector<float> p(size_t(logits.cols()));
  float sum = 0.0f;
  for (size_t k = 0; k < p.size(); ++k) sum += p[k] = std::exp(logits(0, Eigen::Index(k)) - top);
  for (float& v : p) v /= sum;
  return p;
}

void ClassifyRun::SampleBatch(int rows, Matrix& inputs, Matrix& targets) const {
  rows = std::min(rows, int(data_.train.labels.size()));
  inputs = data_.train.features.topRows(rows);
  targets.setZero(rows, data_.train.classes);
  for (int i = 0; i < rows; ++i) targets(i, data_.train.labels[size_t(i)]) = 1.0f;
}

std::unique_ptr<Network> ClassifyRun::CopyNetwork() {
  return CopyOfStack(config_, data_.shape(), data_.train.classes, network_);
}

void ClassifyRun::UpdateHyperparameters(const Config& config) {
  CopyLiveSettings(config, config_);
  config_.optimizer.seed = config_.seed;
  config_.optimizer.training_samples = int(data_.train.labels.size());
  if (!optimizer_) return;
  if (config_.optimizer.kind != optimizer_->settings().kind) optimizer_ = CreateOptimizer(config_.optimizer);
  else optimizer_->SetSettings(config_.optimizer);
}

std::string ClassifyRun::ReportLine() {
  if (!error_.empty()) return Prefix() + " error=" + error_;
  // Its own training-loss mean: the line at step N is the same whether or not the page evaluated (and
  // so restarted the plot's mean) in between.
  const double train_loss = report_loss_count_ > 0 ? report_loss_sum_ / double(report_loss_count_) : std::nan("");
  report_loss_sum_ = 0.0;
  report_loss_count_ = 0;
  const ClassifyPoint& p = Evaluate();  // a history point too (--history-csv writes one per report)
  return Prefix() + " train_loss=" + JsonNumber(train_loss) + " test_loss=" + JsonNumber(p.test_loss) +
         " test_accuracy=" + JsonNumber(p.test_accuracy) +
         " train_accuracy=" + JsonNumber(ClassifyAccuracy(network_, data_.train, kTrainAccuracyRows));
}

std::string ClassifyRun::Preamble() {
  return "parameters=" + std::to_string(parameter_count_) + " train=" + std::to_string(data_.train.labels.size()) +
         " test=" + std::to_string(data_.test.labels.size());
}

std::vector<NamedNetwork> ClassifyRun::Networks() {
  if (!error_.empty()) return {};
  NetworkInTraining n;
  n.network = &network_;
  n.loss = loss_;
  n.inputs = &inspected_inputs_;
  n.targets = &inspected_targets_;
  n.step = updates_;
  for (const ClassifyPoint& p : history_)
    if (!p.layer_gradient_norms.empty()) n.gradient_norms.push_back({p.step, &p.layer_gradient_norms});
  n.copy = [this] { return CopyNetwork(); };
  return {{"classifier", n}};
}

std::vector<Matrix*> ClassifyRun::Parameters() {
  std::vector<Matrix*> buffers;
  for (const ParameterRef& p : network_.Parameters()) buffers.push_back(p.value);
  for (Matrix* m : network_.State()) buffers.push_back(m);
  return buffers;
}

bool ClassifyRun::ExportOnnx(std::string& bytes, std::string& error) {
  if (!error_.empty()) {
    error = error_;
    return false;
  }
  std::string layers;
  for (const LayerConfig& l : config_.hidden) layers += (layers.empty() ? "" : ",") + DescribeLayer(l);
  return ExportNetworkOnnx(network_, data_.inputs(), "Netlab classification: layers=" + layers, bytes, error);
}

bool ClassifyRun::Predict(const Matrix& inputs, Matrix& outputs, std::string& error) {
  if (!error_.empty()) {
    error = error_;
    return false;
  }
  if (inputs.cols() != data_.train.features.cols()) {
    error = "the classifier reads rows of " + std::to_string(data_.train.features.cols()) + " values (" +
            (data_.images() ? "an image's pixels" : "the data's columns") + "), not " + std::to_string(inputs.cols());
    return false;
  }
  network_.SetTraining(false);
  outputs = network_.Forward(inputs);
  // softmax of each row's logits, the largest subtracted first (the same values, no overflow)
  for (Eigen::Index r = 0; r < outputs.rows(); ++r) {
    outputs.row(r) = (outputs.row(r).array() - outputs.row(r).maxCoeff()).exp().matrix();
    outputs.row(r) /= outputs.row(r).sum();
  }
  return true;
}

std::string ClassifyRun::HistoryCsv() const {
  std::string csv = "step,epoch,train_loss,test_loss,test_accuracy\n";
  for (const ClassifyPoint& p : history_)
    csv += std::to_string(p.step) + "," + JsonNumber(p.epoch) + "," + JsonNumber(p.train_loss) + "," +
           JsonNumber(p.test_loss) + "," + JsonNumber(p.test_accuracy) + "\n";
  return csv;
}

std::string ValidateClassify(const Config& c) {
  const Loss* loss = FindLoss(c.loss);
  if (loss && !loss->one_hot_targets)
    return "Classification into several classes needs softmax cross-entropy or the multiclass hinge loss, not '" +
           std::string(loss->label) + "'.";
  const DataShape shape = KnownDataShape(c.data.kind);
  if (shape.known()) return PlanStack(c, shape, shape.classes).error;
  return "";
}

}  // namespace netlab
