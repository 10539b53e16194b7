#include "widgets/plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "widgets/line_plot.h"

#include "data/dataset.h"
#include "export/diverging_palette.h"
#include "platform/layout_report.h"

namespace netlab {
namespace {
bool g_colour_blind = false;  // the palette every picture draws with (UseColorBlindPalette)
}  // namespace

namespace {

constexpr int kHeatmapCells = 60;

// Maps a model output or label to [0, 1] for the palette: probabilities as they are, regression
// values from [-1, 1].
float ToUnit(float value, bool regression) { return regression ? 0.5f + 0.5f * value : value; }

}  // namespace

const Matrix& PlaneGrid(int cells) {
  static std::vector<std::pair<int, Matrix>> cache;
  for (const auto& entry : cache)
    if (entry.first == cells) return entry.second;
  Matrix grid(cells * cells, 2);
  for (int r = 0; r < cells; ++r)
    for (int c = 0; c < cells; ++c) {
      grid(r * cells + c, 0) = -kPlaneExtent + (float(c) + 0.5f) * 2.0f * kPlaneExtent / float(cells);
      grid(r * cells + c, 1) = kPlaneExtent - (float(r) + 0.5f) * 2.0f * kPlaneExtent / float(cells);
    }
  cache.emplace_back(cells, std::move(grid));
  return cache.back().second;
}

// TensorFlow Playground's palette (export/diverging_palette.h holds its stops, which the exported
// figures paint with too). `wash` mixes the colour with white, for a background that points stand out on.
ImU32 HeatmapColor(float t) { return DivergingColor(t, kHeatmapWash); }

ImU32 DivergingColor(float t, float wash) {
  const Rgb c = DivergingRgb(PlaygroundStops(g_colour_blind), t, wash);
  return IM_COL32(ChannelByte(c.r), ChannelByte(c.g), ChannelByte(c.b), 255);
}

void DrawDecisionHeatmap(Trainer& trainer, HeatmapState& state, long model_version, float size, bool show_test,
                         double budget_seconds) {
  const bool regression = trainer.is_regression();
  // 60 cells a side for the small networks of the playground (TensorFlow Playground's density), fewer
  // for wide and deep ones: a pass costs about 4 million multiply-adds, spread over frames.
  const int cells = BudgetedCells(trainer, kHeatmapCells, 16, 4e6);
  const bool finished = state.evaluation.Advance(
      trainer, model_version, cells, budget_seconds, [&](int first, const Matrix& prediction, Trainer&) {
        const int n = state.evaluation.cells();
        state.pixels.resize(size_t(n) * size_t(n));
        for (Eigen::Index i = 0; i < prediction.rows(); ++i)
          state.pixels[size_t(first + i)] = HeatmapColor(ToUnit(prediction(i, 0), regression));
      });
  if (finished) state.texture.Update(state.evaluation.cells(), state.evaluation.cells(), state.pixels);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (state.texture.empty())
    draw->AddRectFilled(origin, ImVec2(origin.x + size, origin.y + size), IM_COL32(235, 235, 235, 255));
  else
    draw->AddImage(state.texture.id(), origin, ImVec2(origin.x + size, origin.y + size));
  auto to_screen = [&](float x, float y) {
    return ImVec2(origin.x + (x + kPlaneExtent) / (2.0f * kPlaneExtent) * size,
                  origin.y + (kPlaneExtent - y) / (2.0f * kPlaneExtent) * size);
  };
  auto draw_points = [&](const Dataset& set, ImU32 outline) {
    for (Eigen::Index i = 0; i < set.size(); ++i) {
      ImVec2 p = to_screen(set.points(i, 0), set.points(i, 1));
      if (p.x < origin.x || p.y < origin.y || p.x > origin.x + size || p.y > origin.y + size) continue;
      float t = ToUnit(set.labels(i, 0), regression);
      state.points.Draw(draw, p, DivergingColor(t < 0.5f ? 0.0f + t * 0.2f : 0.8f + t * 0.2f), outline);
    }
  };
  draw_points(trainer.data().train, IM_COL32(255, 255, 255, 255));
  if (show_test) draw_points(trainer.data().test, IM_COL32(0, 0, 0, 255));
  draw->AddRect(origin, ImVec2(origin.x + size, origin.y + size), IM_COL32(90, 90, 90, 255));
  ImGui::Dummy(ImVec2(size, size));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
}

ImVec2 DrawPlotFrame(float width, float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(255, 255, 255, 255));
  draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(165, 165, 165, 255));
  ImGui::Dummy(ImVec2(width, height));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
  return origin;
}

void UseColorBlindPalette(bool colour_blind) { g_colour_blind = colour_blind; }
bool ColorBlindPalette() { return g_colour_blind; }

ImU32 SeriesColor(int i) {
  // Okabe & Ito: blue, orange, bluish green, vermillion, sky blue, reddish purple, yellow, black.
  static const ImU32 safe[] = {IM_COL32(0, 114, 178, 255),  IM_COL32(230, 159, 0, 255),  IM_COL32(0, 158, 115, 255),
                               IM_COL32(213, 94, 0, 255),   IM_COL32(86, 180, 233, 255), IM_COL32(204, 121, 167, 255),
                               IM_COL32(240, 228, 66, 255), IM_COL32(0, 0, 0, 255)};
  if (g_colour_blind) return safe[size_t(i) % (sizeof safe / sizeof safe[0])];
  static const ImU32 palette[] = {IM_COL32(31, 119, 180, 255), IM_COL32(255, 127, 14, 255), IM_COL32(44, 160, 44, 255),
                                  IM_COL32(214, 39, 40, 255),  IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255),
                                  IM_COL32(227, 119, 194, 255), IM_COL32(127, 127, 127, 255), IM_COL32(188, 189, 34, 255),
                                  IM_COL32(23, 190, 207, 255)};
  return palette[size_t(i) % (sizeof palette / sizeof palette[0])];
}

Histogram HistogramOf(const float* values, size_t count, int bins) {
  Histogram h;
  for (size_t i = 0; i < count; ++i)
    if (std::isfinite(values[i])) {
      h.low = h.any ? std::min(h.low, values[i]) : values[i];
      h.high = h.any ? std::max(h.high, values[i]) : values[i];
      h.any = true;
    }
  if (h.high <= h.low) h.high = h.low + 1e-6f;
  h.counts.assign(size_t(std::max(1, bins)), 0);
  const int last = int(h.counts.size()) - 1;
  for (size_t i = 0; i < count; ++i)
    if (std::isfinite(values[i]))
      h.counts[size_t(std::min(last, int((values[i] - h.low) / (h.high - h.low) * float(last + 1))))]++;
  return h;
}

// Drawn from counts made once (HistogramOf), not from the values every frame: a CNN's layer outputs
// are a million values.
void DrawHistogram(const char* title, const Histogram& histogram, float width, float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = DrawPlotFrame(width, height);
  const float low = histogram.any ? histogram.low : 0.0f, high = histogram.any ? histogram.high : 0.0f;
  // The title and the range on one line where they fit, else the range on a line of its own.
  char range[64];
  std::snprintf(range, sizeof range, "[%.3g, %.3g]", low, high);
  const float line = ImGui::GetFontSize();
  const bool one_line = ImGui::CalcTextSize(title).x + 12.0f + ImGui::CalcTextSize(range).x <= width - 8.0f;
  draw->AddText(ImVec2(origin.x + 4, origin.y + 2), IM_COL32(60, 60, 60, 255), title);
  const float range_x = one_line ? origin.x + width - 4.0f - ImGui::CalcTextSize(range).x : origin.x + 4.0f;
  draw->AddText(ImVec2(range_x, origin.y + 2 + (one_line ? 0.0f : line)), IM_COL32(60, 60, 60, 255), range);
  if (!histogram.any) return;
  const std::vector<int>& counts = histogram.counts;
  const int bins = int(counts.size());
  const int most = *std::max_element(counts.begin(), counts.end());
  const float bar = (width - 8.0f) / float(bins), bottom = origin.y + height - 3.0f;
  const float top = std::min(bottom - 10.0f, origin.y + 5.0f + line * (one_line ? 1.0f : 2.0f));
  for (int b = 0; b < bins; ++b) {
    const float h = float(counts[size_t(b)]) / float(std::max(most, 1)) * (bottom - top);
    draw->AddRectFilled(ImVec2(origin.x + 4 + float(b) * bar, bottom - h),
                        ImVec2(origin.x + 4 + float(b + 1) * bar - 1, bottom), IM_COL32(70, 130, 180, 255));
  }
  // Mark zero when it lies inside the range: saturation and dead units show up relative to it.
  if (low < 0 && high > 0) {
    const float x = origin.x + 4 + (0 - low) / (high - low) * (width - 8.0f);
    draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), IM_COL32(200, 60, 60, 200));
  }
}

void DrawLossCurves(const std::vector<MetricsPoint>& history, float width, float height, bool& log_scale) {
  // Rebuilt each frame: the history is at most a few thousand evaluations.
  static std::vector<float> steps, train, test;
  HistoryColumn(history, &MetricsPoint::step, steps);
  HistoryColumn(history, &MetricsPoint::train_loss, train);
  HistoryColumn(history, &MetricsPoint::test_loss, test);
  LinePlot plot;
  plot.x_label = "step";
  plot.log_switch = &log_scale;
  plot.y_low = 0.0f;  // a linear loss axis starts at 0
  plot.series.push_back({"train loss", &train, &steps, IM_COL32(150, 150, 150, 255)});
  plot.series.push_back({"test loss", &test, &steps, IM_COL32(20, 20, 20, 255)});
  ImGui::PushID("loss curves");
  DrawLinePlot(plot, width, height);
  ImGui::PopID();
}

}  // namespace netlab
