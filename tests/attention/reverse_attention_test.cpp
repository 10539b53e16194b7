// The attention toy: its backward pass against centred finite differences, tensor by tensor, and training
// that learns to reverse sequences with the attention matrix turning into the anti-diagonal.
#include <catch2/catch.hpp>

#include <vector>

#include "attention/reverse_attention.h"
#include "core/finite_difference.h"

using namespace netlab;

TEST_CASE("reverse attention's gradients match centred finite differences", "[attention]") {
  Rng rng(4);
  ReverseAttention model(4, 5, 6, rng);
  const auto sequences = model.SampleSequences(3, rng);
  model.Loss(sequences, true);
  const std::vector<ParameterRef> parameters = model.Parameters();
  const char* names[] = {"embed", "position", "query", "key", "value", "output", "output_bias"};
  for (size_t k = 0; k < parameters.size(); ++k) {
    const Matrix analytic = *parameters[k].gradient;
    // Float parameters, a double loss: a step of 1e-3 keeps the rounding of x ± h small against the
    // curvature error; 1e-3 relative error per tensor is the engine's usual float bar.
    const double error = GradientRelativeError(*parameters[k].value, analytic, [&] { return model.Loss(sequences, false); }, 1e-3);
    INFO(names[k] << " relative error " << error);
    CHECK(error < 1e-3);
  }
}

TEST_CASE("reverse attention learns to reverse and its attention becomes the anti-diagonal", "[attention]") {
  Rng rng(1);
  ReverseAttention model(6, 8, 16, rng);
  OptimizerSettings settings;
  settings.kind = "adam";
  settings.learning_rate = 0.01f;
  std::unique_ptr<Optimizer> adam = CreateOptimizer(settings);
  const std::vector<ParameterRef> parameters = model.Parameters();
  Rng test_rng(99);
  const auto test = model.SampleSequences(200, test_rng);
  // Chance: 1 in 8 tokens right, 1/6 of the attention on the anti-diagonal (uniform attention).
  CHECK(model.Accuracy(test) < 0.3);
  CHECK(model.AntiDiagonalWeight(test) < 0.4);
  for (int step = 0; step < 1500; ++step) {
    model.Loss(model.SampleSequences(32, rng), true);
    adam->Step(parameters);
  }
  const double accuracy = model.Accuracy(test), diagonal = model.AntiDiagonalWeight(test);
  INFO("accuracy " << accuracy << ", anti-diagonal weight " << diagonal);
  CHECK(accuracy > 0.99);
  CHECK(diagonal > 0.9);
}
