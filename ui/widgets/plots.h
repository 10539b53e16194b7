#pragma once
// Plots drawn with ImGui's draw list: the decision heatmap with the data points, and loss curves.
#include <vector>

#include "imgui.h"
#include "train/trainer.h"

namespace netlab {

// Heatmap of the model's output over the input plane [-6, 6]², with train points (filled) and test
// points (ringed) on top. Occupies a square of side `size` at the cursor.
void DrawDecisionHeatmap(Trainer& trainer, float size, bool show_test);
// Train and test loss against step. Occupies (width x height) at the cursor.
void DrawLossCurves(const Trainer& trainer, float width, float height);

}  // namespace netlab

namespace netlab {

// Cell centres of a (cells x cells) grid over the plane [-6, 6]², row-major from the top-left, one
// point per row: what the heatmap and the unit thumbnails evaluate the network on.
const Matrix& PlaneGrid(int cells);
// TensorFlow Playground's palette over t in [0, 1]: orange (class 0 / negative), white at 0.5, blue
// (class 1 / positive); `wash` mixes in white for backgrounds that points must stand out on.
ImU32 DivergingColor(float t, float wash = 0.0f);
// Inputs and hidden units as thumbnails of their output over the plane, weights as lines.
void DrawNetworkDiagram(Trainer& trainer, float width, float height);
// A white, framed (width x height) plot area at the cursor; returns its top-left corner.
ImVec2 DrawPlotFrame(float width, float height);
// A distinct colour for series i (optimizers in the race, layers in the norm plot).
ImU32 SeriesColor(int i);
// Histogram of `values` in `bins` bins over their range, drawn at the cursor in (width x height).
void DrawHistogram(const char* title, const std::vector<float>& values, float width, float height, int bins = 30);

}  // namespace netlab
