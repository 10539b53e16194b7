#include "panels/search_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace netlab {
namespace {

constexpr int kSurrogateSamples = 80;

struct SurrogateSample {
  double unit, mean, stddev;
};

// The surrogate along `dimension` through the best trial: ranges sampled evenly in unit position,
// categories at each choice.
std::vector<SurrogateSample> SurrogateSlice(const HyperparameterSearch& search, int dimension) {
  std::vector<SurrogateSample> samples;
  const int best = search.BestIndex();
  if (best < 0 || !search.SurrogateReady()) return samples;
  const Dimension& d = search.space().dimensions[size_t(dimension)];
  SearchPoint point = search.results()[size_t(best)].point;
  const int count = d.kind == DimensionKind::kCategorical ? int(d.choices.size()) : kSurrogateSamples;
  for (int i = 0; i < count; ++i) {
    const double unit = count > 1 ? double(i) / double(count - 1) : 0.5;
    point[size_t(dimension)] = d.kind == DimensionKind::kCategorical ? double(i) : FromUnit(d, unit);
    SurrogateSample s;
    s.unit = d.kind == DimensionKind::kInteger ? ToUnit(d, point[size_t(dimension)]) : unit;
    search.PredictObjective(point, s.mean, s.stddev);
    samples.push_back(s);
  }
  return samples;
}

}  // namespace

void DrawSearchPlot(const HyperparameterSearch& search, int dimension, bool show_surrogate, bool log_objective,
                    float width, float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(255, 255, 255, 255));
  draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(160, 160, 160, 255));
  ImGui::Dummy(ImVec2(width, height));
  const auto& results = search.results();
  if (results.empty() || dimension < 0 || dimension >= int(search.space().size())) return;
  const Dimension& d = search.space().dimensions[size_t(dimension)];

  // Values go through `axis` (log10 or identity) before scaling. On a log axis the surrogate band does
  // not set the range: its lower edge, mean - 2 sigma, may be below zero.
  auto axis = [&](double value) { return log_objective ? std::log10(std::max(value, 1e-12)) : value; };
  double low = INFINITY, high = -INFINITY;
  for (const TrialResult& r : results)
    if (!r.failed()) low = std::min(low, axis(r.value)), high = std::max(high, axis(r.value));
  const std::vector<SurrogateSample> slice =
      show_surrogate ? SurrogateSlice(search, dimension) : std::vector<SurrogateSample>();
  if (!log_objective)
    for (const SurrogateSample& s : slice) low = std::min(low, s.mean - 2 * s.stddev), high = std::max(high, s.mean + 2 * s.stddev);
  if (!std::isfinite(low)) low = 0.0, high = 1.0;
  if (high - low < 1e-9) high = low + 1.0;
  // Categories sit in the middle of equal slots; ranges span the width (log ranges evenly in log).
  const bool categorical = d.kind == DimensionKind::kCategorical;
  auto x_of = [&](double unit) {
    if (categorical) {
      const double slots = double(d.choices.size());
      unit = (unit * (slots - 1) + 0.5) / slots;
    }
    return origin.x + 8.0f + float(unit) * (width - 16.0f);
  };
  auto y_of = [&](double value) {
    return origin.y + height - 18.0f - float(std::clamp((axis(value) - low) / (high - low), 0.0, 1.0)) * (height - 36.0f);
  };

  if (!slice.empty()) {
    const ImU32 band = IM_COL32(90, 140, 220, 60), line = IM_COL32(40, 90, 200, 255);
    if (categorical) {
      for (const SurrogateSample& s : slice) {
        const float x = x_of(s.unit);
        draw->AddRectFilled(ImVec2(x - 10, y_of(s.mean + 2 * s.stddev)), ImVec2(x + 10, y_of(s.mean - 2 * s.stddev)), band);
        draw->AddLine(ImVec2(x - 12, y_of(s.mean)), ImVec2(x + 12, y_of(s.mean)), line, 2.0f);
      }
    } else {
      for (size_t i = 1; i < slice.size(); ++i) {
        const SurrogateSample &a = slice[i - 1], &b = slice[i];
        draw->AddQuadFilled(ImVec2(x_of(a.unit), y_of(a.mean + 2 * a.stddev)), ImVec2(x_of(b.unit), y_of(b.mean + 2 * b.stddev)),
                            ImVec2(x_of(b.unit), y_of(b.mean - 2 * b.stddev)), ImVec2(x_of(a.unit), y_of(a.mean - 2 * a.stddev)), band);
        draw->AddLine(ImVec2(x_of(a.unit), y_of(a.mean)), ImVec2(x_of(b.unit), y_of(b.mean)), line, 2.0f);
      }
    }
  }
  const int best = search.BestIndex();
  for (size_t i = 0; i < results.size(); ++i) {
    const TrialResult& r = results[i];
    const float x = x_of(ToUnit(d, r.point[size_t(dimension)]));
    if (r.failed()) {
      const float y = origin.y + 10.0f;  // failed trials along the top edge
      draw->AddLine(ImVec2(x - 4, y - 4), ImVec2(x + 4, y + 4), IM_COL32(200, 30, 30, 255), 2.0f);
      draw->AddLine(ImVec2(x - 4, y + 4), ImVec2(x + 4, y - 4), IM_COL32(200, 30, 30, 255), 2.0f);
      continue;
    }
    const bool is_best = int(i) == best;
    draw->AddCircleFilled(ImVec2(x, y_of(r.value)), is_best ? 5.0f : 3.5f,
                          is_best ? IM_COL32(230, 120, 0, 255) : IM_COL32(30, 30, 30, 200));
  }
  char label[64];
  std::snprintf(label, sizeof label, "%.4g", log_objective ? std::pow(10.0, high) : high);
  draw->AddText(ImVec2(origin.x + 4, origin.y + 2), IM_COL32(80, 80, 80, 255), label);
  std::snprintf(label, sizeof label, "%.4g", log_objective ? std::pow(10.0, low) : low);
  draw->AddText(ImVec2(origin.x + 4, origin.y + height - 34), IM_COL32(80, 80, 80, 255), label);
  if (categorical) {
    for (size_t i = 0; i < d.choices.size(); ++i) {
      const double unit = d.choices.size() > 1 ? double(i) / double(d.choices.size() - 1) : 0.0;
      draw->AddText(ImVec2(x_of(unit) - 12, origin.y + height - 16), IM_COL32(80, 80, 80, 255), d.choices[i].c_str());
    }
  } else {
    const std::string left = FormatValue(d, d.low), right = FormatValue(d, d.high);
    draw->AddText(ImVec2(origin.x + 4, origin.y + height - 16), IM_COL32(80, 80, 80, 255), left.c_str());
    draw->AddText(ImVec2(origin.x + width - 8 - ImGui::CalcTextSize(right.c_str()).x, origin.y + height - 16),
                  IM_COL32(80, 80, 80, 255), right.c_str());
  }
}

}  // namespace netlab
