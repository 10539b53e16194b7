#include "models/perceptron.h"

#include <cmath>

#include "core/rng.h"
#include "nn/logistic.h"

namespace netlab {

int ThresholdUnit(const PerceptronWeights& w, double x1, double x2) {
  return w.w1 * x1 + w.w2 * x2 + w.b >= 0.0 ? 1 : 0;
}

double SigmoidUnit(const PerceptronWeights& w, double x1, double x2) {
  return Sigmoid(w.w1 * x1 + w.w2 * x2 + w.b);
}

std::string PerceptronError(const PerceptronSettings& settings, const Matrix& points, const std::vector<int>& targets) {
  if (points.cols() != 2) return "the perceptron lesson takes 2-D points (two columns)";
  if (size_t(points.rows()) != targets.size()) return "every point needs exactly one target";
  for (int t : targets)
    if (t != 0 && t != 1) return "perceptron targets must be 0 or 1";
  if (!points.allFinite()) return "a point has a coordinate that is not a finite number";
  if (!(settings.learning_rate > 0.0) || !std::isfinite(settings.learning_rate))
    return "the learning rate must be a finite number above 0";
  if (!(settings.initial_weight_scale >= 0.0) || !std::isfinite(settings.initial_weight_scale))
    return "the initial weight scale must be a finite number, 0 or more";
  return "";
}

Perceptron::Perceptron(const PerceptronSettings& settings, const Matrix& points, const std::vector<int>& targets)
    : settings_(settings), error_(PerceptronError(settings, points, targets)) {
  if (error_.empty()) {
    points_ = points;
    targets_ = targets;
  }
  Reset(1);
}

void Perceptron::Reset(uint64_t seed) {
  weights_ = PerceptronWeights();
  if (settings_.initial_weight_scale > 0.0) {
    Rng rng(seed);
    const double s = settings_.initial_weight_scale;
    weights_.w1 = s * rng.Normal();
    weights_.w2 = s * rng.Normal();
    weights_.b = s * rng.Normal();
  }
  next_point_ = 0;
  steps_ = updates_ = 0;
  epochs_ = 0;
}

PerceptronWeights Perceptron::Delta(const PerceptronWeights& w, int i) const {
  const double x1 = points_(i, 0), x2 = points_(i, 1), t = targets_[size_t(i)];
  double scale;
  if (settings_.rule == PerceptronRule::kRosenblatt) {
    scale = settings_.learning_rate * (t - ThresholdUnit(w, x1, x2));  // η (t − o), zero when right
  } else {
    const double o = SigmoidUnit(w, x1, x2);
    scale = settings_.learning_rate * (t - o) * o * (1.0 - o);  // −η dE/d(w·x + b)
  }
  return {scale * x1, scale * x2, scale};
}

void Perceptron::Apply(const PerceptronWeights& d) {
  if (d.w1 != 0.0 || d.w2 != 0.0 || d.b != 0.0) ++updates_;
  weights_.w1 += d.w1;
  weights_.w2 += d.w2;
  weights_.b += d.b;
}

void Perceptron::Step() {
  const int n = int(targets_.size());
  if (n == 0) return;
  ++steps_;
  if (settings_.update == PerceptronUpdate::kIncremental) {
    Apply(Delta(weights_, next_point_));
    if (++next_point_ == n) {
      next_point_ = 0;
      ++epochs_;
    }
    return;
  }
  // Batch: every point's change is measured at the same weights, then summed.
  PerceptronWeights sum;
  for (int i = 0; i < n; ++i) {
    const PerceptronWeights d = Delta(weights_, i);
    sum.w1 += d.w1;
    sum.w2 += d.w2;
    sum.b += d.b;
  }
  Apply(sum);
  ++epochs_;
}

void Perceptron::Epoch() {
  const int n = int(targets_.size());
  if (n == 0) return;
  if (settings_.update == PerceptronUpdate::kBatch) {
    Step();
    return;
  }
  do Step();
  while (next_point_ != 0);
}

int Perceptron::Errors() const {
  int errors = 0;
  for (int i = 0; i < int(targets_.size()); ++i)
    errors += ThresholdUnit(weights_, points_(i, 0), points_(i, 1)) != targets_[size_t(i)];
  return errors;
}

double Perceptron::SquaredLoss() const {
  double loss = 0.0;
  for (int i = 0; i < int(targets_.size()); ++i) {
    const double e = targets_[size_t(i)] - SigmoidUnit(weights_, points_(i, 0), points_(i, 1));
    loss += 0.5 * e * e;
  }
  return loss;
}

PerceptronWeights Perceptron::SquaredLossGradient() const {
  PerceptronWeights g;
  for (int i = 0; i < int(targets_.size()); ++i) {
    const double x1 = points_(i, 0), x2 = points_(i, 1), t = targets_[size_t(i)];
    const double o = SigmoidUnit(weights_, x1, x2);
    const double delta = -(t - o) * o * (1.0 - o);  // dE/d(w·x + b)
    g.w1 += delta * x1;
    g.w2 += delta * x2;
    g.b += delta;
  }
  return g;
}

}  // namespace netlab
