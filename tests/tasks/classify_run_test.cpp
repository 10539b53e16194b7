// The classification task end to end on scikit-learn's digits: a small CNN built from config text
// learns them (LeCun et al.'s kind of net reaches ~98% on these 8x8 images), the same config and seed
// give the same numbers, and the confusion matrix agrees with the accuracy.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "tasks/classify/random_labels.h"
#include "support/built_in_task_data.h"
#include "support/config_text.h"
#include "tasks/classify/classify_run.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

Config DigitsCnn() {
  return Parsed("task=classify&dataset=digits&loss=softmax_ce&initializer=he_normal&init_scale=1&"
                "optimizer=adam&learning_rate=0.003&batch_size=32&seed=4&"
                "layers=conv:8:relu:3x3:s1:p1,maxpool:2x2:s2,conv:16:relu:3x3:s1:p1,maxpool:2x2:s2,32:relu");
}

// scikit-learn's digits as the task's built-in data set, split by `seed`.
TaskData Digits(uint64_t seed) { return BuiltInTaskData("digits", seed); }

// `steps` training steps of each run, taken in turn.
void StepBoth(ClassifyRun& a, ClassifyRun& b, int steps) {
  for (int i = 0; i < steps; ++i) {
    a.Step();
    b.Step();
  }
}

}  // namespace

TEST_CASE("A CNN written as a config learns the digits to at least 95% test accuracy", "[workbench][classify]") {
  const Config c = DigitsCnn();
  const TaskData data = Digits(c.seed);
  REQUIRE(data.test.labels.size() == 359);  // 1797 digits, 20% held out (data/built_in.h)
  ClassifyRun run(c, data);
  REQUIRE(run.error().empty());
  const double chance = run.Evaluate().test_accuracy;
  CHECK(chance < 0.3);  // ten classes: about 0.1 before training
  int epochs = 0;
  while (epochs < 12)
    if (run.Step(), run.epoch_ended()) {
      ++epochs;
      run.Evaluate();  // once an epoch, as the headless report does: train_loss is that epoch's mean
    }
  const ClassifyPoint& last = run.history().back();
  CHECK(last.train_loss < run.history()[1].train_loss);
  CHECK(last.test_accuracy >= 0.95);
  CHECK(last.train_loss < 0.3);
  CHECK(run.epochs_done() == 12);
  // The confusion matrix counts every test image once; its diagonal is the accuracy.
  int total = 0, diagonal = 0;
  for (size_t t = 0; t < run.confusion().size(); ++t)
    for (size_t p = 0; p < run.confusion().size(); ++p) {
      total += run.confusion()[t][p];
      if (t == p) diagonal += run.confusion()[t][p];
      CHECK(int(run.CellRows(int(t), int(p)).size()) == run.confusion()[t][p]);
    }
  CHECK(total == 359);
  CHECK(double(diagonal) / total == Approx(last.test_accuracy));
  const std::vector<float> p = run.Probabilities(0);
  REQUIRE(p.size() == 10);
  double sum = 0.0;
  for (float v : p) sum += v;
  CHECK(sum == Approx(1.0).epsilon(1e-5));
}

TEST_CASE("The same classification config and seed train bit for bit the same", "[workbench][classify]") {
  const Config c = DigitsCnn();
  const TaskData data = Digits(c.seed);
  ClassifyRun a(c, data), b(c, data);
  StepBoth(a, b, 30);
  CHECK(a.Evaluate().train_loss == b.Evaluate().train_loss);
  CHECK(a.history().back().test_loss == b.history().back().test_loss);
  Config other = c;
  other.seed = 5;
  const TaskData other_data = Digits(other.seed);
  ClassifyRun d(other, other_data);
  for (int i = 0; i < 30; ++i) d.Step();
  CHECK(d.Evaluate().train_loss != a.history().back().train_loss);
}

TEST_CASE("An evaluation spread over calls gives one Evaluate's point at its first step while training goes on",
          "[workbench][classify]") {
  const Config c = DigitsCnn();
  const TaskData data = Digits(c.seed);
  ClassifyRun whole(c, data), chunked(c, data);
  StepBoth(whole, chunked, 40);
  constexpr int kRows = 300;
  const ClassifyPoint expected = whole.Evaluate(kRows);
  const double expected_train_accuracy = ClassifyAccuracy(whole.network(), data.train, kRows);
  // A budget of 0 forwards one chunk per call; a training step runs between calls, as frames do.
  int calls = 1;
  while (!chunked.EvaluateInChunks(kRows, 0.0)) {
    chunked.Step();
    ++calls;
  }
  CHECK(calls >= 4);  // 300 test and 300 training rows in chunks of at most 256
  CHECK(chunked.step() == 40 + calls - 1);
  const ClassifyPoint& got = chunked.history().back();
  CHECK(got.step == 40);
  CHECK(got.train_loss == expected.train_loss);
  CHECK(got.test_loss == Approx(expected.test_loss).epsilon(1e-6));
  CHECK(got.test_accuracy == expected.test_accuracy);
  CHECK(chunked.pass_train_accuracy() == expected_train_accuracy);
  CHECK(chunked.confusion() == whole.confusion());
  for (int t = 0; t < 10; ++t)
    for (int p = 0; p < 10; ++p) CHECK(chunked.CellRows(t, p) == whole.CellRows(t, p));
  // The trained weights moved during the pass: an Evaluate now gives another test loss.
  CHECK(chunked.Evaluate(kRows).test_loss != Approx(expected.test_loss).epsilon(1e-6));
}
