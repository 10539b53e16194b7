#pragma once
// One invertible layer of a normalizing flow on 2-D points. Layers run in the normalizing direction,
// data x towards the base N(0, I), so the exact log-density of a point is
//   log p(x) = log N(f(x); 0, I) + Σ_layers log|det ∂y/∂x|
// (change of variables; Rezende & Mohamed 2015, Dinh et al. 2015), and sampling runs the inverses.
// Parameters are one flat array of doubles per layer so a plain optimizer can step them.
#include <vector>

namespace netlab {

struct Point2 {
  double x = 0.0, y = 0.0;
};

class FlowLayer {
 public:
  virtual ~FlowLayer() = default;
  // y = f(x); adds log|det ∂y/∂x| at x to `log_det`.
  virtual Point2 Forward(const Point2& x, double& log_det) const = 0;
  virtual Point2 Inverse(const Point2& y) const = 0;
  // Given dL/dy and dL/d(log_det) at input x, adds dL/dθ into `parameter_gradient` (ParameterCount()
  // entries) and returns dL/dx.
  virtual Point2 Backward(const Point2& x, const Point2& grad_y, double grad_log_det,
                          double* parameter_gradient) const = 0;
  std::vector<double>& parameters() { return parameters_; }
  const std::vector<double>& parameters() const { return parameters_; }

 protected:
  std::vector<double> parameters_;
};

}  // namespace netlab
