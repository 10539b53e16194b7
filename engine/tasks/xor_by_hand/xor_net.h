#pragma once
// XOR worked by hand (Goodfellow, Bengio & Courville 2016, "Deep Learning", §6.1): the four points
// X = {(0,0), (0,1), (1,0), (1,1)} with the targets y = x₁ XOR x₂ = 0, 1, 1, 0, the cost
// J(θ) = ¼ Σₓ (y − f(x; θ))² (eq. 6.1), and the two models the section works through:
//   a linear model f(x) = wᵀx + b, whose least-squares fit (the normal equations) is w = 0, b = ½: it
//   outputs ½ at every point, J = ¼ (eq. 6.2 and the text below it);
//   the 2-2-1 network f(x) = wᵀ max(0, Wᵀx + c) + b (eq. 6.3), which with W = [1 1; 1 1], c = (0, −1),
//   w = (1, −2), b = 0 outputs exactly 0, 1, 1, 0 (the hidden layer maps the points to (0,0), (1,0),
//   (1,0), (2,1), where one line separates them).
// Everything is in double: with whole-number weights every value is exact.
#include <array>

#include "core/rng.h"

namespace netlab {

constexpr int kXorPoints = 4;
// The four points in the book's order, and their targets.
constexpr double kXorX[kXorPoints][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr double kXorY[kXorPoints] = {0, 1, 1, 0};

struct XorLinear {
  double w[2] = {0, 0};
  double b = 0;
  double Output(double x1, double x2) const { return w[0] * x1 + w[1] * x2 + b; }
};

// The least-squares linear model: θ = (w₁, w₂, b) solving the normal equations XᵀX θ = Xᵀy, X's rows
// (x₁, x₂, 1), the minimum of J over all linear models (J is a convex quadratic in θ).
XorLinear XorLeastSquares();
// J = ¼ Σ (y − f(x))² over the four points.
double XorCost(const XorLinear& model);

struct XorNet {
  double W[2][2] = {{0, 0}, {0, 0}};  // W[i][j]: input xᵢ to hidden unit hⱼ, so z = Wᵀx + c
  double c[2] = {0, 0};
  double w[2] = {0, 0};
  double b = 0;

  // z = Wᵀx + c, the hidden units' inputs, and h = max(0, z) (the rectified linear unit, eq. 6.4).
  std::array<double, 2> Preactivation(double x1, double x2) const;
  std::array<double, 2> Hidden(double x1, double x2) const;
  // The output layer alone, wᵀh + b: linear in h, so its level set f = ½ is a line in h-space.
  double OutputOfHidden(const std::array<double, 2>& h) const { return w[0] * h[0] + w[1] * h[1] + b; }
  double Output(double x1, double x2) const { return OutputOfHidden(Hidden(x1, x2)); }
  bool Finite() const;
};

double XorCost(const XorNet& net);
// ∂J/∂θ for each of the nine weights, in the net's own layout. With eₙ = ∂J/∂fₙ = ½ (fₙ − yₙ) and
// r = [z > 0] (ReLU's derivative, taken as 0 at the kink z = 0):
//   ∂J/∂b = Σ eₙ,  ∂J/∂wⱼ = Σ eₙ hₙⱼ,  ∂J/∂cⱼ = Σ eₙ wⱼ rₙⱼ,  ∂J/∂Wᵢⱼ = Σ eₙ wⱼ rₙⱼ xₙᵢ.
XorNet XorCostGradient(const XorNet& net);
// θ ← θ − η ∂J/∂θ: one step of gradient descent over all four points.
void XorGradientStep(XorNet& net, double learning_rate);
// Glorot & Bengio's (2010) uniform start: W from U(±√(6 / (2 + 2))), w from U(±√(6 / (2 + 1))), c = 0,
// b = 0, drawn from `rng`.
XorNet RandomXorNet(Rng& rng);
// Whether every output is on its target's side of ½ (|f − y| < ½): the net classifies XOR.
bool XorSolved(const XorNet& net);

}  // namespace netlab
