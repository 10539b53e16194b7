#pragma once
// Planar flow layer (Rezende & Mohamed 2015, "Variational Inference with Normalizing Flows", §4.1):
//   f(z) = z + û h(wᵀz + b),  h = tanh,  log|det ∂f/∂z| = log|1 + ûᵀψ(z)|,  ψ(z) = h'(wᵀz + b) w,
// an O(D) determinant by the matrix determinant lemma. It is invertible when ûᵀw ≥ −1 (their
// Appendix A); û is built from the free u as û = u + (m(wᵀu) − wᵀu) w/‖w‖² with m(x) = −1 + log(1 + eˣ),
// so ûᵀw = m(wᵀu) > −1 always. The inverse solves the scalar monotone equation
// a + ûᵀw·tanh(a) = wᵀy + b for a = wᵀz + b by bisection, then z = y − û tanh(a).
#include "flows/flow_layer.h"

namespace netlab {

class PlanarFlow : public FlowLayer {
 public:
  // Parameters: u1, u2, w1, w2, b.
  PlanarFlow(double u1, double u2, double w1, double w2, double b);
  Point2 Forward(const Point2& x, double& log_det) const override;
  Point2 Inverse(const Point2& y) const override;
  Point2 Backward(const Point2& x, const Point2& grad_y, double grad_log_det,
                  double* parameter_gradient) const override;
  // û, the u actually used, after the reparametrisation.
  Point2 UHat() const;
};

}  // namespace netlab
