// PCA against what it promises: a hand-computed 2-D case, exact reconstruction of data lying in a
// k-dimensional affine subspace, orthonormal components, and the Eckart-Young identity that the mean
// squared reconstruction error with k components is the sum of the discarded eigenvalues.
#include <catch2/catch.hpp>

#include <cmath>

#include "support/model_test_helpers.h"
#include "models/pca.h"

using namespace netlab;

TEST_CASE("PCA of four points on the axes finds the axes with variances a^2/2 and b^2/2", "[pca]") {
  // (±3, 0) and (0, ±1), shifted by (5, -2): mean (5, -2), covariance diag(9/2, 1/2).
  Matrix data(4, 2);
  data << 8, -2, 2, -2, 5, -1, 5, -3;
  const Pca pca = FitPca(data, 1);
  CHECK(pca.mean(0) == Approx(5.0f));
  CHECK(pca.mean(1) == Approx(-2.0f));
  CHECK(pca.eigenvalues(0) == Approx(4.5));
  CHECK(pca.eigenvalues(1) == Approx(0.5));
  CHECK(std::abs(pca.components(0, 0)) == Approx(1.0f));
  CHECK(pca.components(0, 1) == Approx(0.0f).margin(1e-6));
  // One component keeps x and loses y: the points (5, -1) and (5, -3) collapse to the mean.
  const Matrix reconstruction = pca.Reconstruct(pca.Project(data));
  CHECK(reconstruction(0, 0) == Approx(8.0f));
  CHECK(reconstruction(2, 1) == Approx(-2.0f));
  CHECK(MeanSquaredReconstructionError(data, reconstruction) == Approx(0.5));
}

TEST_CASE("PCA reconstructs data in a k-dimensional affine subspace exactly with k components", "[pca]") {
  Rng rng(11);
  const int n = 200, d = 12, k = 3;
  const Matrix basis = RandomMatrix(k, d, rng);
  const Matrix offset = RandomMatrix(1, d, rng, 4.0f);
  const Matrix data = (RandomMatrix(n, k, rng) * basis).rowwise() + offset.row(0);
  const Pca pca = FitPca(data, k);
  REQUIRE(pca.size() == k);
  const Matrix reconstruction = pca.Reconstruct(pca.Project(data));
  CHECK((reconstruction - data).cwiseAbs().maxCoeff() < 1e-4f);
  // Only k directions carry variance.
  CHECK(pca.eigenvalues(k - 1) > 0.1);
  CHECK(std::abs(pca.eigenvalues(k)) < 1e-9 * pca.eigenvalues(0));
  // With fewer components than the subspace has dimensions something is lost.
  const Pca smaller = FitPca(data, k - 1);
  CHECK(MeanSquaredReconstructionError(data, smaller.Reconstruct(smaller.Project(data))) > 0.1);
}

TEST_CASE("PCA components are orthonormal and sorted by the variance of their codes", "[pca]") {
  Rng rng(12);
  const int n = 500, d = 10, k = 6;
  const Matrix data = RandomMatrix(n, d, rng) * RandomMatrix(d, d, rng);
  const Pca pca = FitPca(data, k);
  const Matrix gram = pca.components * pca.components.transpose();
  CHECK((gram - Matrix::Identity(k, k)).cwiseAbs().maxCoeff() < 1e-5f);
  const Eigen::MatrixXd codes = pca.Project(data).cast<double>();
  for (int i = 0; i < k; ++i) {
    INFO("component " << i);
    CHECK(codes.col(i).mean() == Approx(0.0).margin(1e-4 * std::sqrt(pca.eigenvalues(0))));
    CHECK(codes.col(i).squaredNorm() / n == Approx(pca.eigenvalues(i)).epsilon(1e-4));
    if (i > 0) CHECK(pca.eigenvalues(i) <= pca.eigenvalues(i - 1));
  }
}

TEST_CASE("PCA's mean squared reconstruction error is the sum of the discarded eigenvalues", "[pca]") {
  Rng rng(13);
  const int n = 400, d = 8;
  const Matrix data = (RandomMatrix(n, d, rng) * RandomMatrix(d, d, rng)).rowwise() +
                      RandomMatrix(1, d, rng).row(0);
  const double total_variance = FitPca(data, 0).eigenvalues.sum();
  for (int k = 0; k <= d; ++k) {
    INFO("k = " << k);
    const Pca pca = FitPca(data, k);
    const double error = MeanSquaredReconstructionError(data, pca.Reconstruct(pca.Project(data)));
    const double discarded = pca.eigenvalues.tail(d - k).sum();
    CHECK(error == Approx(discarded).margin(1e-5 * total_variance));
    if (k == 0) CHECK(error == Approx(total_variance).epsilon(1e-5));  // the mean alone: all variance lost
    if (k == d) CHECK(error < 1e-8 * total_variance);                    // every direction kept
  }
}
