#include "measurements.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "config/config.h"
#include "core/gemm.h"
#include "nn/loss.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "core/rng.h"
#include "conv/small_cnn.h"
#include "core/clock.h"
#include "export/onnx_export.h"
#include "networks/network_builder.h"

namespace netlab::bench {
namespace {

double Now() { return NowSeconds(); }

// Calls `work` once to warm up, then in kRounds rounds of at least min_seconds each; returns the best
// round's calls per second (the machine is shared, so the best round is the least disturbed one).
constexpr int kRounds = 3;
template <class Work>
double CallsPerSecond(double min_seconds, Work&& work) {
  work();
  double best = 0.0;
  for (int round = 0; round < kRounds; ++round) {
    long calls = 0;
    const double start = Now();
    double elapsed = 0.0;
    do {
      work();
      ++calls;
      elapsed = Now() - start;
    } while (elapsed < min_seconds);
    best = std::max(best, double(calls) / elapsed);
  }
  return best;
}

Matrix RandomMatrix(int rows, int cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Uniform(-1.0f, 1.0f);
  return m;
}

double Gflops(int n, double calls_per_second) { return 2.0 * double(n) * n * n * calls_per_second / 1e9; }

}  // namespace

double NetlabGemmGflops(int n, double min_seconds) {
  Rng rng(1);
  const Matrix a = RandomMatrix(n, n, rng), b = RandomMatrix(n, n, rng);
  Matrix c(n, n);
  return Gflops(n, CallsPerSecond(min_seconds, [&] {
    Gemm({n, n, n}, false, a.data(), n, false, b.data(), n, c.data(), n, false);
  }));
}

double EigenGemmGflops(int n, double min_seconds) {
  Rng rng(1);
  const Matrix a = RandomMatrix(n, n, rng), b = RandomMatrix(n, n, rng);
  Matrix c(n, n);
  return Gflops(n, CallsPerSecond(min_seconds, [&] { c.noalias() = a * b; }));
}

namespace {

// One training step per call (forward, loss gradient, backward, Adam) on a fixed batch; samples/s.
double TrainingSamplesPerSecond(Network& network, const Matrix& inputs, const Matrix& targets, double min_seconds) {
  const Loss* loss = FindLoss("softmax_ce");
  OptimizerSettings adam;
  adam.kind = "adam";
  adam.learning_rate = 0.001f;
  std::unique_ptr<Optimizer> optimizer = CreateOptimizer(adam);
  std::vector<ParameterRef> parameters = network.Parameters();
  Matrix grad_output;
  network.SetTraining(true);
  return double(inputs.rows()) * CallsPerSecond(min_seconds, [&] {
    const Matrix& output = network.Forward(inputs);
    loss->gradient(output, targets, grad_output);
    network.Backward(grad_output);
    optimizer->Step(parameters);
  });
}

Matrix RandomOneHot(int rows, int classes, Rng& rng) {
  Matrix targets = Matrix::Zero(rows, classes);
  for (int r = 0; r < rows; ++r) targets(r, int(rng.Below(classes))) = 1.0f;
  return targets;
}

}  // namespace

double MlpSamplesPerSecond(int batch, double min_seconds) {
  Config config;
  config.hidden = {{256, "relu"}, {128, "relu"}};
  config.initializer = "he_uniform";
  Rng rng(2);
  Network network = BuildNetwork(config, 784, 10, rng);
  const Matrix inputs = RandomMatrix(batch, 784, rng), targets = RandomOneHot(batch, 10, rng);
  return TrainingSamplesPerSecond(network, inputs, targets, min_seconds);
}

double CnnSamplesPerSecond(int batch, double min_seconds) {
  Rng rng(3);
  const ImageShape image{1, 28, 28};
  Network network = BuildSmallCnn(image, 10, 16, 32, 128, rng);
  const Matrix inputs = RandomMatrix(batch, image.size(), rng), targets = RandomOneHot(batch, 10, rng);
  return TrainingSamplesPerSecond(network, inputs, targets, min_seconds);
}

double CnnInferenceSamplesPerSecond(int batch, double min_seconds) {
  Rng rng(3);
  const ImageShape image{1, 28, 28};
  Network network = BuildSmallCnn(image, 10, 16, 32, 128, rng);
  const Matrix inputs = RandomMatrix(batch, image.size(), rng);
  network.SetTraining(false);
  return double(batch) * CallsPerSecond(min_seconds, [&] { network.Forward(inputs); });
}

const std::string& SmallCnnOnnx() {
  static std::string bytes;
  if (bytes.empty()) {
    Rng rng(3);
    const ImageShape image{1, 28, 28};
    Network network = BuildSmallCnn(image, 10, 16, 32, 128, rng);
    std::string error;
    if (!ExportNetworkOnnx(network, image.size(), "Netlab bench CNN", bytes, error)) bytes.clear();
  }
  return bytes;
}

}  // namespace netlab::bench
