#pragma once
// Coupling layers (Dinh, Krueger & Bengio 2015, NICE; Dinh, Sohl-Dickstein & Bengio 2017, RealNVP):
// one coordinate c passes unchanged and conditions the other,
//   additive (NICE):   y = x + t(c),            log|det| = 0 (volume preserving)
//   affine (RealNVP):  y = x · exp(s(c)) + t(c), log|det| = s(c)
// with s, t read off one small tanh MLP of c. The Jacobian is triangular, so its determinant is the
// product of the diagonal, and the inverse is x = (y − t(c)) · exp(−s(c)) without inverting the MLP.
#include "core/rng.h"
#include "flows/flow_layer.h"

namespace netlab {

class CouplingLayer : public FlowLayer {
 public:
  // `changed` is the coordinate transformed (0 = x, 1 = y); the other conditions it. The MLP's output
  // weights start at zero, so the layer starts as the identity.
  CouplingLayer(int changed, int hidden, bool affine, Rng& rng);
  Point2 Forward(const Point2& x, double& log_det) const override;
  Point2 Inverse(const Point2& y) const override;
  Point2 Backward(const Point2& x, const Point2& grad_y, double grad_log_det,
                  double* parameter_gradient) const override;
  bool affine() const { return affine_; }

 private:
  // s(c) (0 when additive) and t(c), and the hidden activations when `hidden` is given.
  void Conditioner(double c, double& s, double& t, std::vector<double>* hidden) const;
  int changed_, hidden_;
  bool affine_;
  // Parameter layout: W1[H], b1[H], Vt[H], bt, then Vs[H], bs when affine.
};

// Elementwise y_i = x_i · exp(s_i) + t_i (NICE's diagonal scaling layer, with a shift):
// log|det| = s_1 + s_2. Lets a volume-preserving flow match the target's scale.
class ElementwiseAffine : public FlowLayer {
 public:
  ElementwiseAffine();  // starts as the identity; parameters s1, s2, t1, t2
  Point2 Forward(const Point2& x, double& log_det) const override;
  Point2 Inverse(const Point2& y) const override;
  Point2 Backward(const Point2& x, const Point2& grad_y, double grad_log_det,
                  double* parameter_gradient) const override;
};

}  // namespace netlab
