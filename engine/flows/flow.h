#pragma once
// A normalizing flow on 2-D points: a stack of invertible layers from data x to base z ~ N(0, I).
//   log p(x) = −log 2π − ½‖z‖² + Σ log|det ∂(layer)|,  sampling: z ~ N(0, I), then the inverses in reverse.
#include <memory>
#include <vector>

#include "core/rng.h"
#include "flows/flow_layer.h"

namespace netlab {

class Flow {
 public:
  void Add(std::unique_ptr<FlowLayer> layer) { layers_.push_back(std::move(layer)); }
  // z = f(x) and the summed log-determinant.
  Point2 ToBase(const Point2& x, double& log_det) const;
  Point2 FromBase(const Point2& z) const;
  double LogDensity(const Point2& x) const;
  Point2 Sample(Rng& rng) const;

  // Mean log-density of `points` and its gradient with respect to every layer's parameters
  // (`gradient[l]` matches layers()[l]->parameters()), by the chain rule through the layers.
  double MeanLogDensity(const std::vector<Point2>& points, std::vector<std::vector<double>>& gradient) const;

  std::vector<std::unique_ptr<FlowLayer>>& layers() { return layers_; }
  const std::vector<std::unique_ptr<FlowLayer>>& layers() const { return layers_; }
  int ParameterCount() const;

 private:
  std::vector<std::unique_ptr<FlowLayer>> layers_;
};

}  // namespace netlab
