#include "flows/planar_flow.h"

#include <cmath>

#include "nn/logistic.h"

namespace netlab {
namespace {

// The pieces of the reparametrisation: s = wᵀu, m = −1 + softplus(s), k = (m − s)/‖w‖², û = u + k w.
struct Reparametrised {
  double s, m, k, w2;  // w2 = ‖w‖²
  Point2 u_hat;
};
Reparametrised Reparametrise(const std::vector<double>& p) {
  Reparametrised r;
  r.s = p[0] * p[2] + p[1] * p[3];
  r.m = -1.0 + Softplus(r.s);
  r.w2 = p[2] * p[2] + p[3] * p[3] + 1e-12;  // w = 0 makes the layer the identity; keep k finite
  r.k = (r.m - r.s) / r.w2;
  r.u_hat = {p[0] + r.k * p[2], p[1] + r.k * p[3]};
  return r;
}

}  // namespace

PlanarFlow::PlanarFlow(double u1, double u2, double w1, double w2, double b) { parameters_ = {u1, u2, w1, w2, b}; }

Point2 PlanarFlow::UHat() const { return Reparametrise(parameters_).u_hat; }

Point2 PlanarFlow::Forward(const Point2& x, double& log_det) const {
  const std::vector<double>& p = parameters_;
  const Reparametrised r = Reparametrise(p);
  const double h = std::tanh(p[2] * x.x + p[3] * x.y + p[4]);
  log_det += std::log(1.0 + (1.0 - h * h) * r.m);  // ûᵀψ = h'(a) ûᵀw = h'(a) m, and 1 + h' m > 0
  return {x.x + r.u_hat.x * h, x.y + r.u_hat.y * h};
}

Point2 PlanarFlow::Inverse(const Point2& y) const {
  const std::vector<double>& p = parameters_;
  const Reparametrised r = Reparametrise(p);
  // g(a) = a + m tanh(a) − t is increasing (g' = 1 + m h' > 0) and its root lies within |m| of t.
  const double t = p[2] * y.x + p[3] * y.y + p[4];
  double low = t - std::fabs(r.m) - 1e-9, high = t + std::fabs(r.m) + 1e-9;
  for (int i = 0; i < 200 && high - low > 1e-15 * (1.0 + std::fabs(t)); ++i) {
    const double mid = 0.5 * (low + high);
    (mid + r.m * std::tanh(mid) - t > 0 ? high : low) = mid;
  }
  const double h = std::tanh(0.5 * (low + high));
  return {y.x - r.u_hat.x * h, y.y - r.u_hat.y * h};
}

Point2 PlanarFlow::Backward(const Point2& x, const Point2& gy, double gl, double* grad) const {
  const std::vector<double>& p = parameters_;
  const Reparametrised r = Reparametrise(p);
  const double h = std::tanh(p[2] * x.x + p[3] * x.y + p[4]);
  const double hp = 1.0 - h * h;  // h'(a)
  const double det = 1.0 + hp * r.m;
  // y = x + û h and log_det = log(1 + h' m), with m and û functions of (u, w).
  const Point2 g_uhat = {gy.x * h, gy.y * h};
  const double g_h = gy.x * r.u_hat.x + gy.y * r.u_hat.y;
  const double g_hp = gl * r.m / det;
  const double g_m = gl * hp / det;
  const double g_a = g_h * hp + g_hp * (-2.0 * h * hp);  // dh/da = h', dh'/da = −2 h h'
  // û = u + k w, k = (m − s)/‖w‖², m = −1 + softplus(s), s = wᵀu; dm/ds = σ(s).
  const double g_k = g_uhat.x * p[2] + g_uhat.y * p[3];
  const double g_s = g_m * Sigmoid(r.s) + g_k * (Sigmoid(r.s) - 1.0) / r.w2;
  const double g_w2 = -g_k * (r.m - r.s) / (r.w2 * r.w2);
  grad[0] += g_uhat.x + g_s * p[2];
  grad[1] += g_uhat.y + g_s * p[3];
  grad[2] += g_a * x.x + g_uhat.x * r.k + g_s * p[0] + g_w2 * 2.0 * p[2];
  grad[3] += g_a * x.y + g_uhat.y * r.k + g_s * p[1] + g_w2 * 2.0 * p[3];
  grad[4] += g_a;
  return {gy.x + g_a * p[2], gy.y + g_a * p[3]};
}

}  // namespace netlab
