#include "flows/coupling_layer.h"

#include <cmath>

namespace netlab {
namespace {

double& Coordinate(Point2& p, int i) { return i == 0 ? p.x : p.y; }
double Coordinate(const Point2& p, int i) { return i == 0 ? p.x : p.y; }

}  // namespace

CouplingLayer::CouplingLayer(int changed, int hidden, bool affine, Rng& rng)
    : changed_(changed), hidden_(hidden), affine_(affine) {
  parameters_.assign(size_t(hidden * (affine ? 4 : 3) + (affine ? 2 : 1)), 0.0);
  for (int j = 0; j < hidden; ++j) {
    parameters_[size_t(j)] = rng.Normal();                // W1: N(0, 1), the input is O(1)
    parameters_[size_t(hidden + j)] = rng.Normal(0.0f, 0.5f);  // b1
  }
}

void CouplingLayer::Conditioner(double c, double& s, double& t, std::vector<double>* hidden) const {
  const double* p = parameters_.data();
  const int H = hidden_;
  s = 0.0;
  t = p[3 * H];
  if (affine_) s = p[4 * H + 1];
  for (int j = 0; j < H; ++j) {
    const double h = std::tanh(p[j] * c + p[H + j]);
    if (hidden) (*hidden)[size_t(j)] = h;
    t += p[2 * H + j] * h;
    if (affine_) s += p[3 * H + 1 + j] * h;
  }
}

Point2 CouplingLayer::Forward(const Point2& x, double& log_det) const {
  double s, t;
  Conditioner(Coordinate(x, 1 - changed_), s, t, nullptr);
  Point2 y = x;
  Coordinate(y, changed_) = Coordinate(x, changed_) * std::exp(s) + t;
  log_det += s;
  return y;
}

Point2 CouplingLayer::Inverse(const Point2& y) const {
  double s, t;
  Conditioner(Coordinate(y, 1 - changed_), s, t, nullptr);  // c passes unchanged, so y holds it
  Point2 x = y;
  Coordinate(x, changed_) = (Coordinate(y, changed_) - t) * std::exp(-s);
  return x;
}

Point2 CouplingLayer::Backward(const Point2& x, const Point2& gy, double gl, double* grad) const {
  const double* p = parameters_.data();
  const int H = hidden_;
  const double c = Coordinate(x, 1 - changed_), v = Coordinate(x, changed_);
  std::vector<double> h(static_cast<size_t>(H));
  double s, t;
  Conditioner(c, s, t, &h);
  const double e = std::exp(s), g_out = Coordinate(gy, changed_);
  const double g_t = g_out;                          // y = v e^s + t
  const double g_s = affine_ ? g_out * v * e + gl : 0.0;  // and log_det = s
  double g_c = 0.0;
  for (int j = 0; j < H; ++j) {
    double g_h = g_t * p[2 * H + j];
    grad[2 * H + j] += g_t * h[size_t(j)];
    if (affine_) {
      g_h += g_s * p[3 * H + 1 + j];
      grad[3 * H + 1 + j] += g_s * h[size_t(j)];
    }
    const double g_pre = g_h * (1.0 - h[size_t(j)] * h[size_t(j)]);  // tanh' = 1 − tanh²
    grad[j] += g_pre * c;
    grad[H + j] += g_pre;
    g_c += g_pre * p[j];
  }
  grad[3 * H] += g_t;
  if (affine_) grad[4 * H + 1] += g_s;
  Point2 gx;
  Coordinate(gx, changed_) = g_out * e;
  Coordinate(gx, 1 - changed_) = Coordinate(gy, 1 - changed_) + g_c;
  return gx;
}

ElementwiseAffine::ElementwiseAffine() { parameters_ = {0.0, 0.0, 0.0, 0.0}; }

Point2 ElementwiseAffine::Forward(const Point2& x, double& log_det) const {
  const std::vector<double>& p = parameters_;
  log_det += p[0] + p[1];
  return {x.x * std::exp(p[0]) + p[2], x.y * std::exp(p[1]) + p[3]};
}

Point2 ElementwiseAffine::Inverse(const Point2& y) const {
  const std::vector<double>& p = parameters_;
  return {(y.x - p[2]) * std::exp(-p[0]), (y.y - p[3]) * std::exp(-p[1])};
}

Point2 ElementwiseAffine::Backward(const Point2& x, const Point2& gy, double gl, double* grad) const {
  const std::vector<double>& p = parameters_;
  const double ex = std::exp(p[0]), ey = std::exp(p[1]);
  grad[0] += gy.x * x.x * ex + gl;
  grad[1] += gy.y * x.y * ey + gl;
  grad[2] += gy.x;
  grad[3] += gy.y;
  return {gy.x * ex, gy.y * ey};
}

}  // namespace netlab
