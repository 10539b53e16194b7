#pragma once
// Input features computed from a 2-D point, as in TensorFlow Playground (x1², sin x1, ...).
#include <string>
#include <vector>

#include "core/tensor.h"

namespace netlab {

struct Feature {
  const char* name;
  const char* label;
  float (*value)(float x1, float x2);
};

const std::vector<Feature>& Features();
const Feature* FindFeature(const std::string& name);

// points: (n x 2) -> inputs: (n x features.size())
void ComputeFeatures(const std::vector<const Feature*>& features, const Matrix& points, Matrix& inputs);

}  // namespace netlab
