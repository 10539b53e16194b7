// Search methods on synthetic objectives whose optimum is known: grid enumeration, random against grid
// when one dimension is irrelevant, Bayesian optimisation against random search, cancellation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "search/hyperparameter_search.h"

using namespace netlab;

namespace {

Dimension Range(const std::string& name, double low, double high, bool log_scale = false,
                DimensionKind kind = DimensionKind::kContinuous) {
  Dimension d;
  d.name = name;
  d.kind = kind;
  d.low = low;
  d.high = high;
  d.log_scale = log_scale;
  return d;
}

Dimension Choice(const std::string& name, std::vector<std::string> choices) {
  Dimension d;
  d.name = name;
  d.kind = DimensionKind::kCategorical;
  d.choices = std::move(choices);
  return d;
}

// One dimension, x in [0, 1]: for the tests of the search's own workings rather than of an objective.
SearchSpace UnitInterval() {
  SearchSpace space;
  space.dimensions = {Range("x", 0, 1)};
  return space;
}

SearchSettings Settings(SearchMethod method, int budget = SearchSettings().budget) {
  SearchSettings settings;
  settings.method = method;
  settings.budget = budget;
  return settings;
}

// Runs the search one piece at a time until a trial scores below `target`; returns the number of
// trials it took (budget + 1 when it never did).
int TrialsToReach(HyperparameterSearch& search, double target) {
  while (!search.finished()) {
    search.AdvancePieces(1);
    if (!search.results().empty() && search.results().back().value <= target) return int(search.results().size());
  }
  return search.settings().budget + 1;
}

struct MeanTrials {
  double bayesian = 0.0, random = 0.0;
};

// The mean over seeds 1 to 5 of TrialsToReach(target) on `f` for Bayesian optimisation and for random
// search, each with its own budget.
MeanTrials MeanTrialsToReach(const SearchSpace& space, const std::function<double(const SearchPoint&)>& f,
                             double target, int bayesian_budget, int random_budget) {
  const int seeds = 5;
  MeanTrials mean;
  for (int seed = 1; seed <= seeds; ++seed) {
    SearchSettings settings;
    settings.seed = uint64_t(seed);
    settings.method = SearchMethod::kBayesian;
    settings.budget = bayesian_budget;
    HyperparameterSearch bayesian(space, settings, FunctionObjective(f));
    mean.bayesian += TrialsToReach(bayesian, target);
    settings.method = SearchMethod::kRandom;
    settings.budget = random_budget;
    HyperparameterSearch random(space, settings, FunctionObjective(f));
    mean.random += TrialsToReach(random, target);
  }
  mean.bayesian /= seeds;
  mean.random /= seeds;
  return mean;
}

}  // namespace

TEST_CASE("grid values are evenly spaced in unit position, integers rounded and deduplicated", "[search]") {
  const Dimension rate = Range("learning_rate", 1e-3, 1e-1, true);
  std::vector<double> values = GridValues(rate, 3);
  REQUIRE(values.size() == 3);
  CHECK(values[0] == Approx(1e-3));
  CHECK(values[1] == Approx(1e-2));  // the geometric mean of the ends on a log scale
  CHECK(values[2] == Approx(1e-1));
  const Dimension units = Range("units", 1, 4, false, DimensionKind::kInteger);
  // Unit positions 0, 1/2, 1 -> 1, 2.5, 4 -> rounded half away from zero: 1, 3, 4.
  CHECK(GridValues(units, 3) == std::vector<double>{1, 3, 4});
  // Seven levels over four whole numbers visit each once.
  CHECK(GridValues(units, 7) == std::vector<double>{1, 2, 3, 4});
  CHECK(GridValues(Range("x", 0, 1), 1) == std::vector<double>{0.5});
}

TEST_CASE("grid search enumerates exactly the Cartesian product, first dimension slowest", "[search]") {
  SearchSpace space;
  space.dimensions = {Range("learning_rate", 1e-3, 1e-1, true), Range("units", 1, 4, false, DimensionKind::kInteger),
                      Choice("optimizer", {"sgd", "adam"})};
  SearchSettings settings = Settings(SearchMethod::kGrid, 100);
  settings.grid_levels = 3;
  std::vector<SearchPoint> seen;
  HyperparameterSearch search(space, settings, FunctionObjective([&](const SearchPoint& p) {
                                seen.push_back(p);
                                return p[0] + p[1];
                              }));
  REQUIRE(search.error().empty());
  CHECK(search.planned_trials() == 18);
  while (!search.finished()) search.AdvancePieces(5);
  REQUIRE(seen.size() == 18);
  size_t i = 0;
  for (double rate : {1e-3, 1e-2, 1e-1})
    for (double units : {1.0, 3.0, 4.0})
      for (double optimizer : {0.0, 1.0}) {
        CHECK(seen[i][0] == Approx(rate));
        CHECK(seen[i][1] == units);
        CHECK(seen[i][2] == optimizer);
        ++i;
      }
  CHECK(search.results().size() == 18);
  CHECK(search.results()[size_t(search.BestIndex())].value == Approx(1e-3 + 1.0));
}

TEST_CASE("the grid takes the most levels that fit the budget", "[search]") {
  SearchSpace space;
  space.dimensions = {Range("x", 0, 1), Range("y", 0, 1)};
  CHECK(GridLevelsForBudget(space, 8) == 2);
  CHECK(GridLevelsForBudget(space, 9) == 3);
  CHECK(GridLevelsForBudget(space, 15) == 3);
  CHECK(GridLevelsForBudget(space, 16) == 4);
  HyperparameterSearch search(space, Settings(SearchMethod::kGrid, 10),
                              FunctionObjective([](const SearchPoint&) { return 0.0; }));
  CHECK(search.planned_trials() == 9);
}

TEST_CASE("with one irrelevant dimension random search beats a grid of the same budget", "[search]") {
  // f depends on x only (Bergstra & Bengio 2012, Figure 1): a 3x3 grid tries 3 values of x, nine random
  // points try 9, so random search gets closer to the optimum x = 0.37 on average.
  SearchSpace space;
  space.dimensions = {Range("x", 0, 1), Range("y", 0, 1)};
  auto f = [](const SearchPoint& p) { return (p[0] - 0.37) * (p[0] - 0.37); };
  SearchSettings settings = Settings(SearchMethod::kGrid, 9);
  HyperparameterSearch grid(space, settings, FunctionObjective(f));
  grid.AdvancePieces(100);
  std::set<double> grid_x;
  for (const TrialResult& r : grid.results()) grid_x.insert(r.point[0]);
  CHECK(grid_x.size() == 3);
  const double grid_best = grid.results()[size_t(grid.BestIndex())].value;
  CHECK(grid_best == Approx(0.13 * 0.13));  // x = 0.5 is the grid's nearest value

  double random_best_sum = 0.0;
  const int seeds = 20;
  for (int seed = 1; seed <= seeds; ++seed) {
    settings.method = SearchMethod::kRandom;
    settings.seed = uint64_t(seed);
    HyperparameterSearch random(space, settings, FunctionObjective(f));
    random.AdvancePieces(100);
    std::set<double> random_x;
    for (const TrialResult& r : random.results()) random_x.insert(r.point[0]);
    CHECK(random_x.size() == 9);
    random_best_sum += random.results()[size_t(random.BestIndex())].value;
  }
  CHECK(random_best_sum / seeds < 0.5 * grid_best);
}

TEST_CASE("Bayesian optimisation reaches a narrow basin in fewer trials than random search", "[search]") {
  // A valley in (log10 learning rate, y): f = (log10 x + 1.52)^2 / 16 + 4 (y - 0.3)^2, minimum 0 at
  // x = 10^-1.52, y = 0.3. The region f < 1e-3 is an ellipse of area pi * 1e-3 / 2 ~ 0.0016 of the unit
  // square, so random search needs about 640 trials on average.
  SearchSpace space;
  space.dimensions = {Range("learning_rate", 1e-4, 1.0, true), Range("y", 0, 1)};
  auto f = [](const SearchPoint& p) {
    const double a = std::log10(p[0]) + 1.52, b = p[1] - 0.3;
    return a * a / 16 + 4 * b * b;
  };
  const MeanTrials trials = MeanTrialsToReach(space, f, 1e-3, 60, 5000);
  WARN("mean trials to f < 1e-3: Bayesian " << trials.bayesian << ", random " << trials.random);
  CHECK(trials.bayesian <= 60);
  CHECK(trials.bayesian * 4 < trials.random);
}

TEST_CASE("Bayesian optimisation finds the basin of a 3-D function with a categorical dimension", "[search]") {
  // Narrow Gaussian well on a bowl, only for choice "b": f = |u - c|^2 + [choice != b] - exp(-|u-c|^2 / 0.02).
  SearchSpace space;
  space.dimensions = {Range("u", 0, 1), Range("v", 0, 1), Range("w", 1, 100, true), Choice("kind", {"a", "b", "c"})};
  auto f = [&](const SearchPoint& p) {
    const double dw = ToUnit(space.dimensions[2], p[2]) - 0.4;
    const double r2 = (p[0] - 0.7) * (p[0] - 0.7) + (p[1] - 0.2) * (p[1] - 0.2) + dw * dw;
    return r2 + (p[3] == 1.0 ? 0.0 : 1.0) - std::exp(-r2 / 0.02);
  };
  // Random search gets 10000 trials, the most a search accepts; a miss counts as 10001.
  const MeanTrials trials = MeanTrialsToReach(space, f, -0.8, 80, 10000);
  WARN("mean trials to within 0.2 of the minimum in 3-D + category: Bayesian " << trials.bayesian << ", random "
                                                                                 << trials.random);
  CHECK(trials.bayesian * 4 < trials.random);
}

TEST_CASE("the surrogate follows the observations it was fitted to", "[search]") {
  const SearchSpace space = UnitInterval();
  SearchSettings settings = Settings(SearchMethod::kGrid);
  settings.grid_levels = 5;
  auto f = [](const SearchPoint& p) { return 3.0 + 2.0 * p[0]; };
  HyperparameterSearch search(space, settings, FunctionObjective(f));
  search.AdvancePieces(10);
  CHECK_FALSE(search.SurrogateReady());  // grid search fits it only on request
  search.FitSurrogate();
  REQUIRE(search.SurrogateReady());
  for (const TrialResult& r : search.results()) {
    double mean, stddev;
    search.PredictObjective(r.point, mean, stddev);
    CHECK(mean == Approx(r.value).margin(0.05));
    CHECK(stddev < 0.2);
  }
}

TEST_CASE("failed trials are recorded and steer the search without breaking the surrogate", "[search]") {
  auto f = [](const SearchPoint& p) { return p[0] > 0.6 ? NAN : (p[0] - 0.3) * (p[0] - 0.3); };
  HyperparameterSearch search(UnitInterval(), Settings(SearchMethod::kBayesian, 12), FunctionObjective(f));
  search.AdvancePieces(100);
  REQUIRE(search.results().size() == 12);
  const int best = search.BestIndex();
  REQUIRE(best >= 0);
  CHECK_FALSE(search.results()[size_t(best)].failed());
  for (const TrialResult& r : search.results())
    if (!r.failed()) CHECK(search.results()[size_t(best)].value <= r.value);
}

TEST_CASE("a cancelled search stops between pieces and keeps what it finished", "[search]") {
  HyperparameterSearch search(UnitInterval(), Settings(SearchMethod::kRandom, 50),
                              FunctionObjective([](const SearchPoint& p) { return p[0]; }));
  CHECK(search.AdvancePieces(7) == 7);
  search.Cancel();
  CHECK(search.finished());
  CHECK(search.cancelled());
  CHECK(search.AdvancePieces(10) == 0);
  CHECK(search.results().size() == 7);
}

TEST_CASE("impossible search settings give a message and no work", "[search]") {
  SearchSpace space;
  space.dimensions = {Range("learning_rate", 0.0, 1.0, true)};
  HyperparameterSearch log_of_zero(space, SearchSettings(), FunctionObjective([](const SearchPoint&) { return 0.0; }));
  CHECK(log_of_zero.error().find("log scale") != std::string::npos);
  CHECK(log_of_zero.finished());
  CHECK(log_of_zero.AdvancePieces(5) == 0);
  space.dimensions = {Range("x", 2.0, 1.0)};
  CHECK_FALSE(HyperparameterSearch(space, SearchSettings(), nullptr).error().empty());
  space.dimensions = {Range("n", 1.2, 1.8, false, DimensionKind::kInteger)};
  CHECK(ValidateSearchSpace(space).find("whole number") != std::string::npos);
  space.dimensions = {Range("x", 0, 1), Range("y", 0, 1), Range("z", 0, 1)};
  SearchSettings huge;
  huge.method = SearchMethod::kGrid;
  huge.grid_levels = 100;
  CHECK(HyperparameterSearch(space, huge, nullptr).error().find("100000") != std::string::npos);
  CHECK_FALSE(ValidateSearchSpace(SearchSpace()).empty());
  SearchSettings two;
  two.budget = 2;
  space.dimensions = {Range("x", 0, 1)};
  HyperparameterSearch broken(space, two, [](const SearchPoint&) { return std::unique_ptr<Trial>(); });
  CHECK(broken.AdvancePieces(10) == 2);
  REQUIRE(broken.results().size() == 2);
  CHECK(broken.results()[0].failed());
  CHECK(broken.BestIndex() == -1);
}
