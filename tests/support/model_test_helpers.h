#pragma once
// Small builders shared by the model tests: He-initialised dense layers, the digits set (random
// matrices and the probe loss come from support/test_support.h).
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "support/data_files.h"
#include "data/built_in.h"
#include "nn/dense.h"
#include "nn/initializer.h"
#include "nn/network.h"
#include "core/rng.h"
#include "support/test_support.h"  // RandomMatrix, Probe

namespace netlab {

inline void AddDense(Network& net, int inputs, int outputs, Rng& rng, const char* initializer = "he_normal") {
  auto dense = std::make_unique<Dense>(inputs, outputs);
  FindInitializer(initializer)->fill(dense->weights, 1.0f, rng);
  net.Add(std::move(dense));
}

inline void AddActivation(Network& net, const char* name) {
  net.Add(std::make_unique<ActivationLayer>(*FindActivation(name)));
}

// The shipped digits split 80/20 with a fixed seed (1438 train, 359 test).
// Read as the Models window reads it (data/built_in.h).
inline void LoadDigitsSplit(LabeledData& train, LabeledData& test, uint64_t seed = 5) {
  BuiltInData digits;
  std::string error;
  Rng rng(seed);
  const bool loaded = LoadBuiltInData("digits", SourcePath("web/data"), rng, digits, error);
  INFO(error);
  REQUIRE(loaded);
  train = std::move(digits.train);
  test = std::move(digits.test);
}

}  // namespace netlab
