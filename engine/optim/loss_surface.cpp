#include "optim/loss_surface.h"

#include "core/registry.h"

namespace netlab {
namespace {

// Rosenbrock 1960: a curved narrow valley, minimum 0 at (1, 1).
double RosenbrockValue(double x, double y) { return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x); }
void RosenbrockGradient(double x, double y, double& dx, double& dy) {
  dx = -2 * (1 - x) - 400 * x * (y - x * x);
  dy = 200 * (y - x * x);
}

// Beale: flat plateaus and sharp ridges, minimum 0 at (3, 0.5).
double BealeValue(double x, double y) {
  const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
  return a * a + b * b + c * c;
}
void BealeGradient(double x, double y, double& dx, double& dy) {
  const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
  dx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1);
  dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y;
}

// Saddle x² - y²: gradient descent started near the ridge lingers before it escapes along y.
double SaddleValue(double x, double y) { return x * x - y * y; }
void SaddleGradient(double x, double y, double& dx, double& dy) {
  dx = 2 * x;
  dy = -2 * y;
}

// Ill-conditioned quadratic (x² + 50 y²) / 2: condition number 50, where plain SGD zig-zags.
double QuadraticValue(double x, double y) { return 0.5 * (x * x + 50 * y * y); }
void QuadraticGradient(double x, double y, double& dx, double& dy) {
  dx = x;
  dy = 50 * y;
}

}  // namespace

const std::vector<LossSurface>& LossSurfaces() {
  static const std::vector<LossSurface> table = {
      {"rosenbrock", "Rosenbrock", "(1 − x)² + 100 (y − x²)²", RosenbrockValue, RosenbrockGradient, -2, 2, -1,
       3, -1.5, 2.5, 1, 1},
      {"beale", "Beale", "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²", BealeValue,
       BealeGradient, -4.5, 4.5, -4.5, 4.5, 1.0, 1.4, 3, 0.5},
      {"saddle", "Saddle", "x² − y²", SaddleValue, SaddleGradient, -2, 2, -2, 2, -1.8, 0.01, 0, 0},
      {"quadratic", "Ill-conditioned quadratic", "(x² + 50 y²) / 2", QuadraticValue, QuadraticGradient, -5, 5,
       -5, 5, -4.5, 1.5, 0, 0},
  };
  return table;
}

const LossSurface* FindLossSurface(const std::string& name) { return FindByName(LossSurfaces(), name); }

}  // namespace netlab
