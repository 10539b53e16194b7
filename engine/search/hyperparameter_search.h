#pragma once
// Hyperparameter search that runs cooperatively: each call does a bounded piece of work (one chunk of
// one trial), so a browser frame stays short, and the search can be cancelled between pieces.
// Methods: grid, random (Bergstra & Bengio 2012: for the same budget random search tries more distinct
// values of each dimension, which wins when only a few dimensions matter) and Bayesian optimisation
// (a Gaussian-process surrogate of the objective; the next trial maximises expected improvement).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "search/gaussian_process.h"
#include "core/rng.h"
#include "search/search_space.h"

namespace netlab {

// One evaluation of the objective (lower is better), done in pieces.
class Trial {
 public:
  virtual ~Trial() = default;
  // Does one bounded piece of work; returns true once Value() is known.
  virtual bool Work() = 0;
  // NaN or infinite when the trial failed (Note() says why).
  virtual double Value() const = 0;
  virtual std::string Note() const { return ""; }
  // Training steps taken, for the results table (0 for plain functions).
  virtual long Steps() const { return 0; }
};

using TrialFactory = std::function<std::unique_ptr<Trial>(const SearchPoint&)>;
// An objective that is a plain function of the point: each trial finishes in one piece.
TrialFactory FunctionObjective(std::function<double(const SearchPoint&)> function);

enum class SearchMethod { kGrid, kRandom, kBayesian };
const char* SearchMethodLabel(SearchMethod method);

struct SearchSettings {
  SearchMethod method = SearchMethod::kBayesian;
  int budget = 20;        // number of trials
  int grid_levels = 0;    // grid: points per range; 0 takes the most that fit in the budget
  int initial_random = 0; // Bayesian: random trials before the surrogate leads; 0 means dims + 1, at least 3
  int candidates = 1000;  // Bayesian: random points over which expected improvement is maximised
  uint64_t seed = 1;
};

struct TrialResult {
  SearchPoint point;
  double value = 0.0;  // NaN or infinite for a failed trial
  std::string note;
  long steps = 0;
  bool failed() const;
};

class HyperparameterSearch {
 public:
  HyperparameterSearch(const SearchSpace& space, const SearchSettings& settings, TrialFactory objective);

  // Does up to `pieces` pieces of work; returns how many were done (fewer once finished).
  int AdvancePieces(int pieces);
  // Does pieces until `budget_seconds` of wall time have passed (at least one piece).
  void Advance(double budget_seconds);
  // Stops between pieces; the trial in progress is dropped, finished results are kept.
  void Cancel();

  // Set when the space or settings cannot be searched; the search is then finished with no results.
  const std::string& error() const { return error_; }
  bool finished() const { return finished_; }
  bool cancelled() const { return cancelled_; }
  int planned_trials() const { return planned_trials_; }
  const SearchSpace& space() const { return space_; }
  const SearchSettings& settings() const { return settings_; }
  const std::vector<TrialResult>& results() const { return results_; }
  // Index of the lowest finite objective in results(), -1 when there is none.
  int BestIndex() const;
  // The point being evaluated now, nullptr between trials.
  const SearchPoint* running_point() const { return trial_ ? &running_point_ : nullptr; }

  // Fits the surrogate to the finished trials if any finished since the last fit. Bayesian search does
  // this after each trial; the other methods only when asked (a plot of the surrogate).
  void FitSurrogate();
  // The surrogate in objective units. Valid once SurrogateReady().
  bool SurrogateReady() const { return surrogate_.fitted(); }
  void PredictObjective(const SearchPoint& point, double& mean, double& stddev) const;
  const GaussianProcess& surrogate() const { return surrogate_; }

 private:
  SearchPoint ProposeNext();
  SearchPoint ProposeByExpectedImprovement();

  SearchSpace space_;
  SearchSettings settings_;
  TrialFactory objective_;
  Rng rng_;
  std::string error_;
  std::vector<SearchPoint> grid_;
  int planned_trials_ = 0;
  std::vector<TrialResult> results_;
  std::unique_ptr<Trial> trial_;
  SearchPoint running_point_;
  bool finished_ = false;
  bool cancelled_ = false;
  GaussianProcess surrogate_;
  size_t surrogate_trials_ = 0;  // results_.size() at the last fit
  double target_mean_ = 0.0, target_scale_ = 1.0;  // the surrogate models (y - mean) / scale
};

}  // namespace netlab
