#include "widgets/plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "widgets/layout.h"

#include "data/dataset.h"

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

// TensorFlow Playground's palette: orange for class 0 / negative, white at the boundary, blue for
// class 1 / positive. t in [0, 1].
// `wash` mixes the colour with white, for a background that points stand out on.
ImU32 DivergingColor(float t, float wash) {
  t = std::clamp(t, 0.0f, 1.0f);
  // Okabe & Ito's orange #E69F00 and blue #0072B2 in the colour-blind palette.
  const float standard_orange[3] = {0.96f, 0.58f, 0.13f}, standard_blue[3] = {0.04f, 0.45f, 0.75f};
  const float safe_orange[3] = {0.90f, 0.62f, 0.0f}, safe_blue[3] = {0.0f, 0.447f, 0.698f};
  const float white[3] = {0.97f, 0.97f, 0.97f};
  const float* orange = g_colour_blind ? safe_orange : standard_orange;
  const float* blue = g_colour_blind ? safe_blue : standard_blue;
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
      state.points.Draw(draw, p, DivergingColor(t < 0.5f ? 0.0f + t * 0.2f : 0.8f + t * 0.2f), outline);
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

namespace {

// Round tick values for [low, high]: steps of 1, 2 or 5 times a power of ten, at most `most` of them
// (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990).
std::vector<double> NiceTicks(double low, double high, int most) {
  std::vector<double> ticks;
  if (!(high > low) || most < 1) return ticks;
  const double rough = (high - low) / double(most);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power;
  for (double factor : {1.0, 2.0, 5.0, 10.0})
    if (factor * power >= rough) {
      step = factor * power;
      break;
    }
  for (double t = std::ceil(low / step) * step; t <= high + step * 1e-9; t += step) ticks.push_back(t);
  return ticks;
}

// A step count as a student reads it: 900, 12k, 1.5M.
std::string StepLabel(double steps) {
  char text[32];
  if (steps >= 1e6) std::snprintf(text, sizeof text, "%gM", steps / 1e6);
  else if (steps >= 1e4) std::snprintf(text, sizeof text, "%gk", steps / 1e3);
  else std::snprintf(text, sizeof text, "%g", steps);
  return text;
}

}  // namespace

void DrawLossCurves(const std::vector<MetricsPoint>& history, float width, float height) {
  const ImU32 train_color = IM_COL32(150, 150, 150, 255), test_color = IM_COL32(20, 20, 20, 255);
  const ImU32 ink = IM_COL32(70, 70, 70, 255), grid = IM_COL32(225, 225, 225, 255);
  // The row above the plot: the log-scale switch (kept in ImGui's storage, per plot) and the legend.
  const float row_top = ImGui::GetCursorScreenPos().y;
  bool* log_scale = ImGui::GetStateStorage()->GetBoolRef(ImGui::GetID("loss log scale"), false);
  ImGui::Checkbox("Log scale", log_scale);
  const char* legend[] = {"train loss", "test loss"};
  const ImU32 legend_colors[] = {train_color, test_color};
  for (int k = 0; k < 2; ++k) {
    const float swatch = ImGui::GetFontSize();
    SameLineIfFits(swatch + 4.0f + ImGui::CalcTextSize(legend[k]).x);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float mid = at.y + ImGui::GetFrameHeight() * 0.5f;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, mid), ImVec2(at.x + swatch, mid), legend_colors[k], 2.0f);
    ImGui::Dummy(ImVec2(swatch, ImGui::GetFrameHeight()));
    ImGui::SameLine(0, 4.0f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(legend[k]);
  }
  height = std::max(40.0f, height - (ImGui::GetCursorScreenPos().y - row_top));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = DrawPlotFrame(width, height);
  const float font = ImGui::GetFontSize();
  // Plot area inside the frame: tick labels to the left of it and below it.
  const float left = origin.x + ImGui::CalcTextSize("0.0001").x + 8.0f, right = origin.x + width - 6.0f;
  const float top = origin.y + 6.0f, bottom = origin.y + height - font - 6.0f;
  if (history.empty() || right - left < 20.0f || bottom - top < 20.0f) return;
  double highest = 0.0, lowest = INFINITY;
  for (const MetricsPoint& m : history)
    for (double loss : {m.train_loss, m.test_loss})
      if (std::isfinite(loss)) {
        highest = std::max(highest, loss);
        if (loss > 0) lowest = std::min(lowest, loss);
      }
  if (highest <= 0.0) highest = 1.0;
  // Log scale: whole decades around the positive losses; linear: from 0 to the largest.
  const bool log_axis = *log_scale && std::isfinite(lowest);
  const double y_low = log_axis ? std::pow(10.0, std::floor(std::log10(lowest))) : 0.0;
  const double y_high = log_axis ? std::pow(10.0, std::ceil(std::log10(highest) + 1e-9)) : highest;
  auto y_of = [&](double loss) {
    double t = log_axis ? (std::log10(std::max(loss, y_low)) - std::log10(y_low)) / (std::log10(y_high) - std::log10(y_low))
                        : loss / y_high;
    if (!std::isfinite(loss)) t = 1.0;
    return bottom - float(std::clamp(t, 0.0, 1.0)) * (bottom - top);
  };
  const double first_step = double(history.front().step);
  const double last_step = std::max(first_step + 1.0, double(history.back().step));
  auto x_of = [&](double step) { return left + float((step - first_step) / (last_step - first_step)) * (right - left); };
  // Y ticks: each decade on a log axis, round values on a linear one, never closer than two lines.
  std::vector<double> y_ticks;
  if (log_axis)
    for (double d = y_low; d <= y_high * 1.0001; d *= 10.0) y_ticks.push_back(d);
  else
    y_ticks = NiceTicks(0.0, y_high, std::max(1, int((bottom - top) / (2.0f * font))));
  char text[32];
  for (double t : y_ticks) {
    const float y = y_of(t);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), grid);
    std::snprintf(text, sizeof text, "%.3g", t);
    const ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddText(ImVec2(left - 4.0f - size.x, std::clamp(y - size.y * 0.5f, origin.y + 1.0f, bottom - size.y)), ink, text);
  }
  // X ticks: steps, at least 6 characters' width apart so their labels never touch.
  const float label_room = ImGui::CalcTextSize("00000000").x;
  float last_label_end = -INFINITY;
  // The unit of the horizontal axis, in the corner left of the first step label.
  const ImVec2 unit_size = ImGui::CalcTextSize("step");
  if (left - origin.x - 4.0f >= unit_size.x) {
    draw->AddText(ImVec2(origin.x + 3.0f, bottom + 3.0f), ink, "step");
    last_label_end = origin.x + 3.0f + unit_size.x;
  }
  for (double t : NiceTicks(first_step, last_step, std::max(1, int((right - left) / label_room)))) {
    if (t != std::floor(t)) continue;  // steps are whole numbers
    const float x = x_of(t);
    draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), grid);
    const std::string label = StepLabel(t);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float at = std::clamp(x - size.x * 0.5f, origin.x + 1.0f, origin.x + width - size.x - 2.0f);
    if (at < last_label_end + 4.0f) continue;
    draw->AddText(ImVec2(at, bottom + 3.0f), ink, label.c_str());
    last_label_end = at + size.x;
  }
  draw->AddLine(ImVec2(left, top), ImVec2(left, bottom), ink);
  draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), ink);
  ImVector<ImVec2> train_line, test_line;
  for (const MetricsPoint& m : history) {
    train_line.push_back(ImVec2(x_of(double(m.step)), y_of(m.train_loss)));
    test_line.push_back(ImVec2(x_of(double(m.step)), y_of(m.test_loss)));
  }
  draw->PushClipRect(ImVec2(left, top - 2.0f), ImVec2(right + 2.0f, bottom + 2.0f), true);
  draw->AddPolyline(train_line.Data, train_line.Size, train_color, 0, 2.0f);
  draw->AddPolyline(test_line.Data, test_line.Size, test_color, 0, 2.0f);
  // Hover readout: the point nearest the mouse along the step axis, marked and spelled out.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (ImGui::IsWindowHovered() && mouse.x >= left && mouse.x <= right && mouse.y >= top && mouse.y <= bottom) {
    size_t nearest = 0;
    for (size_t i = 1; i < history.size(); ++i)
      if (std::fabs(train_line[int(i)].x - mouse.x) < std::fabs(train_line[int(nearest)].x - mouse.x)) nearest = i;
    const MetricsPoint& m = history[nearest];
    draw->AddLine(ImVec2(train_line[int(nearest)].x, top), ImVec2(train_line[int(nearest)].x, bottom), IM_COL32(0, 0, 0, 80));
    draw->AddCircleFilled(train_line[int(nearest)], 3.5f, train_color);
    draw->AddCircleFilled(test_line[int(nearest)], 3.5f, test_color);
    ImGui::SetTooltip("step %ld (epoch %.2f)\ntrain loss %.4f\ntest loss %.4f", m.step, m.epoch, m.train_loss, m.test_loss);
  }
  draw->PopClipRect();
}

}  // namespace netlab
