#include "train/tf_playground_run.h"

#include <cmath>

#include "train/trainer.h"

namespace netlab {
namespace {

Dataset ToDataset(const std::vector<tfplayground::Point>& points, bool regression) {
  Dataset d;
  d.classes = regression ? 0 : 2;
  d.points.resize(Eigen::Index(points.size()), 2);
  d.labels.resize(Eigen::Index(points.size()), 1);
  for (size_t i = 0; i < points.size(); ++i) {
    d.points(Eigen::Index(i), 0) = float(points[i].x);
    d.points(Eigen::Index(i), 1) = float(points[i].y);
    d.labels(Eigen::Index(i), 0) = regression ? float(points[i].label) : (points[i].label > 0 ? 1.0f : 0.0f);
  }
  return d;
}

// Share of points whose output has the label's sign (TF Playground colours the heatmap by that sign).
double SignAccuracy(tfplayground::Network& network, const tfplayground::Settings& s,
                    const std::vector<tfplayground::Point>& points) {
  if (points.empty()) return NAN;
  size_t right = 0;
  for (const tfplayground::Point& p : points)
    right += (network.Forward(tfplayground::Inputs(s, p.x, p.y)) > 0) == (p.label > 0);
  return double(right) / double(points.size());
}

}  // namespace

DataSplit TfPlaygroundData(const tfplayground::Experiment& experiment) {
  const bool regression = experiment.settings().regression;
  return {ToDataset(experiment.train(), regression), ToDataset(experiment.test(), regression)};
}

void Trainer::FaithfulStep() {
  faithful_->Epoch();  // TF Playground's oneStep: one pass over the training points
  ++step_;
  ++local_steps_;
  samples_seen_ += int64_t(faithful_->train().size());
  AppendToHistory(history_, FaithfulMetrics());
}

MetricsPoint Trainer::FaithfulMetrics() {
  const tfplayground::Settings& s = faithful_->settings();
  MetricsPoint point;
  point.step = step_;
  point.epoch = double(faithful_->epoch());
  point.train_loss = faithful_->train_loss();
  point.test_loss = faithful_->test_loss();
  if (!s.regression) {
    point.train_accuracy = SignAccuracy(faithful_->network(), s, faithful_->train());
    point.test_accuracy = SignAccuracy(faithful_->network(), s, faithful_->test());
  }
  point.validation_loss = NAN;
  point.learning_rate = s.learning_rate;
  // No training points make both losses 0/0 in TF Playground too; only a loss that blows up diverges.
  const bool no_points = faithful_->train().empty() || faithful_->test().empty();
  if (diverged_.empty() && !no_points && !(std::isfinite(point.train_loss) && std::isfinite(point.test_loss)))
    diverged_ = "The loss became NaN or infinite at epoch " + std::to_string(step_) +
                " (TF Playground's run diverges here too). Lower the learning rate and press Reset.";
  return point;
}

void Trainer::FaithfulPredict(const Matrix& points, Matrix& prediction) {
  const tfplayground::Settings& s = faithful_->settings();
  prediction.resize(points.rows(), 1);
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    const double out = faithful_->network().Forward(tfplayground::Inputs(s, points(i, 0), points(i, 1)));
    // The heatmap's "probability of class 1": the tanh output's [-1, 1] mapped onto [0, 1].
    prediction(i, 0) = float(s.regression ? out : (out + 1.0) / 2.0);
  }
}

}  // namespace netlab
