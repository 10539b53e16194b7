#pragma once
// What a hyperparameter search may vary: a list of dimensions, each a continuous range (linear or
// logarithmic), an integer range, or a categorical choice. A point is one double per dimension: the
// value itself for ranges, the index of the choice for categories.
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

enum class DimensionKind { kContinuous, kInteger, kCategorical };

struct Dimension {
  std::string name;
  DimensionKind kind = DimensionKind::kContinuous;
  double low = 0.0, high = 1.0;  // ranges only; inclusive
  // Ranges only: spread evenly in log(value), the natural scale for learning rates and batch sizes
  // whose effect is multiplicative (Bergstra & Bengio 2012).
  bool log_scale = false;
  std::vector<std::string> choices;  // categorical only
};

using SearchPoint = std::vector<double>;

struct SearchSpace {
  std::vector<Dimension> dimensions;
  size_t size() const { return dimensions.size(); }
};

// Empty when the space can be searched, else a sentence saying what is wrong.
std::string ValidateSearchSpace(const SearchSpace& space);

// Position of `value` in [0, 1] along the dimension (after the log for log scales; categories at
// index / (count - 1)). FromUnit is its inverse, rounding integers and categories to the nearest.
double ToUnit(const Dimension& dimension, double value);
double FromUnit(const Dimension& dimension, double unit);

// The distinct values a grid with `levels` points per range visits: evenly spaced in unit position,
// integers rounded and deduplicated, every choice of a category.
std::vector<double> GridValues(const Dimension& dimension, int levels);
// The Cartesian product of GridValues, first dimension slowest.
std::vector<SearchPoint> GridPoints(const SearchSpace& space, int levels);
// The largest number of levels whose grid has at most `budget` points (at least 1).
int GridLevelsForBudget(const SearchSpace& space, int budget);

// Uniform in unit position per dimension: log-uniform on log scales, every choice equally likely.
SearchPoint RandomPoint(const SearchSpace& space, Rng& rng);

// Input vector for the Gaussian process: unit position for ranges, one-hot for categories (so that two
// different choices are equally far apart whatever their order in the list).
Eigen::VectorXd EncodePoint(const SearchSpace& space, const SearchPoint& point);
int EncodedSize(const SearchSpace& space);

std::string FormatValue(const Dimension& dimension, double value);

}  // namespace netlab
