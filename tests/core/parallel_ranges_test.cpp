// Element-wise work split over the GEMM's threads (core/parallel_ranges.h): every element is done once,
// and the layers that use it give the same values as their definitions with 1 thread and with 3.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/gemm.h"
#include "core/parallel_ranges.h"
#include "core/rng.h"
#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "support/test_support.h"

using namespace netlab;

TEST_CASE("ForEachRange visits every element exactly once, whatever the size and thread count", "[core][threads]") {
  for (int threads : {1, 3}) {
    SetGemmThreads(threads);
    for (long n : {0L, 1L, 4095L, 4096L, 8192L, 10001L, 100000L}) {
      std::vector<int> visits(size_t(n), 0);
      ForEachRange(n, [&](long begin, long end) {
        for (long i = begin; i < end; ++i) ++visits[size_t(i)];
      });
      long wrong = 0;
      for (int v : visits) wrong += v != 1;
      INFO("threads " << threads << ", n " << n);
      CHECK(wrong == 0);
    }
  }
  SetGemmThreads(1);
}

TEST_CASE("activations split into ranges equal f(x) and g * f'(x) element by element", "[core][threads][nn]") {
  Rng rng(5);
  const Matrix x = RandomMatrix(37, 300, rng), g = RandomMatrix(37, 300, rng);  // 11,100 elements: two ranges
  for (int threads : {1, 3}) {
    SetGemmThreads(threads);
    for (const Activation& act : Activations()) {
      if (!act.elementwise) continue;
      Matrix y, dx;
      ApplyActivation(act, x, y);
      ActivationBackward(act, x, y, g, dx);
      long wrong = 0;
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        wrong += y.data()[i] != act.value(x.data()[i]);
        wrong += dx.data()[i] != g.data()[i] * act.derivative(x.data()[i], y.data()[i]);
      }
      INFO(act.name << ", threads " << threads);
      CHECK(wrong == 0);
    }
    // ReLU in closed form: max(0, x) and g [x > 0].
    ActivationLayer relu(*FindActivation("relu"));
    Matrix y, dx;
    relu.Forward(x, y);
    relu.Backward(g, dx);
    long wrong = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      wrong += y.data()[i] != std::max(0.0f, x.data()[i]);
      wrong += dx.data()[i] != (x.data()[i] > 0.0f ? g.data()[i] : 0.0f);
    }
    CHECK(wrong == 0);
  }
  SetGemmThreads(1);
}

TEST_CASE("Dense's bias split into ranges matches X W + b, and its bias gradient the batch's column sums", "[core][threads][nn]") {
  Rng rng(6);
  const int batch = 64, in = 97, out = 130;
  Dense dense(in, out);
  dense.weights = RandomMatrix(in, out, rng);
  dense.bias = RandomMatrix(1, out, rng);
  const Matrix x = RandomMatrix(batch, in, rng), g = RandomMatrix(batch, out, rng);
  for (int threads : {1, 3}) {
    SetGemmThreads(threads);
    Matrix y, dx;
    dense.Forward(x, y);
    dense.Backward(g, dx);
    double worst_y = 0.0, worst_b = 0.0;
    for (int j = 0; j < out; ++j) {
      double column_sum = 0.0;
      for (int r = 0; r < batch; ++r) {
        double expected = dense.bias(0, j);
        for (int p = 0; p < in; ++p) expected += double(x(r, p)) * dense.weights(p, j);
        worst_y = std::max(worst_y, std::fabs(y(r, j) - expected) / (1.0 + std::fabs(expected)));
        column_sum += g(r, j);
      }
      worst_b = std::max(worst_b, std::fabs(dense.bias_gradient(0, j) - column_sum) / (1.0 + std::fabs(column_sum)));
    }
    INFO("threads " << threads);
    CHECK(worst_y < 1e-5);
    CHECK(worst_b < 1e-5);
  }
  SetGemmThreads(1);
}
