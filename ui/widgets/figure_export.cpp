#include "widgets/figure_export.h"

#include <algorithm>

#include "imgui.h"
#include "widgets/plane_evaluation.h"
#include "widgets/plots.h"

#include "data/dataset.h"
#include "links/deflate.h"
#include "platform/item_locator.h"

namespace netlab {
namespace {

// The heatmap PNG's side at 1x: 400 px (1,600 at 4x, a full-height slide at 150 dpi). Compressed with the
// share links' DEFLATE (links/deflate.h: fixed Huffman codes over LZ77 matches, 0.16 s natively for 4x),
// the flat colours of a 4x heatmap take about 0.5 MB instead of the 10 MB of stored pixels.
constexpr int kPngSide = 400;
// The SVG's grid: 240 cells, about 2 px a cell at the figure's 640 x 540, where the viewer's smoothing is
// invisible; 4 bytes a cell embedded (0.3 MB of base64).
constexpr int kSvgCells = 240;
// Multiply-adds an export may spend evaluating the model: about a second of WASM SIMD, once, on a click.
// A small network gets one cell a pixel even at 4x (1,600² points); a 12 x 256 one a coarser grid (never
// under the page's 60 cells), whose cells the PNG draws as sharp squares.
constexpr double kExportMacs = 2e9;

// The model's outputs at the centres of a (cells x cells) grid over [-6, 6]², row-major from the top-left
// (PlaneGrid's order, built here a chunk at a time: PlaneGrid keeps every grid it makes, and a 1,600-cell
// grid is 20 MB).
std::vector<float> EvaluateGrid(Trainer& trainer, int cells) {
  std::vector<float> values(size_t(cells) * size_t(cells));
  const long total = long(cells) * cells;
  constexpr long kChunk = 8192;
  Matrix points, prediction;
  for (long first = 0; first < total; first += kChunk) {
    const long count = std::min(kChunk, total - first);
    points.resize(count, 2);
    for (long i = 0; i < count; ++i) {
      const long r = (first + i) / cells, c = (first + i) % cells;
      points(i, 0) = -kPlaneExtent + (float(c) + 0.5f) * 2.0f * kPlaneExtent / float(cells);
      points(i, 1) = kPlaneExtent - (float(r) + 0.5f) * 2.0f * kPlaneExtent / float(cells);
    }
    trainer.Predict(points, prediction);
    for (long i = 0; i < count; ++i) values[size_t(first + i)] = prediction(i, 0);
  }
  return values;
}

}  // namespace

HeatmapFigure PlaygroundHeatmapFigure(Trainer& trainer, int cells, bool show_test) {
  HeatmapFigure figure;
  figure.extent = kPlaneExtent;
  figure.regression = trainer.is_regression();
  figure.palette = PlaygroundStops(ColorBlindPalette());
  figure.cells = cells;
  figure.values = EvaluateGrid(trainer, cells);
  figure.png_side = kPngSide;
  figure.deflate_raw = DeflateRaw;
  auto add_points = [&](const Dataset& set, bool test) {
    for (Eigen::Index i = 0; i < set.size(); ++i)
      figure.points.push_back({set.points(i, 0), set.points(i, 1), set.labels(i, 0), test});
  };
  add_points(trainer.data().train, false);
  if (show_test) add_points(trainer.data().test, true);
  return figure;
}

CurvesFigure LossCurvesFigure(const std::vector<MetricsPoint>& history, bool log_y) {
  CurvesFigure figure;
  figure.x_label = "step";
  figure.y_label = "loss";
  figure.log_y = log_y;
  figure.y_low = 0.0f;  // a linear loss axis starts at 0, as the page's
  // The page's colours (plots.cpp, DrawLossCurves): train grey, test near-black.
  CurveSeries train{"train loss", {150 / 255.0f, 150 / 255.0f, 150 / 255.0f}, {}, {}};
  CurveSeries test{"test loss", {20 / 255.0f, 20 / 255.0f, 20 / 255.0f}, {}, {}};
  for (const MetricsPoint& m : history) {
    train.xs.push_back(float(m.step));
    train.ys.push_back(float(m.train_loss));
    test.xs.push_back(float(m.step));
    test.ys.push_back(float(m.test_loss));
  }
  figure.series = {std::move(train), std::move(test)};
  return figure;
}

void DrawSaveFigureButton(Trainer& trainer, const std::vector<MetricsPoint>& history, bool show_test, bool log_y,
                          const SaveFile& save_file) {
  if (ImGui::Button("Save figure")) ImGui::OpenPopup("save figure");
  NoteItemRect("Save figure");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The heatmap as SVG or PNG (1×, 2×, 4×), the loss curves as SVG: for slides");
  if (!ImGui::BeginPopup("save figure")) return;
  ImGui::TextDisabled("Heatmap");
  if (ImGui::MenuItem("SVG")) {
    const int cells = BudgetedCells(trainer, kSvgCells, 60, kExportMacs);
    save_file("netlab-heatmap.svg", HeatmapSvg(PlaygroundHeatmapFigure(trainer, cells, show_test)));
  }
  NoteItemRect("Heatmap SVG");
  static const char* const kPngNames[] = {"netlab-heatmap.png", "netlab-heatmap@2x.png", "netlab-heatmap@4x.png"};
  static const char* const kPngLabels[] = {"PNG 1×", "PNG 2×", "PNG 4×"};
  static const char* const kPngItems[] = {"Heatmap PNG 1x", "Heatmap PNG 2x", "Heatmap PNG 4x"};
  for (int k = 0; k < 3; ++k) {
    const int scale = 1 << k;
    if (ImGui::MenuItem(kPngLabels[k])) {
      // One cell a pixel where the budget allows: 2x and 4x are evaluated twice and four times as finely.
      const int cells = BudgetedCells(trainer, kPngSide * scale, 60, kExportMacs);
      save_file(kPngNames[k], HeatmapPng(PlaygroundHeatmapFigure(trainer, cells, show_test), scale));
    }
    NoteItemRect(kPngItems[k]);
  }
  ImGui::Separator();
  ImGui::TextDisabled("Loss curves");
  if (ImGui::MenuItem("SVG##curves")) save_file("netlab-loss.svg", CurvesSvg(LossCurvesFigure(history, log_y)));
  NoteItemRect("Loss curves SVG");
  ImGui::EndPopup();
}

}  // namespace netlab
