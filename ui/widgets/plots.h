#pragma once
// Plots drawn with ImGui's draw list: the decision heatmap with the data points, and loss curves.
#include <memory>
#include <vector>

#include "imgui.h"
#include "platform/ui_texture.h"
#include "train/trainer.h"
#include "widgets/plane_evaluation.h"
#include "widgets/point_sprites.h"

namespace netlab {

// What the heatmap keeps between frames: the evaluation under way and the last finished picture.
struct HeatmapState {
  PlaneEvaluation evaluation;
  std::vector<ImU32> pixels;  // cells x cells, row-major from the top-left
  UiTexture texture;
  PointSprites points;
};

// Heatmap of the model's output over the input plane [-6, 6]², with train points (filled) and test
// points (ringed) on top. Occupies a square of side `size` at the cursor. The picture is re-evaluated
// (within `budget_seconds` a frame) only when `model_version` changes, and drawn as one texture.
void DrawDecisionHeatmap(Trainer& trainer, HeatmapState& state, long model_version, float size, bool show_test,
                         double budget_seconds);
// One column of a run's history as a plot's floats: the steps (&MetricsPoint::step) or a metric.
template <class T>
void HistoryColumn(const std::vector<MetricsPoint>& history, T MetricsPoint::*field, std::vector<float>& out) {
  out.clear();
  for (const MetricsPoint& m : history) out.push_back(float(m.*field));
}
// Train and test loss against step. Occupies (width x height) at the cursor.
void DrawLossCurves(const std::vector<MetricsPoint>& history, float width, float height, bool& log_scale);

}  // namespace netlab

namespace netlab {

// Cell centres of a (cells x cells) grid over the plane [-6, 6]², row-major from the top-left, one
// point per row: what the heatmap and the unit thumbnails evaluate the network on.
const Matrix& PlaneGrid(int cells);
// TensorFlow Playground's palette over t in [0, 1]: orange (class 0 / negative), white at 0.5, blue
// (class 1 / positive); `wash` mixes in white for backgrounds that points must stand out on.
ImU32 DivergingColor(float t, float wash = 0.0f);
// The decision heatmap's colour at t in [0, 1] (the model's output scaled there), washed out a little so
// the points stand out on it; its colour key draws the same.
ImU32 HeatmapColor(float t);
// What the network picture keeps between frames: each column's unit outputs over the thumbnail grid
// (evaluated a chunk at a time) and one texture per column holding its units' thumbnails top to bottom.
struct NetworkDiagramState {
  PlaneEvaluation evaluation;
  std::vector<Matrix> columns;                     // per column: grid points x shown units
  std::vector<std::unique_ptr<UiTexture>> textures;  // per column, as of the last finished pass
  std::vector<Eigen::Index> texture_units;          // units in each texture
  // The weight lines as of `lines_version` (the pictures' model version): block, the two units, weight.
  struct WeightLine {
    size_t block;
    Eigen::Index from, to;
    float weight, largest;  // largest: the block's largest |weight|, which the thickness is scaled by
  };
  std::vector<WeightLine> lines;
  long lines_version = -1;
  std::vector<Eigen::Index> lines_units;  // the units per column the lines were chosen for
};
// Inputs and hidden units as thumbnails of their output over the plane, weights as lines; thumbnails
// are re-evaluated within `budget_seconds` a frame only when `model_version` changes.
void DrawNetworkDiagram(Trainer& trainer, NetworkDiagramState& state, long model_version, float width, float height,
                        double budget_seconds);
// A white, framed (width x height) plot area at the cursor; returns its top-left corner.
ImVec2 DrawPlotFrame(float width, float height);
// A distinct colour for series i (optimizers in the race, layers in the norm plot).
ImU32 SeriesColor(int i);
// The colours every picture draws with: TensorFlow Playground's orange and blue and matplotlib's ten
// series colours, or (colour_blind) Okabe & Ito's eight ("Color Universal Design", 2008), which stay
// apart under protanopia, deuteranopia and tritanopia. The config's `palette` key sets it.
void UseColorBlindPalette(bool colour_blind);
bool ColorBlindPalette();
// Histogram of `values` in `bins` bins over their range, drawn at the cursor in (width x height).
// The counts of the finite values in `bins` equal bins over their range [low, high] (any: there was one).
struct Histogram {
  float low = 0.0f, high = 0.0f;
  bool any = false;
  std::vector<int> counts;
};
Histogram HistogramOf(const float* values, size_t count, int bins = 30);
void DrawHistogram(const char* title, const Histogram& histogram, float width, float height);

}  // namespace netlab
