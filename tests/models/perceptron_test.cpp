// The perceptron lesson: Rosenblatt's rule converges within Novikoff's bound on separable data and
// cycles on XOR; the sigmoid unit's delta rule is the squared loss's gradient, in batch and incremental.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/rng.h"
#include "models/perceptron.h"

using namespace netlab;

namespace {

// Points in [−1, 1]² labelled by the line x1 + 2 x2 − 0.3 = 0, keeping only those at distance ≥ 0.1 from
// it in the augmented space (x1, x2, 1), so the set has margin γ ≥ 0.1 by construction.
struct SeparableSet {
  Matrix points;
  std::vector<int> targets;
  double R = 0.0;      // max ‖(x1, x2, 1)‖
  double gamma = 0.0;  // min distance of (x1, x2, 1) to the plane w*·x̃ = 0, w* = (1, 2, −0.3)/‖·‖
};

SeparableSet MakeSeparableSet(int n, uint64_t seed) {
  const double norm = std::sqrt(1.0 + 4.0 + 0.09);
  SeparableSet set;
  set.points.resize(n, 2);
  set.gamma = 1e9;
  Rng rng(seed);
  for (int i = 0; i < n;) {
    const float x1 = rng.Uniform(-1.0f, 1.0f), x2 = rng.Uniform(-1.0f, 1.0f);
    const double distance = (double(x1) + 2.0 * double(x2) - 0.3) / norm;
    if (std::fabs(distance) < 0.1) continue;
    set.points(i, 0) = x1;
    set.points(i, 1) = x2;
    set.targets.push_back(distance > 0 ? 1 : 0);
    set.R = std::max(set.R, std::sqrt(double(x1) * x1 + double(x2) * x2 + 1.0));
    set.gamma = std::min(set.gamma, std::fabs(distance));
    ++i;
  }
  return set;
}

Matrix XorPoints() {
  Matrix p(4, 2);
  p << 0, 0, 0, 1, 1, 0, 1, 1;
  return p;
}
const std::vector<int> kXorTargets = {0, 1, 1, 0};

}  // namespace

TEST_CASE("the McCulloch-Pitts unit fires when the weighted sum reaches the threshold", "[perceptron]") {
  // AND of two inputs: weights 1, 1 and threshold 1.5 (b = −1.5) fire only on (1, 1).
  const PerceptronWeights and_unit{1.0, 1.0, -1.5};
  CHECK(ThresholdUnit(and_unit, 0, 0) == 0);
  CHECK(ThresholdUnit(and_unit, 0, 1) == 0);
  CHECK(ThresholdUnit(and_unit, 1, 0) == 0);
  CHECK(ThresholdUnit(and_unit, 1, 1) == 1);
  CHECK(ThresholdUnit(PerceptronWeights{1.0, 0.0, -1.0}, 1, 0) == 1);  // exactly at the threshold: fires
}

TEST_CASE("Rosenblatt's rule separates a separable set within Novikoff's (R/gamma)^2 updates", "[perceptron]") {
  for (uint64_t seed : {1u, 2u, 3u}) {
    const SeparableSet set = MakeSeparableSet(200, seed);
    const double bound = (set.R / set.gamma) * (set.R / set.gamma);
    INFO("seed " << seed << " R " << set.R << " gamma " << set.gamma << " bound " << bound);
    REQUIRE(set.gamma >= 0.1);
    for (double eta : {1.0, 0.1}) {  // from w = 0 the number of updates does not depend on η
      PerceptronSettings settings;
      settings.learning_rate = eta;
      Perceptron p(settings, set.points, set.targets);
      p.Reset(seed);
      long updates_before = -1;
      while (p.updates() != updates_before && p.epochs() <= int(bound) + 1) {
        updates_before = p.updates();
        p.Epoch();
      }
      CHECK(p.Errors() == 0);
      CHECK(p.updates() > 0);
      CHECK(double(p.updates()) <= bound);
    }
  }
}

TEST_CASE("Rosenblatt's rule cycles on XOR: errors never reach zero and the weights revisit a state",
          "[perceptron]") {
  for (PerceptronUpdate update : {PerceptronUpdate::kIncremental, PerceptronUpdate::kBatch}) {
    PerceptronSettings settings;
    settings.update = update;
    Perceptron p(settings, XorPoints(), kXorTargets);
    p.Reset(1);
    std::vector<PerceptronWeights> seen;
    bool revisited = false;
    for (int epoch = 0; epoch < 100; ++epoch) {
      // From w = 0 with η = 1 and 0/1 inputs every weight stays an integer, so equality is exact.
      if (std::find(seen.begin(), seen.end(), p.weights()) != seen.end()) revisited = true;
      seen.push_back(p.weights());
      p.Epoch();
      CHECK(p.Errors() > 0);  // no line separates XOR
    }
    CHECK(revisited);
    CHECK(p.updates() >= 100);  // it keeps making mistakes: at least one per epoch
  }
}

TEST_CASE("the sigmoid unit's delta rule is the squared loss's gradient", "[perceptron]") {
  const SeparableSet set = MakeSeparableSet(30, 7);
  Perceptron p(PerceptronSettings(), set.points, set.targets);
  p.set_weights({0.3, -0.7, 0.2});
  const PerceptronWeights g = p.SquaredLossGradient();
  const double h = 1e-6;
  auto loss_at = [&](double d1, double d2, double db) {
    p.set_weights({0.3 + d1, -0.7 + d2, 0.2 + db});
    return p.SquaredLoss();
  };
  // Centred differences: error O(h²) plus rounding ~1e-16·E/h; 1e-7 relative is well above both.
  CHECK(g.w1 == Approx((loss_at(h, 0, 0) - loss_at(-h, 0, 0)) / (2 * h)).epsilon(1e-7));
  CHECK(g.w2 == Approx((loss_at(0, h, 0) - loss_at(0, -h, 0)) / (2 * h)).epsilon(1e-7));
  CHECK(g.b == Approx((loss_at(0, 0, h) - loss_at(0, 0, -h)) / (2 * h)).epsilon(1e-7));
}

TEST_CASE("batch updates sum the changes at one weight vector, incremental ones chain them", "[perceptron]") {
  // Two points: a = (1, 0) with t = 1, b = (0, 1) with t = 0, from w = 0 with η = 1. At w = 0 both
  // outputs are σ(0) = ½ and o(1 − o) = ¼.
  Matrix points(2, 2);
  points << 1, 0, 0, 1;
  const std::vector<int> targets = {1, 0};
  PerceptronSettings settings;
  settings.rule = PerceptronRule::kSigmoidGradient;

  settings.update = PerceptronUpdate::kBatch;
  Perceptron batch(settings, points, targets);
  batch.Step();
  // Δ = (1 − ½)·¼·(1, 0, 1) + (0 − ½)·¼·(0, 1, 1) = (1/8, −1/8, 0).
  CHECK(batch.weights().w1 == Approx(0.125));
  CHECK(batch.weights().w2 == Approx(-0.125));
  CHECK(batch.weights().b == Approx(0.0).margin(1e-15));

  settings.update = PerceptronUpdate::kIncremental;
  Perceptron incremental(settings, points, targets);
  incremental.Epoch();
  // After a: w = (1/8, 0, 1/8). At b: o = σ(1/8), Δ = (0 − o)·o(1 − o)·(0, 1, 1).
  const double o = 1.0 / (1.0 + std::exp(-0.125));
  const double delta = -o * o * (1.0 - o);
  CHECK(incremental.weights().w1 == Approx(0.125));
  CHECK(incremental.weights().w2 == Approx(delta));
  CHECK(incremental.weights().b == Approx(0.125 + delta));
  CHECK(incremental.steps() == 2);
  CHECK(batch.steps() == 1);
}

TEST_CASE("gradient descent on the sigmoid unit separates a separable set", "[perceptron]") {
  const SeparableSet set = MakeSeparableSet(100, 4);
  for (PerceptronUpdate update : {PerceptronUpdate::kIncremental, PerceptronUpdate::kBatch}) {
    PerceptronSettings settings;
    settings.rule = PerceptronRule::kSigmoidGradient;
    settings.update = update;
    settings.learning_rate = 0.5;
    settings.initial_weight_scale = 0.1;
    Perceptron p(settings, set.points, set.targets);
    p.Reset(9);
    const double start = p.SquaredLoss();
    for (int epoch = 0; epoch < 3000 && p.Errors() > 0; ++epoch) p.Epoch();
    CHECK(p.Errors() == 0);
    CHECK(p.SquaredLoss() < start);
  }
}

TEST_CASE("the perceptron refuses malformed data with a message and does not train", "[perceptron]") {
  Matrix three_columns(2, 3);
  three_columns.setZero();
  Perceptron wrong_shape(PerceptronSettings(), three_columns, {0, 1});
  CHECK_FALSE(wrong_shape.error().empty());
  wrong_shape.Epoch();
  CHECK(wrong_shape.steps() == 0);
  CHECK_FALSE(PerceptronError(PerceptronSettings(), XorPoints(), {0, 1, 2, 0}).empty());  // target 2
  CHECK_FALSE(PerceptronError(PerceptronSettings(), XorPoints(), {0, 1}).empty());        // too few targets
  Matrix with_nan = XorPoints();
  with_nan(1, 0) = std::nanf("");
  CHECK_FALSE(PerceptronError(PerceptronSettings(), with_nan, kXorTargets).empty());
  PerceptronSettings zero_rate;
  zero_rate.learning_rate = 0.0;
  CHECK_FALSE(PerceptronError(zero_rate, XorPoints(), kXorTargets).empty());
  CHECK(PerceptronError(PerceptronSettings(), XorPoints(), kXorTargets).empty());
}
