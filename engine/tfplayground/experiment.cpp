#include "tfplayground/experiment.h"

#include <algorithm>
#include <cmath>

namespace netlab {
namespace tfplayground {
namespace {

// JavaScript's Array.prototype.slice index: negative counts from the end, clamped to [0, n].
size_t SliceIndex(double k, size_t n) {
  if (std::isnan(k)) return 0;
  if (k < 0) return size_t(std::max(0.0, double(n) + k));
  return size_t(std::min(double(n), k));
}

std::vector<Point> MakeData(const Settings& s, SeedRandom& random) {
  const int samples = s.regression ? kRegressionSamples : kClassificationSamples;
  std::vector<Point> data = Generate(s.regression ? s.reg_dataset : s.dataset, samples, s.noise / 100, random);
  Shuffle(data, random);
  return data;
}

std::vector<int> Shape(const Settings& s) {
  std::vector<int> shape = {int(Inputs(s, 0, 0).size())};
  for (double size : s.network_shape) shape.push_back(NodeCount(size));
  shape.push_back(1);
  return shape;
}

}  // namespace

std::vector<double> Inputs(const Settings& s, double x, double y) {
  std::vector<double> in;
  if (s.x) in.push_back(x);
  if (s.y) in.push_back(y);
  if (s.x_squared) in.push_back(x * x);
  if (s.y_squared) in.push_back(y * y);
  if (s.x_times_y) in.push_back(x * y);
  if (s.sin_x) in.push_back(std::sin(x));
  if (s.sin_y) in.push_back(std::sin(y));
  return in;
}

double Loss(Network& network, const Settings& s, const std::vector<Point>& points) {
  double loss = 0;
  for (const Point& p : points) {
    const double error = network.Forward(Inputs(s, p.x, p.y)) - p.label;
    loss += 0.5 * (error * error);  // Math.pow(e, 2) is e * e rounded once
  }
  return loss / double(points.size());
}

Experiment::Experiment(const Settings& settings)
    : settings_(settings),
      random_(settings.seed),
      train_(MakeData(settings, random_)),
      network_(Shape(settings), settings.activation, settings.regression, settings.regularization, settings.init_zero,
               random_) {
  // Split after generating and before the network draws: MakeData left the stream where buildNetwork starts.
  const size_t split = SliceIndex(std::floor(double(train_.size()) * settings.perc_train_data / 100), train_.size());
  test_.assign(train_.begin() + long(split), train_.end());
  train_.resize(split);
  train_loss_ = Loss(network_, settings_, train_);
  test_loss_ = Loss(network_, settings_, test_);
}

void Experiment::Epoch() {
  ++epoch_;
  for (size_t i = 0; i < train_.size(); ++i) {
    network_.Forward(Inputs(settings_, train_[i].x, train_[i].y));
    network_.Backward(train_[i].label);
    if (std::fmod(double(i + 1), settings_.batch_size) == 0)
      network_.Update(settings_.learning_rate, settings_.regularization_rate);
  }
  train_loss_ = Loss(network_, settings_, train_);
  test_loss_ = Loss(network_, settings_, test_);
}

}  // namespace tfplayground
}  // namespace netlab
