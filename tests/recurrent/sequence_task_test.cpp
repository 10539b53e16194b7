// The RNN tab's sine task: the plain RNN's backpropagation through time and the regressor's whole
// gradient against finite differences, every cell learning next-value prediction far below the naive
// predictors, free-running generation (kept on track by input noise), and the guard that keeps a
// non-finite step off the weights.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "core/finite_difference.h"
#include "support/model_test_helpers.h"
#include "support/sine_cells.h"
#include "recurrent/recurrent_gradient_check.h"
#include "recurrent/sequence_task.h"
#include "recurrent/simple_rnn.h"

using namespace netlab;

namespace {

constexpr double kNoClipping = std::numeric_limits<double>::infinity();

std::unique_ptr<Optimizer> Adam(float learning_rate) {
  OptimizerSettings settings;
  settings.learning_rate = learning_rate;
  return CreateOptimizer(settings);
}

struct Baselines {
  double zero = 0.0, repeat_last = 0.0;  // predicting 0, and predicting x_{t+1} = x_t
};

Baselines NaiveErrors(const SineBatch& b) {
  Baselines e;
  double count = 0.0;
  for (size_t t = 0; t < b.targets.size(); ++t) {
    e.zero += double(b.targets[t].squaredNorm());
    e.repeat_last += double((b.inputs[t] - b.targets[t]).squaredNorm());
    count += double(b.targets[t].rows());
  }
  e.zero /= count;
  e.repeat_last /= count;
  return e;
}

struct Trained {
  double untrained, trained;
  Baselines naive;
};

// Batches of 32, Adam 0.01, clipping at 1, as the tab trains; the held-out batch is clean.
Trained TrainOnSines(SineRegressor& model, int updates, Rng& rng, int steps = 25, float noise = 0.0f) {
  SineBatch held_out, batch;
  MakeSineBatch(256, steps, 0.0f, rng, held_out);
  Trained result{model.Evaluate(held_out), 0.0, NaiveErrors(held_out)};
  auto optimizer = Adam(0.01f);
  for (int u = 0; u < updates; ++u) {
    MakeSineBatch(32, steps, noise, rng, batch);
    model.TrainStep(batch, *optimizer, 1.0);
  }
  result.trained = model.Evaluate(held_out);
  return result;
}

}  // namespace

TEST_CASE("plain RNN backpropagation through time matches finite differences", "[sequence][gradient]") {
  SimpleRnn cell(2, 3);
  CheckCellGradients(cell, 23, 5);
}

TEST_CASE("the sine regressor's gradient (cell, readout, mean squared error) matches finite differences",
          "[sequence][gradient]") {
  ForEachCellOnSines(31, 4, 3, 6, 0.1f, [](SineRegressor& model, const SineBatch& batch) {
    auto frozen = Adam(0.0f);  // leaves the weights where the gradient was taken
    model.TrainStep(batch, *frozen, kNoClipping);
    for (const ParameterRef& p : model.parameters()) {
      const Matrix analytic = *p.gradient;
      CHECK(GradientRelativeError(*p.value, analytic, [&] { return model.Evaluate(batch); }, 1e-2) < 2e-2);
    }
  });
}

TEST_CASE("LSTM, GRU and plain RNN learn to predict the next sine value far below the naive predictors",
          "[sequence][training]") {
  for (const char* kind : {"lstm", "gru", "rnn"}) {
    Rng rng(7);
    SineRegressor model(kind, 16, rng);
    REQUIRE(model.valid());
    const Trained r = TrainOnSines(model, 300, rng);
    WARN(kind << ": held-out MSE " << r.trained << " after 300 updates, " << r.untrained << " untrained; predicting 0 "
              << r.naive.zero << ", repeating the last value " << r.naive.repeat_last);
    CHECK(r.trained < 0.05 * r.naive.zero);
    CHECK(r.trained < 0.3 * r.naive.repeat_last);
    CHECK(r.trained < 0.05 * r.untrained);
  }
}

TEST_CASE("free-running generation continues the seed and repeats exactly", "[sequence]") {
  Rng rng(3);
  SineRegressor model("gru", 16, rng);
  TrainOnSines(model, 1500, rng);
  const float omega = 0.4f, phase = 1.0f;
  std::vector<float> seed, truth;
  for (int t = 0; t < 25; ++t) seed.push_back(std::sin(omega * float(t) + phase));
  for (int t = 25; t < 35; ++t) truth.push_back(std::sin(omega * float(t) + phase));
  std::vector<float> generated, again, predictions;
  model.Generate(seed, 10, generated);
  model.Generate(seed, 10, again);
  model.Predict(seed, predictions);
  REQUIRE(generated.size() == 10);
  REQUIRE(predictions.size() == seed.size());
  CHECK(generated == again);
  CHECK(generated[0] == Approx(predictions.back()).margin(1e-6));
  double error = 0.0;
  for (size_t k = 0; k < truth.size(); ++k) error += double(generated[k] - truth[k]) * double(generated[k] - truth[k]);
  error /= double(truth.size());
  WARN("GRU free-running MSE over 10 steps past a 25-step seed: " << error << " (predicting 0: about 0.5)");
  CHECK(error < 0.1);
  model.Generate({}, 10, generated);
  CHECK(generated.empty());
}

TEST_CASE("a non-finite batch leaves the weights as they were", "[sequence]") {
  Rng rng(11);
  SineRegressor model("lstm", 8, rng);
  SineBatch batch;
  MakeSineBatch(4, 10, 0.0f, rng, batch);
  batch.inputs[3](1, 0) = std::numeric_limits<float>::quiet_NaN();
  std::vector<Matrix> before;
  for (const ParameterRef& p : model.parameters()) before.push_back(*p.value);
  auto optimizer = Adam(0.01f);
  const SineRegressor::Step step = model.TrainStep(batch, *optimizer, 1.0);
  CHECK_FALSE(std::isfinite(step.loss));
  CHECK_FALSE(step.applied);
  for (size_t i = 0; i < before.size(); ++i) CHECK(*model.parameters()[i].value == before[i]);
  CHECK_FALSE(SineRegressor("transformer", 8, rng).valid());
}

TEST_CASE("trained with input noise, generation follows the wave over the second half of the tab's 60 steps",
          "[sequence][training][long]") {
  // The tab's defaults. Without the noise this same run generates with MSE 0.18 instead of 0.004, and
  // worse with more updates (exposure bias: the net trusts its inputs, which its own errors corrupt).
  Rng rng(5);
  SineRegressor model("lstm", 16, rng);
  TrainOnSines(model, 2000, rng, 60, 0.05f);
  double squared = 0.0;
  int count = 0;
  std::vector<float> seed, generated;
  for (float omega = kSineMinOmega; omega <= kSineMaxOmega + 1e-3f; omega += 0.05f)
    for (float phase = 0.0f; phase < 6.2f; phase += 1.0f) {
      seed.clear();
      for (int t = 0; t < 30; ++t) seed.push_back(std::sin(omega * float(t) + phase));
      model.Generate(seed, 30, generated);
      for (int k = 0; k < 30; ++k) {
        const double e = double(generated[size_t(k)]) - std::sin(double(omega) * (30 + k) + double(phase));
        squared += e * e;
        ++count;
      }
    }
  const double error = squared / count;
  WARN("LSTM free-running MSE over steps 30..59 after a 30-step seed, over w in [0.2, 0.6]: " << error
                                                                                             << " (predicting 0: 0.5)");
  CHECK(error < 0.05);
}
