#include "flows/flow.h"

#include <cmath>

namespace netlab {
namespace {
const double kLogTwoPi = 1.8378770664093453;  // log 2π
}

Point2 Flow::ToBase(const Point2& x, double& log_det) const {
  Point2 v = x;
  for (const auto& layer : layers_) v = layer->Forward(v, log_det);
  return v;
}

Point2 Flow::FromBase(const Point2& z) const {
  Point2 v = z;
  for (size_t l = layers_.size(); l-- > 0;) v = layers_[l]->Inverse(v);
  return v;
}

double Flow::LogDensity(const Point2& x) const {
  double log_det = 0.0;
  const Point2 z = ToBase(x, log_det);
  return -kLogTwoPi - 0.5 * (z.x * z.x + z.y * z.y) + log_det;
}

Point2 Flow::Sample(Rng& rng) const {
  Point2 z;
  z.x = rng.Normal();
  z.y = rng.Normal();
  return FromBase(z);
}

double Flow::MeanLogDensity(const std::vector<Point2>& points, std::vector<std::vector<double>>& gradient) const {
  gradient.resize(layers_.size());
  for (size_t l = 0; l < layers_.size(); ++l) gradient[l].assign(layers_[l]->parameters().size(), 0.0);
  if (points.empty()) return 0.0;
  const double weight = 1.0 / double(points.size());
  std::vector<Point2> inputs(layers_.size());
  double total = 0.0;
  for (const Point2& x : points) {
    double log_det = 0.0;
    Point2 v = x;
    for (size_t l = 0; l < layers_.size(); ++l) {
      inputs[l] = v;
      v = layers_[l]->Forward(v, log_det);
    }
    total += -kLogTwoPi - 0.5 * (v.x * v.x + v.y * v.y) + log_det;
    // d/dz of −½‖z‖² is −z; every log-determinant enters with weight 1.
    Point2 g{-v.x * weight, -v.y * weight};
    for (size_t l = layers_.size(); l-- > 0;) g = layers_[l]->Backward(inputs[l], g, weight, gradient[l].data());
  }
  return total * weight;
}

int Flow::ParameterCount() const {
  int count = 0;
  for (const auto& layer : layers_) count += int(layer->parameters().size());
  return count;
}

}  // namespace netlab
