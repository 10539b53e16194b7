#include "models/mmd.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace netlab {
namespace {

double SquaredDistance(const Matrix& a, int i, const Matrix& b, int j) {
  double total = 0.0;
  for (Eigen::Index c = 0; c < a.cols(); ++c) {
    const double d = double(a(i, c)) - double(b(j, c));
    total += d * d;
  }
  return total;
}

}  // namespace

double GaussianKernel(const Matrix& a, int i, const Matrix& b, int j, double bandwidth, int scales) {
  // Halving the width raises the kernel to the 4th power: one exp serves every scale.
  double k = std::exp(-SquaredDistance(a, i, b, j) / (2.0 * bandwidth * bandwidth)), total = 0.0;
  for (int s = 0; s < scales; ++s, k *= k * k * k) total += k;
  return total / std::max(scales, 1);
}

double SquaredMmd(const Matrix& x, const Matrix& y, double bandwidth, int scales) {
  const int m = int(x.rows());
  if (m < 2 || y.rows() != x.rows() || y.cols() != x.cols()) return std::numeric_limits<double>::quiet_NaN();
  // Σ_{i≠j} h(z_i, z_j) = Σ_{i≠j} k(x_i, x_j) + Σ_{i≠j} k(y_i, y_j) - 2 Σ_{i≠j} k(x_i, y_j): the within-sample
  // sums are symmetric, so each pair i < j is counted twice.
  double within = 0.0, across = 0.0;
  for (int i = 0; i < m; ++i) {
    for (int j = i + 1; j < m; ++j)
      within += 2.0 * (GaussianKernel(x, i, x, j, bandwidth, scales) + GaussianKernel(y, i, y, j, bandwidth, scales));
    for (int j = 0; j < m; ++j)
      if (j != i) across += GaussianKernel(x, i, y, j, bandwidth, scales);
  }
  return (within - 2.0 * across) / (double(m) * double(m - 1));
}

double MedianPairwiseDistance(const Matrix& points) {
  const int n = int(points.rows());
  std::vector<double> distances;
  distances.reserve(size_t(n) * size_t(std::max(n - 1, 0)) / 2);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) distances.push_back(std::sqrt(SquaredDistance(points, i, points, j)));
  if (distances.empty()) return 1.0;
  const size_t middle = distances.size() / 2;
  std::nth_element(distances.begin(), distances.begin() + long(middle), distances.end());
  double median = distances[middle];
  if (distances.size() % 2 == 0) median = 0.5 * (median + *std::max_element(distances.begin(), distances.begin() + long(middle)));
  return median > 0.0 ? median : 1.0;
}

}  // namespace netlab
