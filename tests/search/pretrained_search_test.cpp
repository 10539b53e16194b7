// The hyperparameter search on the DBN and deep autoencoder tasks (workbench/pretrained_trial.h): a
// trial pretrains its RBMs in full whatever its patience, then early-stops the fine-tuning scored on
// held-out training rows; a grid's best trial beats its worst.
#include <catch2/catch.hpp>

#include <cmath>

#include "support/built_in_task_data.h"
#include "support/config_text.h"
#include "support/family_search.h"
#include "search/classify_trial.h"
#include "search/objectives.h"

using namespace netlab;

namespace {

// The digits as the configs below (seed 1) split them.
TaskData Digits() { return BuiltInTaskData("digits", 1); }

// Runs one trial of `base` itself (an empty search space) to its end.
std::unique_ptr<Trial> FinishedTrial(const Config& base, const TaskData& data, const EarlyStoppingSettings& stopping) {
  std::unique_ptr<Trial> trial = FindSearchObjective(base.task)->make(base, SearchSpace(), data, stopping)(SearchPoint());
  int pieces = 0;
  while (!trial->Work()) REQUIRE(++pieces < 100000);
  return trial;
}

// Greedy pretraining's minibatch updates: every RBM sees every epoch in ⌈rows / batch⌉ minibatches.
long PretrainingSteps(int rbms, int epochs, int rows, int batch) { return long(rbms) * epochs * ((rows + batch - 1) / batch); }

// Any fine-tuning check counts as no improvement, so a trial with patience 1 stops at its first check.
const EarlyStoppingSettings kStopAtFirstCheck{20, 10, 1, 1e9};

const char* kDbn = "task=dbn&dataset=digits&layers=16:sigmoid,8:sigmoid&pretrain_epochs=2&cd_k=1&learning_rate=0.1&"
                   "momentum=0.5&batch_size=32&seed=1";
const char* kAutoencoder = "task=autoencoder&dataset=digits&layers=16:sigmoid&latent=4&pretrain_epochs=2&cd_k=1&"
                           "learning_rate=0.1&momentum=0.5&batch_size=32&seed=1";

// A trial of `config` (two RBMs, 2 pretraining epochs of minibatches of 32) with patience 1 pretrains to
// its end, then takes one check of fine-tuning: had patience counted during pretraining, the trial would
// have stopped after its first 10 steps.
void CheckPretrainsInFull(const char* config) {
  const TaskData data = Digits();
  const int rows = int(HoldOutValidation(data).train.labels.size());  // the 80% a trial trains on
  const long pretraining = PretrainingSteps(2, 2, rows, 32);
  auto trial = FinishedTrial(Parsed(config), data, kStopAtFirstCheck);
  INFO(trial->Note());
  CHECK(std::isfinite(trial->Value()));
  CHECK(trial->Steps() == pretraining + kStopAtFirstCheck.steps_per_check);
  CHECK(trial->Note().find("scored from step " + std::to_string(pretraining)) != std::string::npos);
}

}  // namespace

TEST_CASE("A DBN trial with patience 1 pretrains every RBM in full before early stopping may stop it",
          "[workbench][search][dbn]") {
  CheckPretrainsInFull(kDbn);
}

TEST_CASE("An autoencoder trial with patience 1 pretrains every RBM in full before early stopping may stop it",
          "[workbench][search][autoencoder]") {
  CheckPretrainsInFull(kAutoencoder);  // its two RBMs: the dense layer's and the code's
}

TEST_CASE("A grid over the DBN's CD learning rate improves on its worst trial, scored on held-out training rows",
          "[workbench][search][dbn]") {
  SearchSpace space;
  auto search = FamilyGrid(Parsed(kDbn), Digits(), "learning_rate", 1e-5, 1.0, 3, EarlyStoppingSettings{300, 50, 3, 0.0}, space);
  const TrialResult& best = BestResult(*search);
  const double worst = WorstValue(*search);
  WARN("dbn grid: best cross-entropy " << best.value << " (CD step " << best.point[0] << "), worst " << worst);
  // Guessing every class at 1/10 costs ln 10 = 2.30 nats. The best trial learnt (it is below that), and
  // beats the worst by 0.5 nats: its held-out likelihood is e^0.5 = 1.6 times the worst's, row for row.
  CHECK(best.value < std::log(10.0));
  CHECK(best.value < worst - 0.5);
}

TEST_CASE("A grid over the autoencoder's CD learning rate improves on its worst trial, scored on held-out rows",
          "[workbench][search][autoencoder]") {
  const TaskData data = Digits();
  // The error of reconstructing every held-out row as the mean of the training part: Σ per-pixel
  // squared deviations, the bar a code that carries anything must clear.
  const TaskData split = HoldOutValidation(data);
  const RowVector mean = split.train.features.colwise().mean();
  const double mean_image_error = (split.test.features.rowwise() - mean).rowwise().squaredNorm().mean();
  SearchSpace space;
  auto search = FamilyGrid(Parsed(kAutoencoder), data, "learning_rate", 1e-5, 1.0, 3, EarlyStoppingSettings{300, 50, 3, 0.0}, space);
  const TrialResult& best = BestResult(*search);
  const double worst = WorstValue(*search);
  WARN("autoencoder grid: best squared error per row " << best.value << " (CD step " << best.point[0] << "), worst "
                                                       << worst << ", mean image " << mean_image_error);
  // The best trial reconstructs the held-out rows with at most three quarters of the mean image's error,
  // and with at most three quarters of the worst trial's.
  CHECK(best.value < 0.75 * mean_image_error);
  CHECK(best.value < 0.75 * worst);
}
