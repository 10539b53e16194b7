// The Gaussian-process surrogate against closed forms: a two-point posterior worked by hand with the
// 2x2 inverse, the one-point marginal likelihood, and expected improvement against numerical integration.
#include <catch2/catch.hpp>

#include <cmath>

#include "search/gaussian_process.h"

using namespace netlab;

namespace {

const double kPi = 3.14159265358979323846;

Eigen::VectorXd Scalar(double x) { return Eigen::VectorXd::Constant(1, x); }

}  // namespace

TEST_CASE("two-point GP posterior matches the closed form with the 2x2 inverse", "[gp]") {
  // X = {0, 1}, y = {1, -0.5}; K = [[s + n, k], [k, s + n]] with k = s exp(-1 / (2 l^2)), so
  // K^-1 = [[s + n, -k], [-k, s + n]] / ((s + n)^2 - k^2).
  const double l = 0.7, s = 1.3, n = 0.01;
  const double y0 = 1.0, y1 = -0.5;
  Eigen::MatrixXd inputs(2, 1);
  inputs << 0.0, 1.0;
  Eigen::VectorXd targets(2);
  targets << y0, y1;
  GaussianProcess gp;
  REQUIRE(gp.Fit(inputs, targets, {l, s, n}));
  const double k = s * std::exp(-1.0 / (2 * l * l));
  const double det = (s + n) * (s + n) - k * k;
  for (double x : {-0.5, 0.0, 0.3, 0.5, 1.0, 2.0}) {
    const double k0 = s * std::exp(-x * x / (2 * l * l)), k1 = s * std::exp(-(x - 1) * (x - 1) / (2 * l * l));
    const double a0 = ((s + n) * y0 - k * y1) / det, a1 = (-k * y0 + (s + n) * y1) / det;
    const double expected_mean = k0 * a0 + k1 * a1;
    const double quadratic = ((s + n) * (k0 * k0 + k1 * k1) - 2 * k * k0 * k1) / det;
    const double expected_variance = s - quadratic;
    double mean, variance;
    gp.Predict(Scalar(x), mean, variance);
    CHECK(mean == Approx(expected_mean).margin(1e-12));
    CHECK(variance == Approx(expected_variance).margin(1e-12));
  }
}

TEST_CASE("a noise-free GP interpolates its data and returns to the prior far away", "[gp]") {
  Eigen::MatrixXd inputs(2, 1);
  inputs << 0.0, 1.0;
  Eigen::VectorXd targets(2);
  targets << 1.0, -1.0;
  GaussianProcess gp;
  REQUIRE(gp.Fit(inputs, targets, {1.0, 1.0, 1e-12}));
  double mean, variance;
  gp.Predict(Scalar(0.0), mean, variance);
  CHECK(mean == Approx(1.0).margin(1e-6));
  CHECK(variance == Approx(0.0).margin(1e-6));
  // Midway, symmetric data gives mean 0 and variance 1 - 2 a^2 / (1 + k), a = e^-1/8, k = e^-1/2.
  gp.Predict(Scalar(0.5), mean, variance);
  CHECK(mean == Approx(0.0).margin(1e-9));
  const double a = std::exp(-0.125), k = std::exp(-0.5);
  CHECK(variance == Approx(1.0 - 2 * a * a / (1 + k)).margin(1e-9));
  gp.Predict(Scalar(50.0), mean, variance);
  CHECK(mean == Approx(0.0).margin(1e-9));
  CHECK(variance == Approx(1.0).margin(1e-9));
}

TEST_CASE("the log marginal likelihood of one point is the Gaussian log density", "[gp]") {
  Eigen::MatrixXd inputs(1, 2);
  inputs << 0.3, 0.4;
  Eigen::VectorXd targets = Scalar(0.8);
  GaussianProcess gp;
  REQUIRE(gp.Fit(inputs, targets, {0.5, 2.0, 0.1}));
  const double variance = 2.1;
  CHECK(gp.LogMarginalLikelihood() ==
        Approx(-0.8 * 0.8 / (2 * variance) - 0.5 * std::log(variance) - 0.5 * std::log(2 * kPi)));
}

TEST_CASE("expected improvement matches numerical integration of E[max(best - Y, 0)]", "[gp]") {
  for (double mean : {-1.0, 0.0, 0.4, 2.0})
    for (double stddev : {0.1, 0.5, 1.5}) {
      const double best = 0.2;
      // Midpoint rule over mean +- 12 sigma.
      double integral = 0.0;
      const int steps = 200000;
      const double from = mean - 12 * stddev, width = 24 * stddev / steps;
      for (int i = 0; i < steps; ++i) {
        const double y = from + (i + 0.5) * width;
        const double density = std::exp(-0.5 * (y - mean) * (y - mean) / (stddev * stddev)) / (stddev * std::sqrt(2 * kPi));
        integral += std::max(0.0, best - y) * density * width;
      }
      CHECK(ExpectedImprovement(mean, stddev, best) == Approx(integral).margin(1e-7));
    }
  CHECK(ExpectedImprovement(0.5, 0.0, 0.2) == 0.0);
  CHECK(ExpectedImprovement(0.1, 0.0, 0.2) == Approx(0.1));
}

TEST_CASE("a kernel matrix that is not positive definite is reported, not used", "[gp]") {
  Eigen::MatrixXd inputs(2, 1);
  inputs << 0.0, 0.0;  // identical points without noise: K is singular
  Eigen::VectorXd targets(2);
  targets << 1.0, 2.0;
  GaussianProcess gp;
  CHECK_FALSE(gp.Fit(inputs, targets, {0.5, 1.0, -0.5}));
  double mean, variance;
  gp.Predict(Scalar(0.0), mean, variance);
  CHECK(mean == 0.0);
  CHECK(variance == 1.0);
}
