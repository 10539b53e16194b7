#include "search/hyperparameter_search.h"
#include "core/clock.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace netlab {
namespace {

class FunctionTrial : public Trial {
 public:
  FunctionTrial(const std::function<double(const SearchPoint&)>& function, const SearchPoint& point)
      : function_(function), point_(point) {}
  bool Work() override {
    value_ = function_(point_);
    return true;
  }
  double Value() const override { return value_; }

 private:
  std::function<double(const SearchPoint&)> function_;
  SearchPoint point_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

// Kernels tried when fitting the surrogate; the one with the highest marginal likelihood is kept
// (type-II maximum likelihood over a small grid, cheap for the few dozen trials a search holds).
const double kLengthScales[] = {0.05, 0.1, 0.2, 0.35, 0.6, 1.0};
const double kNoiseVariances[] = {1e-6, 1e-3, 1e-2};
constexpr size_t kMaxSurrogateTrials = 200;

}  // namespace

TrialFactory FunctionObjective(std::function<double(const SearchPoint&)> function) {
  return [function](const SearchPoint& point) { return std::make_unique<FunctionTrial>(function, point); };
}

const char* SearchMethodLabel(SearchMethod method) {
  switch (method) {
    case SearchMethod::kGrid: return "Grid";
    case SearchMethod::kRandom: return "Random";
    case SearchMethod::kBayesian: return "Bayesian (GP + EI)";
  }
  return "?";
}

bool TrialResult::failed() const { return !std::isfinite(value); }

HyperparameterSearch::HyperparameterSearch(const SearchSpace& space, const SearchSettings& settings,
                                           TrialFactory objective)
    : space_(space), settings_(settings), objective_(std::move(objective)), rng_(settings.seed) {
  error_ = ValidateSearchSpace(space_);
  if (error_.empty() && (settings_.budget < 1 || settings_.budget > 10000))
    error_ = "The number of trials must be between 1 and 10000.";
  if (error_.empty() && settings_.method == SearchMethod::kBayesian && (settings_.candidates < 1 || settings_.candidates > 1000000))
    error_ = "The number of candidates must be between 1 and 1000000.";
  if (!error_.empty()) {
    finished_ = true;
    return;
  }
  planned_trials_ = settings_.budget;
  if (settings_.method == SearchMethod::kGrid) {
    const int levels = settings_.grid_levels > 0 ? settings_.grid_levels : GridLevelsForBudget(space_, settings_.budget);
    double grid_size = 1.0;
    for (const Dimension& d : space_.dimensions) grid_size *= double(GridValues(d, std::min(levels, 1000)).size());
    if (grid_size > 100000.0) {
      error_ = "That grid has more than 100000 points; use fewer levels or dimensions.";
      finished_ = true;
      return;
    }
    grid_ = GridPoints(space_, std::min(levels, 1000));
    planned_trials_ = int(std::min<size_t>(grid_.size(), size_t(settings_.budget)));
  }
  if (settings_.initial_random <= 0) settings_.initial_random = std::max(3, int(space_.size()) + 1);
}

int HyperparameterSearch::AdvancePieces(int pieces) {
  int done = 0;
  while (done < pieces && !finished_) {
    if (!trial_) {
      running_point_ = ProposeNext();
      trial_ = objective_ ? objective_(running_point_) : nullptr;
    }
    ++done;
    if (trial_ && !trial_->Work()) continue;
    TrialResult result;
    result.point = running_point_;
    result.value = trial_ ? trial_->Value() : std::numeric_limits<double>::quiet_NaN();
    result.note = trial_ ? trial_->Note() : "the objective could not start a trial";
    result.steps = trial_ ? trial_->Steps() : 0;
    results_.push_back(result);
    trial_.reset();
    if (settings_.method == SearchMethod::kBayesian) FitSurrogate();
    if (int(results_.size()) >= planned_trials_) finished_ = true;
  }
  return done;
}

void HyperparameterSearch::Advance(double budget_seconds) {
  const double start = NowSeconds();
  do {
    AdvancePieces(1);
  } while (!finished_ && NowSeconds() - start < budget_seconds);
}

void HyperparameterSearch::Cancel() {
  trial_.reset();
  cancelled_ = true;
  finished_ = true;
}

int HyperparameterSearch::BestIndex() const {
  int best = -1;
  for (size_t i = 0; i < results_.size(); ++i)
    if (!results_[i].failed() && (best < 0 || results_[i].value < results_[size_t(best)].value)) best = int(i);
  return best;
}

SearchPoint HyperparameterSearch::ProposeNext() {
  switch (settings_.method) {
    case SearchMethod::kGrid: return grid_[results_.size()];
    case SearchMethod::kRandom: return RandomPoint(space_, rng_);
    case SearchMethod::kBayesian:
      if (int(results_.size()) < settings_.initial_random || !surrogate_.fitted()) return RandomPoint(space_, rng_);
      return ProposeByExpectedImprovement();
  }
  return RandomPoint(space_, rng_);
}

SearchPoint HyperparameterSearch::ProposeByExpectedImprovement() {
  const int best_index = BestIndex();
  const SearchPoint& best_point = results_[size_t(best_index)].point;
  const double best_scaled = (results_[size_t(best_index)].value - target_mean_) / target_scale_;
  SearchPoint chosen;
  double chosen_improvement = -1.0;
  for (int c = 0; c < settings_.candidates; ++c) {
    SearchPoint candidate = RandomPoint(space_, rng_);
    if (c % 2 == 1) {
      // Half the candidates are local moves around the best point so far: uniform candidates alone
      // rarely land inside a narrow basin once the surrogate has found it.
      for (size_t i = 0; i < space_.size(); ++i) {
        const Dimension& d = space_.dimensions[i];
        if (d.kind == DimensionKind::kCategorical) {
          if (rng_.Uniform() < 0.8f) candidate[i] = best_point[i];
        } else {
          candidate[i] = FromUnit(d, ToUnit(d, best_point[i]) + 0.05 * double(rng_.Normal()));
        }
      }
    }
    double mean, variance;
    surrogate_.Predict(EncodePoint(space_, candidate), mean, variance);
    const double improvement = ExpectedImprovement(mean, std::sqrt(variance), best_scaled);
    if (improvement > chosen_improvement) {
      chosen_improvement = improvement;
      chosen = candidate;
    }
  }
  return chosen;
}

void HyperparameterSearch::FitSurrogate() {
  if (surrogate_trials_ == results_.size()) return;
  surrogate_trials_ = results_.size();
  double worst = -INFINITY;
  for (const TrialResult& r : results_)
    if (!r.failed()) worst = std::max(worst, r.value);
  if (!std::isfinite(worst)) return;
  // Fitting costs O(n^3); past a few hundred trials only the best ones, which shape the surrogate
  // where the search is looking, are kept.
  std::vector<size_t> order(results_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto value_or_worst = [&](size_t i) { return results_[i].failed() ? worst : results_[i].value; };
  if (order.size() > kMaxSurrogateTrials) {
    std::partial_sort(order.begin(), order.begin() + kMaxSurrogateTrials, order.end(),
                      [&](size_t a, size_t b) { return value_or_worst(a) < value_or_worst(b); });
    order.resize(kMaxSurrogateTrials);
  }
  const Eigen::Index n = Eigen::Index(order.size());
  Eigen::MatrixXd inputs(n, EncodedSize(space_));
  Eigen::VectorXd targets(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const TrialResult& r = results_[order[size_t(i)]];
    inputs.row(i) = EncodePoint(space_, r.point).transpose();
    // A failed trial counts as the worst seen: it steers the search away without an infinite target.
    targets[i] = r.failed() ? worst : r.value;
  }
  target_mean_ = targets.mean();
  const double spread = std::sqrt((targets.array() - target_mean_).square().mean());
  target_scale_ = spread > 1e-12 ? spread : 1.0;
  const Eigen::VectorXd scaled = (targets.array() - target_mean_) / target_scale_;
  GaussianProcess best_fit;
  double best_likelihood = -INFINITY;
  for (double length_scale : kLengthScales)
    for (double noise_variance : kNoiseVariances) {
      GaussianProcess candidate;
      if (!candidate.Fit(inputs, scaled, {length_scale, 1.0, noise_variance})) continue;
      const double likelihood = candidate.LogMarginalLikelihood();
      if (likelihood > best_likelihood) {
        best_likelihood = likelihood;
        best_fit = candidate;
      }
    }
  if (best_fit.fitted()) surrogate_ = best_fit;
}

void HyperparameterSearch::PredictObjective(const SearchPoint& point, double& mean, double& stddev) const {
  double scaled_mean, scaled_variance;
  surrogate_.Predict(EncodePoint(space_, point), scaled_mean, scaled_variance);
  mean = target_mean_ + target_scale_ * scaled_mean;
  stddev = target_scale_ * std::sqrt(scaled_variance);
}

}  // namespace netlab
