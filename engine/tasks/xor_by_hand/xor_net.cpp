#include "tasks/xor_by_hand/xor_net.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace netlab {

XorLinear XorLeastSquares() {
  Eigen::Matrix<double, kXorPoints, 3> X;
  Eigen::Matrix<double, kXorPoints, 1> y;
  for (int n = 0; n < kXorPoints; ++n) {
    X.row(n) << kXorX[n][0], kXorX[n][1], 1.0;
    y(n) = kXorY[n];
  }
  // XᵀX is positive definite (the four points span the plane), so its Cholesky factor solves it.
  const Eigen::Vector3d theta = (X.transpose() * X).llt().solve(X.transpose() * y);
  XorLinear model;
  model.w[0] = theta(0), model.w[1] = theta(1), model.b = theta(2);
  return model;
}

// J = ¼ Σₙ (yₙ − f(xₙ))² over the four points (Goodfellow et al. eq. 6.1), for either model.
template <class Model>
double MeanSquaredXorError(const Model& model) {
  double sum = 0;
  for (int n = 0; n < kXorPoints; ++n) {
    const double e = kXorY[n] - model.Output(kXorX[n][0], kXorX[n][1]);
    sum += e * e;
  }
  return sum / kXorPoints;
}

double XorCost(const XorLinear& model) { return MeanSquaredXorError(model); }

std::array<double, 2> XorNet::Preactivation(double x1, double x2) const {
  return {W[0][0] * x1 + W[1][0] * x2 + c[0], W[0][1] * x1 + W[1][1] * x2 + c[1]};
}

std::array<double, 2> XorNet::Hidden(double x1, double x2) const {
  const std::array<double, 2> z = Preactivation(x1, x2);
  return {std::max(0.0, z[0]), std::max(0.0, z[1])};
}

bool XorNet::Finite() const {
  for (double v : {W[0][0], W[0][1], W[1][0], W[1][1], c[0], c[1], w[0], w[1], b})
    if (!std::isfinite(v)) return false;
  return true;
}

double XorCost(const XorNet& net) { return MeanSquaredXorError(net); }

XorNet XorCostGradient(const XorNet& net) {
  XorNet g;
  for (int n = 0; n < kXorPoints; ++n) {
    const double x[2] = {kXorX[n][0], kXorX[n][1]};
    const std::array<double, 2> z = net.Preactivation(x[0], x[1]);
    const std::array<double, 2> h = {std::max(0.0, z[0]), std::max(0.0, z[1])};
    const double e = 0.5 * (net.OutputOfHidden(h) - kXorY[n]);  // ∂J/∂fₙ of J = ¼ Σ (fₙ − yₙ)²
    g.b += e;                                                  // ∂J/∂b = Σ eₙ
    for (int j = 0; j < 2; ++j) {
      g.w[j] += e * h[j];                              // ∂J/∂wⱼ = Σ eₙ hₙⱼ
      const double dz = z[j] > 0.0 ? e * net.w[j] : 0.0;  // ∂J/∂zₙⱼ = eₙ wⱼ [zₙⱼ > 0]
      g.c[j] += dz;                                    // ∂J/∂cⱼ = Σ ∂J/∂zₙⱼ
      for (int i = 0; i < 2; ++i) g.W[i][j] += dz * x[i];  // ∂J/∂Wᵢⱼ = Σ ∂J/∂zₙⱼ xₙᵢ
    }
  }
  return g;
}

void XorGradientStep(XorNet& net, double learning_rate) {
  const XorNet g = XorCostGradient(net);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) net.W[i][j] -= learning_rate * g.W[i][j];
  for (int j = 0; j < 2; ++j) {
    net.c[j] -= learning_rate * g.c[j];
    net.w[j] -= learning_rate * g.w[j];
  }
  net.b -= learning_rate * g.b;
}

XorNet RandomXorNet(Rng& rng) {
  const float hidden_limit = std::sqrt(6.0f / 4.0f), output_limit = std::sqrt(6.0f / 3.0f);
  XorNet net;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) net.W[i][j] = rng.Uniform(-hidden_limit, hidden_limit);
  for (int j = 0; j < 2; ++j) net.w[j] = rng.Uniform(-output_limit, output_limit);
  return net;
}

bool XorSolved(const XorNet& net) {
  for (int n = 0; n < kXorPoints; ++n)
    if (!(std::abs(net.Output(kXorX[n][0], kXorX[n][1]) - kXorY[n]) < 0.5)) return false;
  return true;
}

}  // namespace netlab
