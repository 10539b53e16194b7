#include "train/classifier_training.h"

#include <cmath>
#include <limits>
#include <numeric>

#include "nn/loss.h"
#include "core/shuffle.h"

namespace netlab {

double TrainClassifierBatch(Network& network, Optimizer& optimizer, const Matrix& inputs, const std::vector<int>& labels,
                            int classes) {
  const Loss& loss = *FindLoss("softmax_ce");
  const Matrix targets = OneHot(labels, classes);
  const Matrix& logits = network.Forward(inputs);
  const double value = loss.value(logits, targets);
  if (!std::isfinite(value)) return std::numeric_limits<double>::quiet_NaN();
  Matrix grad;
  loss.gradient(logits, targets, grad);
  network.Backward(grad);
  std::vector<ParameterRef> parameters = network.Parameters();
  optimizer.Step(parameters);
  return value;
}

double TrainClassifier(Network& network, const LabeledData& train, const ClassifierTrainingSettings& settings, Rng& rng,
                       const std::function<void(int, double)>& on_epoch) {
  OptimizerSettings optimizer_settings = settings.optimizer;
  optimizer_settings.training_samples = int(train.labels.size());  // SGLD's N
  auto optimizer = CreateOptimizer(optimizer_settings);
  const int samples = int(train.labels.size());
  std::vector<int> order(size_t(samples), 0);
  std::iota(order.begin(), order.end(), 0);
  Matrix batch_input;
  std::vector<int> batch_labels;
  double epoch_loss = 0.0;
  long step = 0;
  network.SetTraining(true);
  for (int epoch = 0; epoch < settings.epochs; ++epoch) {
    Shuffle(order, rng);
    double total = 0.0;
    int batches = 0;
    for (int start = 0; start < samples; start += settings.batch_size) {
      const int count = std::min(settings.batch_size, samples - start);
      batch_input.resize(count, train.features.cols());
      batch_labels.resize(size_t(count));
      for (int r = 0; r < count; ++r) {
        batch_input.row(r) = train.features.row(order[size_t(start + r)]);
        batch_labels[size_t(r)] = train.labels[size_t(order[size_t(start + r)])];
      }
      optimizer_settings.learning_rate = ScheduledLearningRate(settings.schedule, settings.optimizer.learning_rate, step++);
      optimizer->SetSettings(optimizer_settings);
      const double value = TrainClassifierBatch(network, *optimizer, batch_input, batch_labels, train.classes);
      if (!std::isfinite(value)) return value;
      total += value;
      ++batches;
    }
    epoch_loss = total / std::max(batches, 1);
    if (on_epoch) on_epoch(epoch, epoch_loss);
  }
  return epoch_loss;
}

double ClassifierAccuracy(Network& network, const LabeledData& data, int batch_size) {
  network.SetTraining(false);
  const int samples = int(data.labels.size());
  int correct = 0;
  for (int start = 0; start < samples; start += batch_size) {
    const int count = std::min(batch_size, samples - start);
    const Matrix& logits = network.Forward(data.features.middleRows(start, count));
    for (int r = 0; r < count; ++r) {
      Eigen::Index best;
      logits.row(r).maxCoeff(&best);
      if (int(best) == data.labels[size_t(start + r)]) ++correct;
    }
  }
  network.SetTraining(true);
  return samples > 0 ? double(correct) / samples : 0.0;
}

double ClassifierLoss(Network& network, const LabeledData& data, int batch_size) {
  const Loss& loss = *FindLoss("softmax_ce");
  network.SetTraining(false);
  const int samples = int(data.labels.size());
  double total = 0.0;
  for (int start = 0; start < samples; start += batch_size) {
    const int count = std::min(batch_size, samples - start);
    const std::vector<int> labels(data.labels.begin() + start, data.labels.begin() + start + count);
    // The loss is a mean over its rows: weighted by the rows, batches add up to the mean over all.
    total += count * loss.value(network.Forward(data.features.middleRows(start, count)), OneHot(labels, data.classes));
  }
  network.SetTraining(true);
  return samples > 0 ? total / samples : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace netlab
