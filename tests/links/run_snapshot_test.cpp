// Run snapshots (train/run_snapshot.h): the page keeps one while a run trains and restores it after a
// reload. The property that matters is the uninterrupted run itself: restored at step k and trained on
// to step n, a run must be bit for bit the run that never stopped, in weights, optimizer state, history
// and every random stream (data order, dropout, DropConnect, SGLD's noise, TF Playground's experiment).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "links/share_link.h"
#include "links/weights_file.h"
#include "links/run_snapshot.h"
#include "support/config_text.h"

using namespace netlab;

namespace {

void Train(Trainer& t, int steps) {
  for (int i = 0; i < steps; ++i) {
    t.Step();
    if (t.step() % 7 == 0) t.Evaluate();
  }
}

// Weights, state and history, as bytes: equal bytes are equal bits.
std::string Everything(Trainer& t) {
  std::string bytes = SaveWeights(t.config(), t.network());
  for (const MetricsPoint& p : t.history()) {
    for (double v : {p.epoch, p.train_loss, p.test_loss, p.train_accuracy, p.learning_rate, p.gradient_norm})
      bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
    bytes += std::to_string(p.step) + ";";
  }
  return bytes + t.diverged() + "|" + t.stopped_early() + "|" + std::to_string(t.step());
}

void RequireRestoredRunIsTheUninterruptedOne(const Config& config, int first, int then) {
  Trainer uninterrupted(config);
  Train(uninterrupted, first + then);

  Trainer interrupted(config);
  Train(interrupted, first);
  const std::string kept = SaveRunSnapshot(interrupted);
  std::unique_ptr<Trainer> restored;
  std::string error;
  REQUIRE(RestoreRunSnapshot(kept, restored, error));
  INFO(error);
  // Where it was: the same step, weights and history at once...
  REQUIRE(restored->step() == interrupted.step());
  REQUIRE(Everything(*restored) == Everything(interrupted));
  // ...and going on exactly as the run that never stopped.
  Train(*restored, then);
  REQUIRE(restored->step() == uninterrupted.step());
  REQUIRE(Everything(*restored) == Everything(uninterrupted));
}

}  // namespace

TEST_CASE("a restored run goes on bit for bit as the run that never stopped", "[snapshot]") {
  SECTION("Adam, batch norm, dropout, DropConnect, a residual skip, L2, clipping, early stopping") {
    RequireRestoredRunIsTheUninterruptedOne(
        Opened("dataset=spiral&layers=12:relu:bn,12:relu:res:d0.2,8:tanh:c0.3&optimizer=adam"
               "&l2=0.001&clip_norm=5&validation_fraction=0.2&patience=2&batch_size=16&seed=7"),
        45, 160);
  }
  SECTION("SGLD's noise stream and a step schedule") {
    RequireRestoredRunIsTheUninterruptedOne(
        Opened("dataset=xor&layers=6:tanh&optimizer=sgld&schedule=step&decay_steps=20&seed=3"), 33, 50);
  }
  SECTION("a run restored in the middle of an epoch, with momentum") {
    RequireRestoredRunIsTheUninterruptedOne(Opened("dataset=circle&layers=5:relu&optimizer=momentum&batch_size=7&seed=11"),
                                            13, 40);
  }
  SECTION("TF Playground mode, replayed from its link") {
    RequireRestoredRunIsTheUninterruptedOne(
        Opened("https://playground.tensorflow.org/#activation=relu&networkShape=3,2&seed=0.5&goal_text=Beat%20it"), 12,
        9);
  }
}

TEST_CASE("a kept run cut anywhere or of another version is refused with a message", "[snapshot]") {
  Trainer t(Opened("dataset=xor&layers=4:tanh:d0.1&optimizer=adam&seed=2"));
  Train(t, 30);
  const std::string kept = SaveRunSnapshot(t);
  std::unique_ptr<Trainer> restored;
  std::string error;
  // Every cut, one byte at a time over the header and tail and coarser in between.
  for (size_t cut = 0; cut < kept.size(); cut += cut < 64 || cut + 64 > kept.size() ? 1 : 13) {
    INFO("cut at " << cut << " of " << kept.size());
    REQUIRE_FALSE(RestoreRunSnapshot(kept.substr(0, cut), restored, error));
    REQUIRE(error.rfind("The kept run cannot be restored: ", 0) == 0);
    REQUIRE(restored == nullptr);
  }
  std::string other_version = kept;
  other_version[8] = 9;
  REQUIRE_FALSE(RestoreRunSnapshot(other_version, restored, error));
  REQUIRE(error.find("format version 9") != std::string::npos);
  REQUIRE_FALSE(RestoreRunSnapshot(kept + "x", restored, error));
  REQUIRE(error.find("unexpected bytes") != std::string::npos);
  REQUIRE(RestoreRunSnapshot(kept, restored, error));
}
