// Scrubbing back in time (compare/timeline.h): the run the timeline gives at step k is the run a fresh
// trainer of the same config has after k steps, bit for bit (its metrics and its predictions over the
// plane), however the snapshots were thinned; the budget holds whatever the run's length.
#include <catch2/catch.hpp>

#include <memory>

#include "compare/timeline.h"
#include "links/config_text.h"
#include "support/config_text.h"

using namespace netlab;

TEST_CASE("the timeline's run at step k is a fresh run stepped k times, within its budget", "[compare][timeline]") {
  const Config config = Parsed("dataset=spiral&layers=6:tanh,4:relu&optimizer=adam&learning_rate=0.01&seed=7");
  Trainer trainer(config);
  Timeline timeline;
  // Offered after frames of uneven length, as the page trains: 1 to 7 steps at a time.
  for (long frame = 0; trainer.step() < 700; ++frame) {
    if (timeline.Due(trainer.step())) timeline.Offer(trainer);
    for (long s = 0; s < 1 + frame % 7; ++s) trainer.Step();
    trainer.Evaluate();
  }
  CHECK(timeline.count() <= Timeline::kMostSnapshots);
  CHECK(timeline.interval() >= 16);  // 700 steps in 32 snapshots: the interval doubled at least 4 times
  CHECK(timeline.first_step() == 0);
  Matrix grid(5, 2);
  grid << -5, -5, -1, 2, 0, 0, 3, -2, 5.5, 4;
  for (long k : {0L, 1L, 37L, 250L, 511L, 699L}) {
    INFO("step " << k);
    std::unique_ptr<Trainer> at;
    std::string error;
    REQUIRE(timeline.TrainerAt(k, at, error));
    REQUIRE(at->step() == k);
    Trainer fresh(config);
    for (long s = 0; s < k; ++s) fresh.Step();
    const MetricsPoint a = at->Evaluate(), b = fresh.Evaluate();
    CHECK(a.train_loss == b.train_loss);
    CHECK(a.test_loss == b.test_loss);
    Matrix pa, pb;
    at->Predict(grid, pa);
    fresh.Predict(grid, pb);
    CHECK(pa == pb);
  }
  timeline.Truncate(300);
  std::unique_ptr<Trainer> at;
  std::string error;
  REQUIRE(timeline.TrainerAt(300, at, error));
  CHECK(at->step() == 300);
}
