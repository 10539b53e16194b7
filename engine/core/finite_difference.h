#pragma once
// Centred finite differences, (f(x + h) - f(x - h)) / 2h, evaluated in double precision around float
// parameters: the reference every backward pass in the engine is checked against.
#include <algorithm>
#include <cmath>
#include <functional>

#include "core/tensor.h"

namespace netlab {

// Largest relative error between `analytic` and the numerical gradient of `loss` with respect to each
// entry of `param`, using max(|a|, |n|, floor) as the scale so that near-zero gradients compare absolutely.
inline double MaxRelativeError(Matrix& param, const Matrix& analytic, const std::function<double()>& loss,
                               double step = 1e-2, double floor = 1e-2) {
  double worst = 0.0;
  for (Eigen::Index i = 0; i < param.size(); ++i) {
    const float original = param.data()[i];
    // Divide by the step actually taken: original ± step rounds to float.
    const float up = float(original + step), down = float(original - step);
    param.data()[i] = up;
    const double plus = loss();
    param.data()[i] = down;
    const double minus = loss();
    param.data()[i] = original;
    const double numeric = (plus - minus) / (double(up) - double(down));
    const double a = analytic.data()[i];
    const double scale = std::max({std::fabs(a), std::fabs(numeric), floor});
    worst = std::max(worst, std::fabs(a - numeric) / scale);
  }
  return worst;
}

}  // namespace netlab
