#pragma once
// Small builders shared by the model tests: random matrices, He-initialised dense layers, the digits set.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "support/data_files.h"
#include "data/labeled.h"
#include "nn/dense.h"
#include "nn/initializer.h"
#include "nn/network.h"
#include "core/rng.h"

namespace netlab {

inline Matrix RandomNormalMatrix(int rows, int cols, Rng& rng, float scale = 1.0f) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Normal(0.0f, scale);
  return m;
}

// Scalar probe loss sum(output ⊙ weights): its gradient with respect to the output is `weights`.
inline double ProbeLoss(const Matrix& output, const Matrix& weights) {
  return output.cast<double>().cwiseProduct(weights.cast<double>()).sum();
}

inline void AddDense(Network& net, int inputs, int outputs, Rng& rng, const char* initializer = "he_normal") {
  auto dense = std::make_unique<Dense>(inputs, outputs);
  FindInitializer(initializer)->fill(dense->weights, 1.0f, rng);
  net.Add(std::move(dense));
}

inline void AddActivation(Network& net, const char* name) {
  net.Add(std::make_unique<ActivationLayer>(*FindActivation(name)));
}

// The shipped digits split 80/20 with a fixed seed (1438 train, 359 test).
inline void LoadDigitsSplit(LabeledData& train, LabeledData& test, uint64_t seed = 5) {
  std::string text, error;
  LabeledData all;
  REQUIRE(ReadTextFile(SourcePath("web/data/digits.csv"), text));
  const bool parsed = ParseDigitsCsv(text, all, error);
  INFO(error);
  REQUIRE(parsed);
  Rng rng(seed);
  SplitTrainTest(all, 0.2f, rng, train, test);
}

}  // namespace netlab
