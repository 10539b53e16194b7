#include "widgets/line_plot.h"

#include <algorithm>
#include <cstdio>

#include "widgets/plots.h"
#include "platform/layout_report.h"

namespace netlab {
namespace {

const ImU32 kTickColor = IM_COL32(90, 90, 90, 255), kGridColor = IM_COL32(228, 228, 228, 255),
            kAxisColor = IM_COL32(110, 110, 110, 255);

std::string Number(double v, bool percent) {
  char text[32];
  if (percent) std::snprintf(text, sizeof text, "%.0f%%", 100.0 * v);
  else std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

// An x value as a student reads it: 900, 12k, 1.5M for counts; 0.25 otherwise.
std::string XNumber(double x) {
  char text[32];
  if (x == std::floor(x) && std::fabs(x) >= 1e6) std::snprintf(text, sizeof text, "%gM", x / 1e6);
  else if (x == std::floor(x) && std::fabs(x) >= 1e4) std::snprintf(text, sizeof text, "%gk", x / 1e3);
  else std::snprintf(text, sizeof text, "%.4g", x);
  return text;
}

float XOf(const PlotSeries& s, size_t i) { return s.xs ? (*s.xs)[i] : float(i); }

void DashedLine(ImDrawList* draw, float x0, float x1, float y, ImU32 color) {
  for (float x = x0; x < x1; x += 8.0f) draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 4.0f, x1), y), color, 1.5f);
}

void LegendSwatch(ImU32 color, bool dashed, const std::string& label) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetFrameHeight();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (dashed) DashedLine(draw, at.x, at.x + 16.0f, at.y + h / 2, color);
  else draw->AddLine(ImVec2(at.x, at.y + h / 2), ImVec2(at.x + 16.0f, at.y + h / 2), color, 2.5f);
  ImGui::Dummy(ImVec2(20.0f, h));
  ImGui::SameLine(0.0f, 0.0f);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label.c_str());
}

}  // namespace

float LinePlotHeight(float width) {
  const float font = ImGui::GetFontSize();
  return std::clamp(0.45f * width, 12.0f * font, 22.0f * font);
}

void DrawLinePlot(const LinePlot& plot, float width, float height) {
  const float row_top = ImGui::GetCursorScreenPos().y;
  // The legend, wrapping where a phone's width has no room for the next item.
  const float right_edge = ImGui::GetCursorScreenPos().x + std::min(width, ImGui::GetContentRegionAvail().x);
  bool log_y = plot.log_y, first = true;
  auto next_item = [&](float item) {
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + item > right_edge) ImGui::NewLine();
    }
    first = false;
  };
  if (plot.log_switch) {
    next_item(ImGui::GetFrameHeight() + ImGui::CalcTextSize("Log scale").x + 8.0f);
    ImGui::Checkbox("Log scale", plot.log_switch);
    log_y = *plot.log_switch;
  }
  auto legend = [&](ImU32 color, bool dashed, const std::string& label) {
    next_item(24.0f + ImGui::CalcTextSize(label.c_str()).x);
    LegendSwatch(color, dashed, label);
  };
  for (size_t k = 0; k < plot.series.size(); ++k)
    legend(plot.series[k].color ? plot.series[k].color : SeriesColor(int(k)), false, plot.series[k].label);
  for (const PlotLevel& level : plot.levels) legend(level.color, true, level.label);
  if (!plot.y_label.empty()) {  // the unit in the legend row, where no curve can run through it
    next_item(ImGui::CalcTextSize(plot.y_label.c_str()).x + 12.0f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("(%s)", plot.y_label.c_str());
  }
  height = std::max(3.0f * ImGui::GetFontSize(), height - (ImGui::GetCursorScreenPos().y - row_top));

  // The ranges: y from the data and the levels (or fixed), x from the series.
  float low = INFINITY, high = -INFINITY, x_low = INFINITY, x_high = -INFINITY;
  for (const PlotSeries& s : plot.series)
    for (size_t i = 0; i < s.ys->size(); ++i) {
      const float v = (*s.ys)[i];
      if (!std::isfinite(v) || (log_y && v <= 0.0f)) continue;
      low = std::min(low, v), high = std::max(high, v);
      x_low = std::min(x_low, XOf(s, i)), x_high = std::max(x_high, XOf(s, i));
    }
  for (const PlotLevel& level : plot.levels)
    if (std::isfinite(level.y) && (!log_y || level.y > 0.0f)) low = std::min(low, level.y), high = std::max(high, level.y);
  if (!log_y && !std::isnan(plot.y_low)) low = plot.y_low;
  if (!log_y && !std::isnan(plot.y_high)) high = plot.y_high;
  if (!(high >= low)) low = 0.0f, high = 1.0f;
  low = std::max(low, high - plot.y_span_max);
  if (log_y) {  // whole decades around the positive values
    low = std::floor(std::log10(std::max(low, 1e-30f)));
    high = std::max(std::ceil(std::log10(std::max(high, 1e-30f)) - 1e-6f), low + 1.0f);
  } else if (!(high > low)) {
    low -= 0.5f, high += 0.5f;
  }
  if (!(x_high > x_low)) x_high = (std::isfinite(x_low) ? x_low : (x_low = 0.0f)) + 1.0f;

  const ImVec2 origin = DrawPlotFrame(width, height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  // The y ticks (every decade on a log axis, round values on a linear one, two lines apart at least)
  // and room on the left for the widest label.
  const float top = origin.y + line * 0.5f + 2.0f, bottom = origin.y + height - line - 5.0f;
  std::vector<std::pair<double, std::string>> y_ticks;
  if (log_y) {
    for (int d = int(low); d <= int(high); ++d) {
      char text[16];
      std::snprintf(text, sizeof text, "1e%d", d);
      y_ticks.push_back({double(d), d >= -2 && d <= 3 ? Number(std::pow(10.0, d), false) : std::string(text)});
    }
  } else {
    // A short plot (an embed's loss strip) still gets two values to read the scale by: 0 alone says nothing.
    std::vector<double> ticks = NiceTicks(low, high, std::max(1, int((bottom - top) / (2.0f * line))));
    if (ticks.size() < 2 && bottom - top >= 1.5f * line) ticks = NiceTicks(low, high, 2);
    for (double t : ticks) y_ticks.push_back({t, Number(t, plot.percent)});
  }
  float label_width = ImGui::CalcTextSize("0").x;
  for (const auto& t : y_ticks) label_width = std::max(label_width, ImGui::CalcTextSize(t.second.c_str()).x);
  const float left = origin.x + label_width + 8.0f, right = origin.x + width - 8.0f;
  if (right - left < 20.0f || bottom - top < 10.0f) return;
  auto y_of = [&](float v) {
    const float t = log_y ? std::log10(std::max(v, 1e-30f)) : v;
    return bottom - (std::clamp(t, low, high) - low) / (high - low) * (bottom - top);
  };
  auto x_of = [&](double x) { return left + float((x - x_low) / (x_high - x_low)) * (right - left); };
  for (const auto& [value, text] : y_ticks) {
    const float y = bottom - float(value - low) / (high - low) * (bottom - top);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), kGridColor);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    draw->AddText(ImVec2(left - 4.0f - size.x, std::clamp(y - size.y / 2, origin.y + 1.0f, bottom - size.y)), kTickColor,
                  text.c_str());
  }
  // The x axis' name: in the corner under the y labels where it fits, else at the right end; then the
  // x ticks, round values (whole ones when x counts), never closer than their labels.
  float last_label_end = origin.x + 3.0f, labels_end = origin.x + width - 2.0f;
  if (!plot.x_label.empty()) {
    const float name_width = ImGui::CalcTextSize(plot.x_label.c_str()).x;
    if (name_width + 7.0f <= left - origin.x) {
      draw->AddText(ImVec2(origin.x + 3.0f, bottom + 3.0f), kTickColor, plot.x_label.c_str());
      last_label_end += name_width;
    } else {
      labels_end -= name_width + 3.0f;
      draw->AddText(ImVec2(labels_end + 3.0f, bottom + 3.0f), kTickColor, plot.x_label.c_str());
      labels_end -= 6.0f;
    }
  }
  const float label_room = ImGui::CalcTextSize("0000000").x;
  bool whole = x_high - x_low >= 4.0f;  // counts (steps, epochs, episodes) tick at whole numbers
  for (const PlotSeries& s : plot.series) whole = whole || !s.xs;
  for (double t : NiceTicks(x_low, x_high, std::max(1, int((right - left) / label_room)))) {
    if (whole && t != std::floor(t)) continue;
    const float x = x_of(t);
    draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), kGridColor);
    const std::string label = XNumber(t);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float at = std::clamp(x - size.x * 0.5f, origin.x + 1.0f, origin.x + width - size.x - 2.0f);
    if (at < last_label_end + 6.0f || at + size.x > labels_end) continue;
    draw->AddText(ImVec2(at, bottom + 3.0f), kTickColor, label.c_str());
    last_label_end = at + size.x;
  }
  draw->AddLine(ImVec2(left, top), ImVec2(left, bottom), kAxisColor);
  draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), kAxisColor);
  draw->PushClipRect(ImVec2(left, top - 3.0f), ImVec2(right + 3.0f, bottom + 3.0f), true);
  for (const PlotLevel& level : plot.levels)
    if (std::isfinite(level.y)) DashedLine(draw, left, right, y_of(level.y), level.color);
  ImVector<ImVec2> points;
  for (size_t k = 0; k < plot.series.size(); ++k) {
    const PlotSeries& s = plot.series[k];
    points.clear();
    for (size_t i = 0; i < s.ys->size(); ++i)
      if (std::isfinite((*s.ys)[i]) && (!log_y || (*s.ys)[i] > 0.0f)) points.push_back(ImVec2(x_of(XOf(s, i)), y_of((*s.ys)[i])));
    if (points.Size >= 2) {
      draw->AddPolyline(points.Data, points.Size, s.color ? s.color : SeriesColor(int(k)), 0, s.thickness);
      NotePlotCurve(points.Data, points.Size);  // text a curve crosses is a layout problem
    }
  }
  // Under the pointer: a rule, and each series' point nearest it along x, marked and spelled out.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (ImGui::IsWindowHovered() && mouse.x >= left && mouse.x <= right && mouse.y >= origin.y &&
      mouse.y <= origin.y + height) {
    draw->AddLine(ImVec2(mouse.x, top), ImVec2(mouse.x, bottom), IM_COL32(160, 160, 160, 255));
    const double x = x_low + (mouse.x - left) / (right - left) * (x_high - x_low);
    std::string tip;
    for (size_t k = 0; k < plot.series.size(); ++k) {
      const PlotSeries& s = plot.series[k];
      if (s.ys->empty()) continue;
      size_t best = 0;
      for (size_t i = 1; i < s.ys->size(); ++i)
        if (std::abs(XOf(s, i) - x) < std::abs(XOf(s, best) - x)) best = i;
      if (tip.empty()) tip = (plot.x_label.empty() ? std::string("x") : plot.x_label) + " " + XNumber(XOf(s, best));
      tip += "\n" + s.label + ": " + Number((*s.ys)[best], plot.percent);
      if (std::isfinite((*s.ys)[best]))
        draw->AddCircleFilled(ImVec2(x_of(XOf(s, best)), y_of((*s.ys)[best])), 3.5f, s.color ? s.color : SeriesColor(int(k)));
    }
    for (const PlotLevel& level : plot.levels) tip += "\n" + level.label + ": " + Number(level.y, plot.percent);
    if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
  }
  draw->PopClipRect();
}

}  // namespace netlab
