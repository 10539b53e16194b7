#pragma once
// 2-D toy datasets in the style of TensorFlow Playground. Points live in [-6, 6]²; classification labels
// are 0/1, regression labels are real values in about [-1, 1].
#include <string>
#include <vector>

#include "data/data_config.h"
#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

constexpr float kPlaneExtent = 6.0f;  // the heatmap shows [-6, 6] x [-6, 6]

struct Dataset {
  Matrix points;  // n x 2
  Matrix labels;  // n x 1
  int classes = 2;  // 0 for regression
  Eigen::Index size() const { return points.rows(); }
};

struct DatasetKind {
  const char* name;
  const char* label;
  bool regression;
  void (*generate)(int samples, float noise, Rng& rng, Dataset& out);
};

const std::vector<DatasetKind>& DatasetKinds();
const DatasetKind* FindDatasetKind(const std::string& name);
int DatasetKindIndex(const std::string& name);

struct DataSplit {
  Dataset train, test;
};

// Generates `config.samples` points and splits them, shuffled, into train and test parts; the painted
// points (config.painted) are then appended to the training part.
DataSplit GenerateData(const DataConfig& config, Rng& rng);
// Appends `painted` to `train`: labels as given for regression, else rounded to the class 0 or 1.
void AddPaintedPoints(const std::vector<PaintedPoint>& painted, bool regression, Dataset& train);

}  // namespace netlab
