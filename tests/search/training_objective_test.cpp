// The playground's search objective: early-stopped training of real Configs, the hyperparameter
// registry writing valid configs, and a whole search over Configs run in bounded pieces.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "search/config_search_space.h"
#include "search/training_objective.h"
#include "links/config_text.h"
#include "support/config_text.h"

using namespace netlab;

namespace {

// The playground on 200 circle points with one layer of 4 tanh units (the other settings its defaults).
Config SmallCircle() { return Parsed("task=playground&dataset=circle&samples=200&layers=4:tanh"); }

SearchSpace SpaceOf(std::initializer_list<const char*> names) {
  SearchSpace space;
  for (const char* name : names) space.dimensions.push_back(DefaultDimension(*FindConfigHyperparameter(name)));
  return space;
}

}  // namespace

TEST_CASE("every searchable hyperparameter writes a valid config and reads back what it wrote", "[search]") {
  const Config base = SmallCircle();
  for (const ConfigHyperparameter& p : ConfigHyperparameters()) {
    const Dimension d = DefaultDimension(p);
    INFO(p.name);
    SearchSpace space;
    space.dimensions = {d};
    for (double value : GridValues(d, 4)) {
      const Config config = ApplySearchPoint(base, space, {value});
      CHECK(ValidateConfig(config).empty());
      CHECK(p.read(config, d) == Approx(value));
    }
    if (d.kind != DimensionKind::kCategorical) {
      CHECK(d.low >= p.limit_low);
      CHECK(d.high <= p.limit_high);
    }
  }
}

TEST_CASE("depth, width and activation give one architecture whatever their order in the space", "[search]") {
  Config base = SmallCircle();
  base.hidden.clear();
  SearchSpace forward = SpaceOf({"hidden_units", "activation", "hidden_layers"});
  const double relu = double(std::find(forward.dimensions[1].choices.begin(), forward.dimensions[1].choices.end(),
                                       "relu") - forward.dimensions[1].choices.begin());
  const Config config = ApplySearchPoint(base, forward, {16, relu, 3});
  REQUIRE(config.hidden.size() == 3);
  for (const LayerConfig& layer : config.hidden) {
    CHECK(layer.units == 16);
    CHECK(layer.activation == "relu");
  }
}

TEST_CASE("early stopping ends a trial after `patience` checks without improvement", "[search]") {
  Config config = SmallCircle();
  config.optimizer.kind = "sgd";
  config.optimizer.learning_rate = 1e-7f;  // the loss moves far less than min_improvement per check
  EarlyStoppingSettings settings;
  settings.max_steps = 2000;
  settings.steps_per_check = 20;
  settings.patience = 3;
  settings.min_improvement = 1e-3;
  TrainingTrial trial(config, settings);
  int pieces = 1;
  while (!trial.Work()) ++pieces;
  CHECK(trial.Steps() == 3 * 20);
  CHECK(pieces == 1 + 3);  // the untrained check, then three checks without improvement
  CHECK(trial.Note().find("stopped early") != std::string::npos);
  CHECK(std::isfinite(trial.Value()));
}

TEST_CASE("a trial's value is the lowest validation loss, below the untrained network's", "[search]") {
  EarlyStoppingSettings settings;
  settings.max_steps = 400;
  settings.steps_per_check = 50;
  TrainingTrial untrained(SmallCircle(), {1, 1, 1, 0.0});
  untrained.Work();  // only the step-0 check
  TrainingTrial trial(SmallCircle(), settings);
  while (!trial.Work()) {
  }
  CHECK(trial.Steps() <= settings.max_steps);
  CHECK(trial.Value() < 0.8 * untrained.Value());
  // The same config and seed give the same value: searches compare configs on common random numbers.
  TrainingTrial again(SmallCircle(), settings);
  while (!again.Work()) {
  }
  CHECK(again.Value() == trial.Value());
}

TEST_CASE("an impossible config fails its trial with the reason instead of crashing", "[search]") {
  SearchSpace space = SpaceOf({"learning_rate"});
  space.dimensions[0].high = 100.0;  // beyond the config's limit of 10
  TrialFactory objective = TrainingObjective(SmallCircle(), space, EarlyStoppingSettings());
  std::unique_ptr<Trial> trial = objective({50.0});
  CHECK(trial->Work());
  CHECK_FALSE(std::isfinite(trial->Value()));
  CHECK(trial->Note().find("learning_rate (Learning rate) must be between 1e-07 and 10, not 50") != std::string::npos);
}

TEST_CASE("a search over real configs runs to the end in bounded pieces and reports the minimum", "[search]") {
  SearchSpace space = SpaceOf({"learning_rate", "hidden_units", "optimizer"});
  space.dimensions[0].low = 1e-3;
  space.dimensions[0].high = 0.3;
  space.dimensions[1].high = 8;
  EarlyStoppingSettings stopping;
  stopping.max_steps = 300;
  stopping.steps_per_check = 50;
  stopping.patience = 3;
  SearchSettings settings;
  settings.method = SearchMethod::kBayesian;
  settings.budget = 6;
  settings.initial_random = 3;
  settings.candidates = 200;
  const Config base = SmallCircle();
  HyperparameterSearch search(space, settings, TrainingObjective(base, space, stopping));
  REQUIRE(search.error().empty());
  int calls = 0;
  // Each trial is at most one untrained check plus max_steps / steps_per_check training pieces.
  const int most_pieces = settings.budget * int(1 + stopping.max_steps / stopping.steps_per_check);
  while (!search.finished() && calls <= most_pieces) {
    CHECK(search.AdvancePieces(1) == 1);
    ++calls;
  }
  REQUIRE(search.finished());
  CHECK_FALSE(search.cancelled());
  CHECK(calls <= most_pieces);
  REQUIRE(search.results().size() == 6);
  double minimum = INFINITY;
  for (const TrialResult& r : search.results()) {
    CHECK(r.steps <= stopping.max_steps);
    if (!r.failed()) minimum = std::min(minimum, r.value);
  }
  const int best = search.BestIndex();
  REQUIRE(best >= 0);
  CHECK(search.results()[size_t(best)].value == minimum);
  // "Apply best": the best point as a config trains to the same validation loss again.
  const Config best_config = ApplySearchPoint(base, space, search.results()[size_t(best)].point);
  CHECK(ValidateConfig(best_config).empty());
  TrainingTrial replay(best_config, stopping);
  while (!replay.Work()) {
  }
  CHECK(replay.Value() == minimum);
}

TEST_CASE("cancelling a search over configs drops the running training", "[search]") {
  SearchSpace space = SpaceOf({"learning_rate"});
  EarlyStoppingSettings stopping;
  stopping.max_steps = 1000;
  stopping.steps_per_check = 10;
  SearchSettings settings;
  settings.method = SearchMethod::kRandom;
  HyperparameterSearch search(space, settings, TrainingObjective(SmallCircle(), space, stopping));
  search.AdvancePieces(3);
  CHECK(search.running_point() != nullptr);
  search.Cancel();
  CHECK(search.running_point() == nullptr);
  CHECK(search.finished());
  CHECK(search.AdvancePieces(5) == 0);
  CHECK(search.results().empty());
}
