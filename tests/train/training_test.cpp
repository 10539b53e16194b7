// Training end to end: small MLPs learn the toy sets, runs are reproducible, divergence is caught.
#include <catch2/catch.hpp>

#include <cmath>

#include "train/trainer.h"
#include "links/config_text.h"
#include "support/diverging_config.h"

using namespace netlab;

namespace {

MetricsPoint Train(const Config& config, long steps) {
  Trainer trainer(config);
  for (long s = 0; s < steps; ++s) trainer.Step();
  REQUIRE(trainer.diverged().empty());
  return trainer.Evaluate();
}

}  // namespace

// "Reset" rebuilds the trainer from the same config (ui/app, App::Rebuild); the README promises the same
// initial weights for the same seed and new ones for a new seed.
TEST_CASE("Reset's contract: the same seed gives the same initial weights, a new seed new ones", "[training]") {
  Config config;
  Trainer trained(config);
  std::vector<Matrix> initial;
  for (const ParameterRef& p : trained.network().Parameters()) initial.push_back(*p.value);
  for (int i = 0; i < 20; ++i) trained.Step();
  Trainer reset(config);
  size_t i = 0;
  for (const ParameterRef& p : reset.network().Parameters()) CHECK(*p.value == initial[i++]);
  CHECK(reset.step() == 0);
  config.seed = 2;
  Trainer reseeded(config);
  CHECK_FALSE(*reseeded.network().Parameters()[0].value == initial[0]);
}

TEST_CASE("a small MLP reaches at least 95% test accuracy on circle", "[training]") {
  Config config;
  config.data.kind = "circle";
  config.hidden = {{8, "tanh"}, {4, "tanh"}};
  MetricsPoint m = Train(config, 3000);
  CHECK(m.test_accuracy >= 0.95);
  CHECK(m.test_loss < 0.2);
}

TEST_CASE("a small MLP reaches at least 95% test accuracy on XOR", "[training]") {
  Config config;
  config.data.kind = "xor";
  config.hidden = {{8, "relu"}, {8, "relu"}};
  config.initializer = "he_uniform";
  MetricsPoint m = Train(config, 3000);
  CHECK(m.test_accuracy >= 0.95);
}

TEST_CASE("regression on the plane drives the squared error near zero", "[training]") {
  Config config;
  config.data.kind = "regression_plane";
  config.loss = "mse";
  config.hidden = {{4, "tanh"}};
  MetricsPoint m = Train(config, 2000);
  CHECK(m.test_loss < 0.005);
}

TEST_CASE("softmax cross-entropy with two outputs learns the two Gaussians", "[training]") {
  Config config;
  config.data.kind = "gaussians";
  config.loss = "softmax_ce";
  config.optimizer.kind = "momentum";
  config.optimizer.learning_rate = 0.01f;
  MetricsPoint m = Train(config, 1000);
  CHECK(m.test_accuracy >= 0.97);
}

TEST_CASE("the same config and seed give the same run bit for bit", "[training]") {
  Config config;
  config.data.kind = "spiral";
  config.data.noise = 0.2f;
  Trainer a(config), b(config);
  for (int s = 0; s < 300; ++s) {
    a.Step();
    b.Step();
  }
  CHECK(a.Evaluate().train_loss == b.Evaluate().train_loss);
  auto pa = a.network().Parameters(), pb = b.network().Parameters();
  REQUIRE(pa.size() == pb.size());
  for (size_t i = 0; i < pa.size(); ++i) CHECK(*pa[i].value == *pb[i].value);

  config.seed = 2;
  Trainer c(config);
  for (int s = 0; s < 300; ++s) c.Step();
  CHECK(c.Evaluate().train_loss != a.Evaluate().train_loss);
}

TEST_CASE("the learning rate can change mid-run without losing the weights", "[training]") {
  Config config;
  Trainer trainer(config);
  for (int s = 0; s < 200; ++s) trainer.Step();
  const double before = trainer.Evaluate().train_loss;
  Config slower = config;
  slower.optimizer.learning_rate = 1e-6f;
  REQUIRE(SameModelAndData(config, slower));
  trainer.UpdateHyperparameters(slower);
  trainer.Step();
  CHECK(trainer.Evaluate().train_loss == Approx(before).epsilon(1e-3));
}

TEST_CASE("a diverging run stops with a message instead of spreading NaNs", "[training]") {
  const Config config = DivergingConfig();
  Trainer trainer(config);
  for (int s = 0; s < 200; ++s) trainer.Step();
  trainer.Evaluate();
  REQUIRE_FALSE(trainer.diverged().empty());
  CHECK(trainer.diverged().find("learning rate") != std::string::npos);
  const long stopped_at = trainer.step();
  trainer.Step();
  CHECK(trainer.step() == stopped_at);
}
