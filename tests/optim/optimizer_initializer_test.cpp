// Optimizer first steps against hand-computed values; initializer statistics against their formulas.
#include <catch2/catch.hpp>

#include <cmath>

#include "nn/initializer.h"
#include "optim/optimizer.h"

using namespace netlab;

namespace {

Matrix Scalar(float v) {
  Matrix m(1, 1);
  m << v;
  return m;
}

}  // namespace

TEST_CASE("SGD, momentum and Adam take their textbook first steps", "[optimizer]") {
  OptimizerSettings s;
  s.learning_rate = 0.1f;
  Matrix w = Scalar(1.0f), g = Scalar(2.0f);
  std::vector<ParameterRef> params = {{&w, &g}};

  s.kind = "sgd";
  CreateOptimizer(s)->Step(params);
  CHECK(w(0, 0) == Approx(1.0 - 0.1 * 2.0));

  s.kind = "momentum";
  s.momentum = 0.9f;
  w = Scalar(1.0f);
  auto momentum = CreateOptimizer(s);
  momentum->Step(params);  // v = -0.2, w = 0.8
  momentum->Step(params);  // v = 0.9 (-0.2) - 0.2 = -0.38, w = 0.42
  CHECK(w(0, 0) == Approx(0.42));

  s.kind = "adam";
  w = Scalar(1.0f);
  auto adam = CreateOptimizer(s);
  adam->Step(params);  // bias correction makes m^ = g and v^ = g², so the step is eta g / (|g| + eps)
  CHECK(w(0, 0) == Approx(0.9).epsilon(1e-6));
  g = Scalar(-1.0f);
  adam->Step(params);
  // m = 0.9 (0.2) + 0.1 (-1) = 0.08 -> m^ = 0.08 / 0.19; v = 0.999 (0.004) + 0.001 = 0.004996 -> v^ = v / 0.001999
  const double m_hat = 0.08 / 0.19, v_hat = 0.004996 / (1 - 0.999 * 0.999);
  CHECK(w(0, 0) == Approx(0.9 - 0.1 * m_hat / std::sqrt(v_hat)).epsilon(1e-5));
}

TEST_CASE("initializers have the mean and variance their formulas promise", "[initializer]") {
  const int fan_in = 200, fan_out = 100;
  struct Expectation {
    const char* name;
    double variance;
  } expectations[] = {
      {"uniform", 0.5 * 0.5 / 3.0},
      {"normal", 0.5 * 0.5},
      {"xavier_uniform", 2.0 / (fan_in + fan_out)},
      {"xavier_normal", 2.0 / (fan_in + fan_out)},
      {"he_uniform", 2.0 / fan_in},
      {"he_normal", 2.0 / fan_in},
      {"lecun_uniform", 1.0 / fan_in},
      {"lecun_normal", 1.0 / fan_in},
  };
  for (const auto& e : expectations) {
    INFO(e.name);
    Rng rng(42);
    Matrix w(fan_in, fan_out);
    FindInitializer(e.name)->fill(w, 0.5f, rng);
    const double mean = w.mean();
    const double variance = (w.array() - float(mean)).square().mean();
    CHECK(std::fabs(mean) < 4.0 * std::sqrt(e.variance / double(w.size())));
    CHECK(variance == Approx(e.variance).epsilon(0.03));
  }
}

TEST_CASE("the RNG's normal draws are standard normal", "[rng]") {
  Rng rng(1);
  double sum = 0, sum_sq = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    double x = rng.Normal();
    sum += x;
    sum_sq += x * x;
  }
  CHECK(std::fabs(sum / n) < 0.01);
  CHECK(sum_sq / n == Approx(1.0).epsilon(0.01));
}
