#pragma once
// The one line plot the views draw their curves with: a legend above the frame (a swatch per series and
// per dashed reference level, the y unit, and the log-scale switch where the plot offers one), round tick values on
// both axes (decades on a log scale) with the x axis named in its corner, and, under the pointer, a
// rule, a dot on every series and their values.
//   LinePlot plot;
//   plot.x_label = "epoch";
//   plot.series.push_back({"test error", &errors});            // x = 0, 1, 2, ... unless xs is given
//   plot.levels.push_back({"PCA", pca_error});                  // a dashed horizontal line
//   DrawLinePlot(plot, width, height);
#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"

#include "core/nice_ticks.h"  // NiceTicks: round tick values, shared with the exported figures

namespace netlab {

struct PlotSeries {
  std::string label;
  const std::vector<float>* ys = nullptr;
  const std::vector<float>* xs = nullptr;  // null: 0, 1, 2, ...
  ImU32 color = 0;                         // 0: SeriesColor(the series' index)
  float thickness = 2.0f;
};

struct PlotLevel {
  std::string label;
  float y = 0.0f;
  ImU32 color = IM_COL32(130, 130, 130, 255);
};

struct LinePlot {
  std::string x_label;        // the x axis' name, in its corner ("epoch", "step")
  std::string y_label;        // the unit, at the end of the legend row ("nats", "test error")
  bool log_y = false;         // decades
  bool* log_switch = nullptr; // a "Log scale" switch in the legend row editing this (the config's log_scale), overriding log_y
  bool percent = false;       // y in [0, 1] shown as 0% .. 100%
  float y_low = NAN, y_high = NAN;  // a fixed range (either end); NaN: from the data and the levels
  float y_span_max = INFINITY;      // at most this much below the highest value (an untrained start
                                    // would flatten the rest)
  std::vector<PlotSeries> series;
  std::vector<PlotLevel> levels;
};

// Draws `plot` at the cursor in width x height: the legend row(s), then the frame with its ticks.
void DrawLinePlot(const LinePlot& plot, float width, float height);

// The height a view gives a plot `width` wide: tall enough for its legend and ticks to leave room for
// the curves, never a strip.
float LinePlotHeight(float width);

}  // namespace netlab
