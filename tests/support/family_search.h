#pragma once
// A grid search of a family task run to its end (workbench/family_trial.h), and the numbers the tests
// compare its trials by.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "search/config_search_space.h"
#include "search/family_trial.h"
#include "search/objectives.h"

namespace netlab {

// A grid over registry entry `name` in [low, high] with `trials` points, every trial stopped by
// `stopping`; `space` receives the searched space (for Apply best).
inline std::unique_ptr<HyperparameterSearch> FamilyGrid(const Config& base, const TaskData& data, const std::string& name,
                                                        double low, double high, int trials,
                                                        const EarlyStoppingSettings& stopping, SearchSpace& space) {
  space.dimensions = {DefaultDimension(*FindConfigHyperparameter(name))};
  space.dimensions[0].low = low;
  space.dimensions[0].high = high;
  SearchSettings settings;
  settings.method = SearchMethod::kGrid;
  settings.budget = trials;
  auto search = std::make_unique<HyperparameterSearch>(space, settings, FindSearchObjective(base.task)->make(base, space, data, stopping));
  REQUIRE(search->error().empty());
  while (!search->finished()) search->AdvancePieces(1);
  REQUIRE(int(search->results().size()) == trials);
  return search;
}

// The highest value of the search's trials, a failed trial counting as infinitely bad.
inline double WorstValue(const HyperparameterSearch& search) {
  double worst = -INFINITY;
  for (const TrialResult& r : search.results()) worst = std::max(worst, std::isfinite(r.value) ? r.value : INFINITY);
  return worst;
}

inline const TrialResult& BestResult(const HyperparameterSearch& search) {
  REQUIRE(search.BestIndex() >= 0);
  return search.results()[size_t(search.BestIndex())];
}

}  // namespace netlab
