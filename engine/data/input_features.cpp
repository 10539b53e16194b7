#include "data/input_features.h"

#include <cmath>

#include "core/registry.h"

namespace netlab {

const std::vector<Feature>& Features() {
  static const std::vector<Feature> table = {
      {"x1", "x₁", [](float x1, float) { return x1; }},
      {"x2", "x₂", [](float, float x2) { return x2; }},
      {"x1_squared", "x₁²", [](float x1, float) { return x1 * x1; }},
      {"x2_squared", "x₂²", [](float, float x2) { return x2 * x2; }},
      {"x1_times_x2", "x₁x₂", [](float x1, float x2) { return x1 * x2; }},
      {"sin_x1", "sin x₁", [](float x1, float) { return std::sin(x1); }},
      {"sin_x2", "sin x₂", [](float, float x2) { return std::sin(x2); }},
  };
  return table;
}

const Feature* FindFeature(const std::string& name) { return FindByName(Features(), name); }

void ComputeFeatures(const std::vector<const Feature*>& features, const Matrix& points, Matrix& inputs) {
  inputs.resize(points.rows(), Eigen::Index(features.size()));
  for (Eigen::Index r = 0; r < points.rows(); ++r)
    for (size_t f = 0; f < features.size(); ++f)
      inputs(r, Eigen::Index(f)) = features[f]->value(points(r, 0), points(r, 1));
}

}  // namespace netlab
