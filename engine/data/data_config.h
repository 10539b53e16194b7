#pragma once
// Which data a run trains on, as plain data (the Config holds one).
#include <string>
#include <vector>

#include "data/painted_points.h"

namespace netlab {

struct DataConfig {
  // The 2-D generators (see Datasets()) for the playground; digits | iris | fashion | file for
  // classification and the generative families (file: the user's CSV or IDX files, named in `file`);
  // sine for the sequence task; ring for the GAN.
  std::string kind = "circle";
  std::string file;             // the user's data file(s) a link needs, by name (kind=file)
  int samples = 500;
  float noise = 0.0f;           // 0..1, scales each generator's own noise
  float train_fraction = 0.5f;  // share of samples used for training; the rest is the test set
  std::vector<PaintedPoint> painted;  // added on the heatmap; they join the training set (painted_points.h)
};

}  // namespace netlab
