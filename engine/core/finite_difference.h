#pragma once
// Centred finite differences, (f(x + h) - f(x - h)) / 2h, evaluated in double precision around float
// parameters: the reference every backward pass in the engine is checked against.
#include <algorithm>
#include <cmath>
#include <functional>

#include "core/tensor.h"

namespace netlab {

// One entry of the numerical gradient: (loss(x + h) - loss(x - h)) / 2h at param(r, c), which is left as
// it was. Divides by the step actually taken: original ± step rounds to float.
inline double CentredDifference(Matrix& param, Eigen::Index r, Eigen::Index c, const std::function<double()>& loss,
                                double step) {
  const float original = param(r, c);
  const float up = float(original + step), down = float(original - step);
  param(r, c) = up;
  const double plus = loss();
  param(r, c) = down;
  const double minus = loss();
  param(r, c) = original;
  return (plus - minus) / (double(up) - double(down));
}

// The numerical gradient of `loss` with respect to every entry of `param` (left as it was).
inline Eigen::MatrixXd NumericalGradient(Matrix& param, const std::function<double()>& loss, double step = 1e-2) {
  // Indexed by (row, column), not through data(): Matrix and MatrixXd need not share a storage order.
  Eigen::MatrixXd numeric(param.rows(), param.cols());
  for (Eigen::Index r = 0; r < param.rows(); ++r)
    for (Eigen::Index c = 0; c < param.cols(); ++c) numeric(r, c) = CentredDifference(param, r, c, loss, step);
  return numeric;
}

// Relative error of a whole gradient tensor, |a - n| / (|a| + |n|) in Euclidean norms (CS231n's
// gradient-check notes, per tensor): a tensor of small gradients is judged on its own scale, and an
// all-zero analytic gradient against a non-zero numerical one scores 1, however small the gradients.
// Both exactly zero (a tensor the loss does not depend on) scores 0. `noise_floor` (default 0) bounds the
// denominator from below for whole networks in float, where a gradient that is zero by construction (a
// bias just before batch norm) is float noise of ~1e-7 / h per entry on both sides.
inline double RelativeError(const Eigen::MatrixXd& analytic, const Eigen::MatrixXd& numeric, double noise_floor = 0.0) {
  const double scale = std::max(analytic.norm() + numeric.norm(), noise_floor);
  return scale > 0.0 ? (analytic - numeric).norm() / scale : 0.0;
}

inline double GradientRelativeError(Matrix& param, const Matrix& analytic, const std::function<double()>& loss,
                                    double step = 1e-2, double noise_floor = 0.0) {
  return RelativeError(analytic.cast<double>(), NumericalGradient(param, loss, step), noise_floor);
}

}  // namespace netlab
