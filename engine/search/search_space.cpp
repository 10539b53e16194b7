#include "search/search_space.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace netlab {

std::string ValidateSearchSpace(const SearchSpace& space) {
  if (space.dimensions.empty()) return "Choose at least one hyperparameter to search over.";
  for (const Dimension& d : space.dimensions) {
    if (d.kind == DimensionKind::kCategorical) {
      if (d.choices.empty()) return "'" + d.name + "' has no choices to pick from.";
      continue;
    }
    if (!std::isfinite(d.low) || !std::isfinite(d.high)) return "The range of '" + d.name + "' is not a number.";
    if (d.low > d.high) return "The range of '" + d.name + "' has its low end above its high end.";
    if (d.log_scale && d.low <= 0.0) return "'" + d.name + "' is on a log scale, so its range must be above 0.";
    if (d.kind == DimensionKind::kInteger && std::ceil(d.low) > std::floor(d.high))
      return "The range of '" + d.name + "' holds no whole number.";
  }
  return "";
}

double ToUnit(const Dimension& d, double value) {
  if (d.kind == DimensionKind::kCategorical)
    return d.choices.size() > 1 ? value / double(d.choices.size() - 1) : 0.0;
  const double low = d.log_scale ? std::log(d.low) : d.low;
  const double high = d.log_scale ? std::log(d.high) : d.high;
  const double v = d.log_scale ? std::log(value) : value;
  return high > low ? std::clamp((v - low) / (high - low), 0.0, 1.0) : 0.0;
}

double FromUnit(const Dimension& d, double unit) {
  unit = std::clamp(unit, 0.0, 1.0);
  if (d.kind == DimensionKind::kCategorical)
    return std::round(unit * double(d.choices.size() - 1));
  double value = d.log_scale ? std::exp(std::log(d.low) + unit * (std::log(d.high) - std::log(d.low)))
                             : d.low + unit * (d.high - d.low);
  value = std::clamp(value, d.low, d.high);  // exp(log(x)) may land one ulp outside
  if (d.kind == DimensionKind::kInteger)
    value = std::clamp(std::round(value), std::ceil(d.low), std::floor(d.high));
  return value;
}

std::vector<double> GridValues(const Dimension& d, int levels) {
  std::vector<double> values;
  if (d.kind == DimensionKind::kCategorical) {
    for (size_t i = 0; i < d.choices.size(); ++i) values.push_back(double(i));
    return values;
  }
  levels = std::max(1, levels);
  for (int i = 0; i < levels; ++i) {
    // One level sits in the middle of the range rather than at an arbitrary end.
    const double unit = levels == 1 ? 0.5 : double(i) / double(levels - 1);
    const double value = FromUnit(d, unit);
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  return values;
}

std::vector<SearchPoint> GridPoints(const SearchSpace& space, int levels) {
  std::vector<SearchPoint> points = {SearchPoint()};
  for (const Dimension& d : space.dimensions) {
    std::vector<SearchPoint> extended;
    for (const SearchPoint& prefix : points)
      for (double value : GridValues(d, levels)) {
        extended.push_back(prefix);
        extended.back().push_back(value);
      }
    points = std::move(extended);
  }
  return points;
}

int GridLevelsForBudget(const SearchSpace& space, int budget) {
  auto grid_size = [&](int levels) {
    double size = 1.0;
    for (const Dimension& d : space.dimensions) size *= double(GridValues(d, levels).size());
    return size;
  };
  int levels = 1;
  // Integer ranges stop growing once every value is on the grid, so cap the search.
  while (levels < 1000 && grid_size(levels + 1) <= double(budget) && grid_size(levels + 1) > grid_size(levels))
    ++levels;
  return levels;
}

SearchPoint RandomPoint(const SearchSpace& space, Rng& rng) {
  SearchPoint point;
  for (const Dimension& d : space.dimensions) {
    if (d.kind == DimensionKind::kCategorical)
      point.push_back(double(rng.Below(uint32_t(d.choices.size()))));
    else if (d.kind == DimensionKind::kInteger && !d.log_scale)
      // Each whole number equally likely (rounding a uniform would halve the chance of the two ends).
      point.push_back(std::ceil(d.low) + double(rng.Below(uint32_t(std::floor(d.high) - std::ceil(d.low) + 1))));
    else
      point.push_back(FromUnit(d, double(rng.Uniform())));
  }
  return point;
}

int EncodedSize(const SearchSpace& space) {
  int size = 0;
  for (const Dimension& d : space.dimensions)
    size += d.kind == DimensionKind::kCategorical ? int(d.choices.size()) : 1;
  return size;
}

Eigen::VectorXd EncodePoint(const SearchSpace& space, const SearchPoint& point) {
  Eigen::VectorXd encoded = Eigen::VectorXd::Zero(EncodedSize(space));
  int at = 0;
  for (size_t i = 0; i < space.size(); ++i) {
    const Dimension& d = space.dimensions[i];
    if (d.kind == DimensionKind::kCategorical) {
      encoded[at + int(point[i])] = 1.0;
      at += int(d.choices.size());
    } else {
      encoded[at++] = ToUnit(d, point[i]);
    }
  }
  return encoded;
}

std::string FormatValue(const Dimension& d, double value) {
  if (d.kind == DimensionKind::kCategorical) {
    const size_t i = size_t(value);
    return i < d.choices.size() ? d.choices[i] : "?";
  }
  char text[32];
  if (d.kind == DimensionKind::kInteger) std::snprintf(text, sizeof text, "%.0f", value);
  else std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

}  // namespace netlab
