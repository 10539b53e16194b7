#pragma once
// Training and test accuracy against step in one plot, the random-labels lesson's picture (Zhang et al.
// 2016): with shuffled labels the training accuracy still climbs to 100% while the test accuracy stays
// at chance.
#include <vector>

namespace netlab {

struct AccuracyPoint {
  long step = 0;
  double train = 0.0, test = 0.0;  // shares in [0, 1]
};

// A (width x height) plot at the cursor, 0 to 100%, with a legend line above it; `chance` (1 / classes)
// as a dashed grey level.
void DrawAccuracyCurves(const std::vector<AccuracyPoint>& points, double chance, float width, float height);

}  // namespace netlab
