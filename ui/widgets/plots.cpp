#include "widgets/plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/dataset.h"

namespace netlab {
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

// TensorFlow Playground's palette: orange for class 0 / negative, white at the boundary, blue for
// class 1 / positive. t in [0, 1].
// `wash` mixes the colour with white, for a background that points stand out on.
ImU32 DivergingColor(float t, float wash) {
  t = std::clamp(t, 0.0f, 1.0f);
  const float orange[3] = {0.96f, 0.58f, 0.13f}, white[3] = {0.97f, 0.97f, 0.97f}, blue[3] = {0.04f, 0.45f, 0.75f};
  const float* from = t < 0.5f ? orange : white;
  const float* to = t < 0.5f ? white : blue;
  const float s = t < 0.5f ? t * 2.0f : (t - 0.5f) * 2.0f;
  ImVec4 color(from[0] + (to[0] - from[0]) * s, from[1] + (to[1] - from[1]) * s, from[2] + (to[2] - from[2]) * s, 1);
  color.x += (1.0f - color.x) * wash;
  color.y += (1.0f - color.y) * wash;
  color.z += (1.0f - color.z) * wash;
  return ImGui::ColorConvertFloat4ToU32(color);
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
          state.pixels[size_t(first + i)] = DivergingColor(ToUnit(prediction(i, 0), regression), 0.3f);
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
      draw->AddCircleFilled(p, 3.5f, DivergingColor(t < 0.5f ? 0.0f + t * 0.2f : 0.8f + t * 0.2f));
      draw->AddCircle(p, 3.5f, outline, 0, 1.0f);
    }
  };
  draw_points(trainer.data().train, IM_COL32(255, 255, 255, 255));
  if (show_test) draw_points(trainer.data().test, IM_COL32(0, 0, 0, 255));
  draw->AddRect(origin, ImVec2(origin.x + size, origin.y + size), IM_COL32(90, 90, 90, 255));
  ImGui::Dummy(ImVec2(size, size));
}

ImVec2 DrawPlotFrame(float width, float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(255, 255, 255, 255));
  draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(165, 165, 165, 255));
  ImGui::Dummy(ImVec2(width, height));
  return origin;
}

ImU32 SeriesColor(int i) {
  static const ImU32 palette[] = {IM_COL32(31, 119, 180, 255), IM_COL32(255, 127, 14, 255), IM_COL32(44, 160, 44, 255),
                                  IM_COL32(214, 39, 40, 255),  IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255),
                                  IM_COL32(227, 119, 194, 255), IM_COL32(127, 127, 127, 255), IM_COL32(188, 189, 34, 255),
                                  IM_COL32(23, 190, 207, 255)};
  return palette[size_t(i) % (sizeof palette / sizeof palette[0])];
}

void DrawHistogram(const char* title, const std::vector<float>& values, float width, float height, int bins) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = DrawPlotFrame(width, height);
  float low = 0.0f, high = 0.0f;
  bool any = false;
  for (float v : values)
    if (std::isfinite(v)) {
      low = any ? std::min(low, v) : v;
      high = any ? std::max(high, v) : v;
      any = true;
    }
  char label[128];
  std::snprintf(label, sizeof label, "%s  [%.3g, %.3g]", title, low, high);
  draw->AddText(ImVec2(origin.x + 4, origin.y + 2), IM_COL32(60, 60, 60, 255), label);
  if (!any) return;
  if (high <= low) high = low + 1e-6f;
  std::vector<int> counts(size_t(bins), 0);
  for (float v : values)
    if (std::isfinite(v)) counts[size_t(std::min(bins - 1, int((v - low) / (high - low) * float(bins))))]++;
  const int most = *std::max_element(counts.begin(), counts.end());
  const float bar = (width - 8.0f) / float(bins), top = origin.y + 18.0f, bottom = origin.y + height - 3.0f;
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

void DrawLossCurves(const Trainer& trainer, float width, float height) {
  const auto& history = trainer.history();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = DrawPlotFrame(width, height);
  if (history.size() < 2) return;
  double top = 0.0;
  for (const MetricsPoint& m : history) {
    if (std::isfinite(m.train_loss)) top = std::max(top, m.train_loss);
    if (std::isfinite(m.test_loss)) top = std::max(top, m.test_loss);
  }
  if (top <= 0.0) top = 1.0;
  const double last_step = std::max<double>(1.0, double(history.back().step));
  auto point = [&](long step, double loss) {
    double y = std::isfinite(loss) ? std::clamp(loss / top, 0.0, 1.0) : 1.0;
    return ImVec2(origin.x + 4.0f + float(double(step) / last_step) * (width - 8.0f),
                  origin.y + height - 4.0f - float(y) * (height - 8.0f));
  };
  ImVector<ImVec2> train_line, test_line;
  for (const MetricsPoint& m : history) {
    train_line.push_back(point(m.step, m.train_loss));
    test_line.push_back(point(m.step, m.test_loss));
  }
  draw->AddPolyline(train_line.Data, train_line.Size, IM_COL32(150, 150, 150, 255), 0, 2.0f);
  draw->AddPolyline(test_line.Data, test_line.Size, IM_COL32(20, 20, 20, 255), 0, 2.0f);
  char label[96];
  std::snprintf(label, sizeof label, "max %.3f", top);
  draw->AddText(ImVec2(origin.x + 6, origin.y + 4), IM_COL32(80, 80, 80, 255), label);
  draw->AddText(ImVec2(origin.x + width - 170, origin.y + 4), IM_COL32(150, 150, 150, 255), "train");
  draw->AddText(ImVec2(origin.x + width - 110, origin.y + 4), IM_COL32(20, 20, 20, 255), "test");
}

}  // namespace netlab
