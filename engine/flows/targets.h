#pragma once
// 2-D target densities for the flow lesson, each drawn as samples: a Gaussian (whose density is known in
// closed form, for checking), two moons, a ring, a checkerboard, and points the user drew.
#include <string>
#include <vector>

#include "core/rng.h"
#include "flows/flow_layer.h"

namespace netlab {

// N(mean, L Lᵀ) with L lower triangular (l11, 0; l21, l22), l11, l22 > 0.
struct GaussianTarget {
  Point2 mean{1.0, -0.5};
  double l11 = 0.8, l21 = 0.6, l22 = 0.4;
  Point2 Sample(Rng& rng) const;
  // log N(x; mean, L Lᵀ) = −log 2π − log(l11 l22) − ½‖L⁻¹(x − mean)‖².
  double LogDensity(const Point2& x) const;
};

// Known targets by name: "gaussian", "two_moons", "ring", "checkerboard"; "drawn" resamples `drawn`
// with a little Gaussian jitter (σ = 0.05) so a handful of points become a density.
bool IsFlowTarget(const std::string& name);
// Empty when `name` can be sampled (for "drawn": at least one point), else why not.
std::string FlowTargetError(const std::string& name, const std::vector<Point2>& drawn);
Point2 SampleFlowTarget(const std::string& name, const std::vector<Point2>& drawn, Rng& rng);

}  // namespace netlab
