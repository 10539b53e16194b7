// Trainer::EvaluateInChunks gives the metrics Evaluate() gives for the same step's weights, however many
// steps train while its chunks are spread over calls.
#include <catch2/catch.hpp>

#include <cmath>

#include "train/trainer.h"

using namespace netlab;

namespace {

// A network whose evaluation spans several 64-row chunks per set, with batch norm (its running
// averages are state the copy must carry) and a validation split (a third set).
Config ChunkedConfig() {
  Config config;
  config.data.samples = 500;  // 200 train + 50 validation rows, 250 test rows
  config.hidden = {{8, "relu"}, {6, "tanh"}};
  config.hidden[0].norm = "batch";
  config.regularization.validation_fraction = 0.2f;
  return config;
}

void CheckSame(const MetricsPoint& chunked, const MetricsPoint& whole) {
  CHECK(chunked.step == whole.step);
  CHECK(chunked.epoch == whole.epoch);
  // Sums in a different order (chunk means times rows): equal to double rounding, far below float's.
  CHECK(chunked.train_loss == Approx(whole.train_loss).epsilon(1e-9));
  CHECK(chunked.test_loss == Approx(whole.test_loss).epsilon(1e-9));
  CHECK(chunked.validation_loss == Approx(whole.validation_loss).epsilon(1e-9));
  CHECK(chunked.train_accuracy == whole.train_accuracy);  // counts of correct rows: exact
  CHECK(chunked.test_accuracy == whole.test_accuracy);
}

}  // namespace

TEST_CASE("a chunked evaluation equals the whole evaluation of the same step", "[train][evaluation]") {
  Trainer whole(ChunkedConfig()), chunked(ChunkedConfig());
  for (int i = 0; i < 30; ++i) whole.Step(), chunked.Step();
  const MetricsPoint reference = whole.Evaluate();
  REQUIRE(std::isfinite(reference.validation_loss));
  REQUIRE(chunked.EvaluateInChunks(1e9));  // one call with time to spare finishes the pass
  CheckSame(chunked.history().back(), reference);
}

TEST_CASE("training between chunks does not change the evaluated step's metrics", "[train][evaluation]") {
  Trainer whole(ChunkedConfig()), chunked(ChunkedConfig());
  for (int i = 0; i < 30; ++i) whole.Step(), chunked.Step();
  const MetricsPoint reference = whole.Evaluate();
  // A zero budget forwards one chunk per call: 200 + 250 + 50 rows take 4 + 4 + 1 = 9 calls.
  int calls = 1;
  while (!chunked.EvaluateInChunks(0.0)) {
    chunked.Step();
    ++calls;
    REQUIRE(calls < 100);
  }
  CHECK(calls == 9);
  CHECK(chunked.step() == 30 + 8);
  CheckSame(chunked.history().back(), reference);
}

TEST_CASE("a chunked pass overtaken by a whole evaluation appends nothing", "[train][evaluation]") {
  Trainer trainer(ChunkedConfig());
  trainer.Step();
  REQUIRE_FALSE(trainer.EvaluateInChunks(0.0));  // the pass holds step 1's weights
  trainer.Step();
  trainer.Evaluate();  // step 2's point
  bool appended = false;
  for (int i = 0; i < 20 && !appended; ++i) appended = trainer.EvaluateInChunks(0.0);
  CHECK_FALSE(appended);
  CHECK(trainer.history().back().step == 2);
}
