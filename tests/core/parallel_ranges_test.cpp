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

namespace {
Dense RandomDense(int inputs, int outputs, Rng& rng) {
  Dense dense(inputs, outputs);
  dense.weights = RandomMatrix(inputs, outputs, rng);
  dense.bias = RandomMatrix(1, outputs, rng);
  return dense;
}
}  // namespace

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
  Dense dense = RandomDense(in, out, rng);
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

TEST_CASE("Dense's backward with dW and dX one per thread gives one thread's bits, and the products' values",
          "[core][threads][nn]") {
  // 64 x 97 x 130 multiply-adds each: worth a thread, so with two active threads the two products run
  // side by side (Dense::BackwardWith), with more each is split; every way must give the same bits.
  Rng rng(9);
  const int batch = 64, in = 97, out = 130;
  Dense dense = RandomDense(in, out, rng);
  const Matrix x = RandomMatrix(batch, in, rng), g = RandomMatrix(batch, out, rng);
  Matrix y, dx[3], dw[3], db[3];
  const int thread_counts[3] = {1, 2, 3};
  for (int run = 0; run < 3; ++run) {
    SetGemmThreads(thread_counts[run]);
    if (run == 1 && ActiveGemmThreads() != 2) WARN("fewer than 2 cores: the side-by-side products are not exercised");
    dense.Forward(x, y);
    dense.Backward(g, dx[run]);
    dw[run] = dense.weights_gradient;
    db[run] = dense.bias_gradient;
  }
  SetGemmThreads(1);
  for (int run = 1; run < 3; ++run) {
    INFO("threads " << thread_counts[run]);
    CHECK((dx[run].array() == dx[0].array()).all());
    CHECK((dw[run].array() == dw[0].array()).all());
    CHECK((db[run].array() == db[0].array()).all());
  }
  // dX = dY Wᵀ and dW = Xᵀ dY, summed in double.
  double worst_dx = 0.0, worst_dw = 0.0;
  for (int r = 0; r < batch; ++r)
    for (int p = 0; p < in; ++p) {
      double expected = 0.0;
      for (int j = 0; j < out; ++j) expected += double(g(r, j)) * dense.weights(p, j);
      worst_dx = std::max(worst_dx, std::fabs(dx[0](r, p) - expected) / (1.0 + std::fabs(expected)));
    }
  for (int p = 0; p < in; ++p)
    for (int j = 0; j < out; ++j) {
      double expected = 0.0;
      for (int r = 0; r < batch; ++r) expected += double(x(r, p)) * g(r, j);
      worst_dw = std::max(worst_dw, std::fabs(dw[0](p, j) - expected) / (1.0 + std::fabs(expected)));
    }
  CHECK(worst_dx < 1e-5);
  CHECK(worst_dw < 1e-5);
}
