// Faithful mode behind the Trainer (train/tf_playground_run.h): the playground's trainer, opened from a
// TF Playground link, steps TF Playground's epochs and reports its losses, points and predictions.
// The experiment itself is checked against an independent derivation in experiment_test.cpp and
// links.test.mjs; here a second Experiment built from the same settings is the reference.
#include <catch2/catch.hpp>

#include <cmath>

#include "links/share_link.h"
#include "links/tf_playground_link.h"
#include "tfplayground/experiment.h"
#include "train/trainer.h"
#include "links/config_text.h"
#include "support/config_text.h"
#include "support/tf_playground_config.h"

using namespace netlab;

namespace {

// A TF Playground link's config: it opens, as TF Playground's experiment.
Config Open(const std::string& link) {
  Config c = Opened(link);
  REQUIRE(c.tf_playground);
  return c;
}

}  // namespace

TEST_CASE("a trainer opened from a TF Playground link steps its epochs, one history point each", "[tfplayground]") {
  const Config c = Open("#activation=relu&batchSize=7&dataset=xor&learningRate=0.1&networkShape=3,2&seed=abc&noise=20");
  Trainer trainer(c);
  REQUIRE(trainer.tf_playground());
  tfplayground::Experiment reference(*c.tf_playground);
  trainer.Evaluate();  // the losses before training, TF Playground's epoch 0
  REQUIRE(trainer.history().size() == 1);
  REQUIRE(trainer.history().back().train_loss == reference.train_loss());
  for (int epoch = 1; epoch <= 12; ++epoch) {
    trainer.Step();
    trainer.Evaluate();  // appends nothing: the step did
    reference.Epoch();
    REQUIRE(trainer.history().size() == size_t(epoch) + 1);
    REQUIRE(trainer.epoch() == epoch);
    // Bit for bit: the same computation, not an approximation of it.
    REQUIRE(trainer.history().back().train_loss == reference.train_loss());
    REQUIRE(trainer.history().back().test_loss == reference.test_loss());
  }
  REQUIRE(trainer.history().back().train_loss < trainer.history().front().train_loss);
}

TEST_CASE("faithful mode shows TF Playground's points and its network's predictions", "[tfplayground]") {
  const Config c = Open("#dataset=circle&seed=0.5&percTrainData=30");
  Trainer trainer(c);
  tfplayground::Experiment reference(*c.tf_playground);
  // 500 points, floor(500 * 30 / 100) = 150 of them train (TF Playground's split).
  REQUIRE(trainer.data().train.size() == 150);
  REQUIRE(trainer.data().test.size() == 350);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(trainer.data().train.points(i, 0) == float(reference.train()[size_t(i)].x));
    REQUIRE(trainer.data().train.labels(i, 0) == (reference.train()[size_t(i)].label > 0 ? 1.0f : 0.0f));
  }
  Matrix points(2, 2), prediction;
  points << 0.5f, -1.0f, 3.0f, 2.0f;
  trainer.Predict(points, prediction);
  for (int i = 0; i < 2; ++i) {
    const double out = reference.network().Forward(tfplayground::Inputs(*c.tf_playground, points(i, 0), points(i, 1)));
    // tanh's [-1, 1] shown as the heatmap's class-1 share [0, 1].
    REQUIRE(prediction(i, 0) == Approx((out + 1) / 2).epsilon(1e-6));
  }
}

TEST_CASE("a diverging TF Playground link stops with a message, as its own run does", "[tfplayground]") {
  // links.test.mjs's NaN link: its independent reference reaches NaN within 30 epochs.
  Trainer trainer(Open("#activation=relu&problem=regression&regDataset=reg-plane&learningRate=10&networkShape=8,8"
                       "&seed=0.66666&batchSize=1"));
  for (int i = 0; i < 30 && trainer.diverged().empty(); ++i) trainer.Step();
  REQUIRE_FALSE(trainer.diverged().empty());
  const long step = trainer.step();
  trainer.Step();
  REQUIRE(trainer.step() == step);
}

TEST_CASE("Copy TF Playground link: a fitting config round-trips, a misfit says why", "[tfplayground]") {
  Config c = TfPlaygroundModelConfig();
  c.data.kind = "gaussians";
  c.features = {"x1", "x2", "x1_times_x2"};
  c.hidden = {{5, "tanh"}};
  c.optimizer.learning_rate = 0.01f;
  c.batch_size = 20;
  c.seed = 42;
  std::string url, why;
  REQUIRE(TfPlaygroundLink(c, url, why));
  REQUIRE(url.rfind("https://playground.tensorflow.org/#", 0) == 0);
  Config back = Open(url);
  REQUIRE(back.tf_playground->seed == "42");  // the config's seed, as TF Playground's seed text
  back.tf_playground.reset();
  back.seed = c.seed;  // Netlab's own seed for that text is a hash of it
  REQUIRE(ConfigToText(back) == ConfigToText(c));
  c.optimizer.kind = "adam";
  REQUIRE_FALSE(TfPlaygroundLink(c, url, why));
  REQUIRE(why == "TF Playground has no optimizer other than plain SGD.");
}
