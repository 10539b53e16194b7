// SGLD (Welling & Teh 2011) against the closed-form posterior of Bayesian linear regression.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <vector>

#include "core/rng.h"
#include "optim/optimizer.h"
#include "core/shuffle.h"

using namespace netlab;

// Model y = theta^T x + e, e ~ N(0, 1): the per-sample loss 1/2 (y - theta^T x)^2 is -log p(y | x, theta)
// up to a constant, and the L2 setting lambda is the prior N(0, 1 / (N lambda)). The posterior is then
// Gaussian with precision A = X^T X + N lambda I and mean A^-1 X^T y (Bishop 2006, eq. 3.53-3.54).
TEST_CASE("SGLD samples the Bayesian linear-regression posterior: its mean and variance", "[optimizer][sgld][long]") {
  const int N = 200, n = 50, chains = 400, steps = 3000;
  const float lambda = 0.05f;
  Rng data_rng(11);
  Matrix X(N, 2), y(N, 1);
  for (int i = 0; i < N; ++i) {
    X(i, 0) = data_rng.Normal();
    X(i, 1) = data_rng.Normal(0.5f, 1.0f);
    y(i, 0) = 1.0f * X(i, 0) - 0.5f * X(i, 1) + data_rng.Normal();
  }
  const Eigen::Matrix2d A = X.cast<double>().transpose() * X.cast<double>() + N * double(lambda) * Eigen::Matrix2d::Identity();
  const Eigen::Vector2d mean = A.ldlt().solve(X.cast<double>().transpose() * y.cast<double>().col(0));
  const Eigen::Matrix2d covariance = A.inverse();

  OptimizerSettings s;
  s.kind = "sgld";
  s.learning_rate = 0.02f;
  s.training_samples = N;
  std::vector<Eigen::Vector2d> samples;
  std::vector<int> order(N);
  Matrix batch_x(n, 2), batch_y(n, 1);
  for (int chain = 0; chain < chains; ++chain) {
    s.seed = uint64_t(chain + 1);
    auto sgld = CreateOptimizer(s);
    Matrix theta = Matrix::Zero(2, 1), gradient(2, 1);
    std::vector<ParameterRef> params = {{&theta, &gradient, true}};
    Rng batch_rng(1000 + uint64_t(chain));
    std::iota(order.begin(), order.end(), 0);
    for (int t = 0; t < steps; ++t) {
      const int start = (t * n) % N;
      if (start == 0)
        Shuffle(order, batch_rng);
      for (int r = 0; r < n; ++r) {
        batch_x.row(r) = X.row(order[size_t(start + r)]);
        batch_y.row(r) = y.row(order[size_t(start + r)]);
      }
      // What the trainer hands over: the mean batch loss gradient plus the L2 term.
      gradient = batch_x.transpose() * (batch_x * theta - batch_y) / float(n) + lambda * theta;
      sgld->Step(params);
      // The chain mixes in ~100 steps (1 / (eta_t * eigenvalue of A / N)); keep every 100th of the last 1000.
      if (t >= steps - 1000 && t % 100 == 0) samples.push_back(theta.cast<double>().col(0));
    }
  }
  Eigen::Vector2d sample_mean = Eigen::Vector2d::Zero();
  for (const auto& v : samples) sample_mean += v;
  sample_mean /= double(samples.size());
  Eigen::Matrix2d sample_covariance = Eigen::Matrix2d::Zero();
  for (const auto& v : samples) sample_covariance += (v - sample_mean) * (v - sample_mean).transpose();
  sample_covariance /= double(samples.size() - 1);
  for (int d = 0; d < 2; ++d) {
    INFO("dimension " << d);
    const double sd = std::sqrt(covariance(d, d));
    // 4000 samples: the mean's standard error is sd / 63; 0.1 sd is over 6 standard errors.
    CHECK(std::fabs(sample_mean(d) - mean(d)) < 0.1 * sd);
    // The variance's standard error is sqrt(2 / 4000) = 2.2 %; minibatch noise adds ~eta_t N V / (2n) ~ 2 %.
    CHECK(sample_covariance(d, d) == Approx(covariance(d, d)).epsilon(0.1));
  }
}

TEST_CASE("SGLD's step size decreases as eta (1 + t/1000)^-0.55", "[optimizer][sgld]") {
  OptimizerSettings s;
  s.kind = "sgld";
  s.learning_rate = 0.1f;
  s.temperature = 0.0f;  // no noise: the step is -eta_t g
  Matrix w = Matrix::Zero(1, 1), g = Matrix::Constant(1, 1, 1.0f);
  std::vector<ParameterRef> params = {{&w, &g}};
  auto sgld = CreateOptimizer(s);
  for (int t = 0; t < 2000; ++t) sgld->Step(params);
  double expected = 0.0;
  for (int t = 0; t < 2000; ++t) expected -= 0.1 * std::pow(1.0 + t / 1000.0, -0.55);
  CHECK(double(w(0, 0)) == Approx(expected).epsilon(1e-4));
}
