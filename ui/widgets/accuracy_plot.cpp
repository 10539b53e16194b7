#include "widgets/accuracy_plot.h"


#include "imgui.h"
#include "widgets/line_plot.h"

namespace netlab {

void DrawAccuracyCurves(const std::vector<AccuracyPoint>& points, double chance, float width, float height) {
  std::vector<float> steps, train, test;
  for (const AccuracyPoint& p : points)
    steps.push_back(float(p.step)), train.push_back(float(p.train)), test.push_back(float(p.test));
  LinePlot plot;
  plot.percent = true;
  plot.y_low = 0.0f, plot.y_high = 1.0f;
  plot.x_label = "step";
  plot.series = {{"training accuracy", &train, &steps, IM_COL32(245, 147, 34, 255)},
                 {"test accuracy", &test, &steps, IM_COL32(8, 119, 189, 255)}};
  plot.levels = {{"chance", float(chance)}};
  DrawLinePlot(plot, width, height);
}

}  // namespace netlab
