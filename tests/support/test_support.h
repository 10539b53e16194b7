#pragma once
// Helpers shared by the gradient and model tests.
#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

inline Matrix RandomMatrix(int rows, int cols, Rng& rng, float scale = 1.0f) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Normal(0.0f, scale);
  return m;
}

// Scalar probe loss sum(output ⊙ weights), accumulated in double, so that dL/d(output) = weights.
inline double Probe(const Matrix& output, const Matrix& weights) {
  return output.cast<double>().cwiseProduct(weights.cast<double>()).sum();
}

}  // namespace netlab
