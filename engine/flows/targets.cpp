#include "flows/targets.h"

#include <cmath>

namespace netlab {

Point2 GaussianTarget::Sample(Rng& rng) const {
  const double a = rng.Normal(), b = rng.Normal();
  return {mean.x + l11 * a, mean.y + l21 * a + l22 * b};
}

double GaussianTarget::LogDensity(const Point2& x) const {
  const double e1 = (x.x - mean.x) / l11;                 // forward substitution L e = x − mean
  const double e2 = (x.y - mean.y - l21 * e1) / l22;
  return -1.8378770664093453 - std::log(l11 * l22) - 0.5 * (e1 * e1 + e2 * e2);
}

bool IsFlowTarget(const std::string& name) {
  return name == "gaussian" || name == "two_moons" || name == "ring" || name == "checkerboard" || name == "drawn";
}

std::string FlowTargetError(const std::string& name, const std::vector<Point2>& drawn) {
  if (!IsFlowTarget(name))
    return "unknown flow target '" + name + "' (gaussian, two_moons, ring, checkerboard or drawn)";
  if (name == "drawn" && drawn.empty()) return "draw at least one point to fit a density to";
  return "";
}

Point2 SampleFlowTarget(const std::string& name, const std::vector<Point2>& drawn, Rng& rng) {
  const double pi = 3.141592653589793;
  if (name == "gaussian") return GaussianTarget().Sample(rng);
  if (name == "two_moons") {  // scikit-learn's make_moons: two interleaved half circles, noise 0.1
    const double angle = pi * rng.Uniform();
    const bool upper = rng.Uniform() < 0.5f;
    Point2 p = upper ? Point2{std::cos(angle), std::sin(angle)} : Point2{1.0 - std::cos(angle), 0.5 - std::sin(angle)};
    return {p.x - 0.5 + 0.1 * rng.Normal(), p.y - 0.25 + 0.1 * rng.Normal()};
  }
  if (name == "ring") {  // radius 2, radial noise 0.1
    const double angle = 2.0 * pi * rng.Uniform(), radius = 2.0 + 0.1 * rng.Normal();
    return {radius * std::cos(angle), radius * std::sin(angle)};
  }
  if (name == "checkerboard") {  // uniform on the dark squares of a 4x4 board over [−2, 2]²
    while (true) {
      const double x = rng.Uniform(-2.0f, 2.0f), y = rng.Uniform(-2.0f, 2.0f);
      if ((int(std::floor(x)) + int(std::floor(y))) % 2 == 0) return {x, y};
    }
  }
  if (name == "drawn" && !drawn.empty()) {
    const Point2& p = drawn[rng.Below(uint32_t(drawn.size()))];
    return {p.x + 0.05 * rng.Normal(), p.y + 0.05 * rng.Normal()};
  }
  return {0.0, 0.0};
}

}  // namespace netlab
