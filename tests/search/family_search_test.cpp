// The hyperparameter search on the VAE and sequence tasks (workbench/family_trial.h): a small grid over
// the learning rate finds a trial better than its worst, scored on data the task's numbers never use,
// and the best trial's config loads back as the Apply best button loads it (as config text); which
// hyperparameters each family's search offers.
#include <catch2/catch.hpp>

#include <cmath>

#include "config/config.h"
#include "search/config_search_space.h"
#include "support/built_in_task_data.h"
#include "support/config_text.h"
#include "support/family_search.h"
#include "search/classify_trial.h"
#include "search/family_trial.h"
#include "search/objectives.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

// A grid over the learning rate in [low, high] with `trials` points, run to the end.
std::unique_ptr<HyperparameterSearch> LearningRateGrid(const Config& base, const TaskData& data, double low, double high,
                                                       int trials, SearchSpace& space) {
  return FamilyGrid(base, data, "learning_rate", low, high, trials, EarlyStoppingSettings{200, 50, 3, 0.0}, space);
}

// Apply best: the best point written into the base config, through config text and back.
Config AppliedBest(const HyperparameterSearch& search, const Config& base, const SearchSpace& space) {
  return Parsed(ConfigToText(ApplySearchPoint(base, space, search.results()[size_t(search.BestIndex())].point)));
}

}  // namespace

TEST_CASE("A learning-rate grid on the digits VAE improves on its worst trial, scored on held-out training rows",
          "[workbench][search][vae]") {
  const Config base = Parsed("task=vae&dataset=digits&layers=32:tanh&latent=2&kl_weight=1&optimizer=adam&"
                             "learning_rate=0.003&batch_size=32&seed=1");
  const TaskData data = BuiltInTaskData("digits", base.seed);
  SearchSpace space;
  // Adam at 1e-5 hardly moves in 200 steps; 1e-3..1e-2 is where the VAE of the example trains.
  auto search = LearningRateGrid(base, data, 1e-5, 1e-2, 3, space);
  const int best = search->BestIndex();
  REQUIRE(best >= 0);
  const TrialResult& result = search->results()[size_t(best)];
  CHECK(result.value < WorstValue(*search));
  // A decoder that says 0.5 for every one of the 64 pixels costs 64 ln 2 = 44.4 nats: the best beats it.
  CHECK(result.value < 64.0 * std::log(2.0));
  CHECK(result.point[0] > 1e-5);
  const Config applied = AppliedBest(*search, base, space);
  CHECK(applied.task == "vae");
  CHECK(applied.optimizer.learning_rate == Approx(result.point[0]).epsilon(1e-5));
  CHECK(applied.hidden[0].units == 32);
  CHECK(applied.family.latent == 2);
}

TEST_CASE("A learning-rate grid on the LSTM improves on its worst trial, scored on waves of their own seed",
          "[workbench][search][sequence]") {
  const Config base = Parsed("task=sequence&dataset=sine&layers=lstm:8&sequence_length=20&optimizer=adam&"
                             "learning_rate=0.01&clip_norm=1&batch_size=16&seed=1");
  SearchSpace space;
  auto search = LearningRateGrid(base, TaskData(), 1e-5, 1e-2, 3, space);
  const int best = search->BestIndex();
  REQUIRE(best >= 0);
  const TrialResult& result = search->results()[size_t(best)];
  CHECK(result.value < WorstValue(*search));
  // Predicting 0 for sin(.) costs its mean square, 1/2: the best trial has learned more than that.
  CHECK(result.value < 0.5);
  const Config applied = AppliedBest(*search, base, space);
  CHECK(applied.task == "sequence");
  CHECK(applied.optimizer.learning_rate == Approx(result.point[0]).epsilon(1e-5));
  CHECK(applied.hidden[0].kind == "lstm");
  CHECK(applied.hidden[0].units == 8);
}

TEST_CASE("The search takes every family whose model is a network, and varies only what their runs read",
          "[workbench][search]") {
  for (const char* task : {"vae", "sequence", "gan", "dbn", "autoencoder"}) CHECK(SearchRefusal(task).empty());
  CHECK(SearchRefusal("rbm").find("Deep belief net") != std::string::npos);  // names the tasks it takes
  const auto reads = [](const char* task, const char* name) {
    return Searchable(*FindConfigHyperparameter(name), *FindTask(task));
  };
  CHECK(reads("vae", "hidden_units"));
  CHECK(reads("gan", "optimizer"));      // the generator's and the discriminator's update rule
  CHECK(!reads("dbn", "optimizer"));     // fine-tuned with SGD whatever the config says
  CHECK(!reads("autoencoder", "optimizer"));  // fine-tuned with Adam at 0.003
  CHECK(reads("autoencoder", "hidden_layers"));  // one RBM per dense layer
  CHECK(!reads("gan", "hidden_layers"));  // the generator has exactly one
  CHECK(reads("dbn", "batch_size"));
  // The page must hand the DBN and autoencoder searches its loaded data; the GAN draws its own ring.
  CHECK(FindSearchObjective("dbn")->reads_data);
  CHECK(FindSearchObjective("autoencoder")->reads_data);
  CHECK_FALSE(FindSearchObjective("gan")->reads_data);
  CHECK(!reads("sequence", "hidden_units"));  // the entry sizes dense layers; the cell is not one
  CHECK(!reads("vae", "dropout"));
  CHECK(reads("sequence", "learning_rate"));
}
