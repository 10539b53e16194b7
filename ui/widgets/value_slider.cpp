#include "widgets/value_slider.h"

#include <algorithm>
#include <cmath>

#include "imgui_internal.h"
#include "platform/layout_report.h"

namespace netlab {
namespace {

// Where v sits between low and high, 0..1: linear, or by log(v/low)/log(high/low) for a logarithmic slider
// with a positive range (ImGui's own logarithmic mapping differs only near zero, where it has an epsilon).
float Position(double v, double low, double high, bool logarithmic) {
  if (high == low) return 0.0f;
  double t = logarithmic && low > 0.0 && high > 0.0 && v > 0.0 ? std::log(v / low) / std::log(high / low)
                                                               : (v - low) / (high - low);
  return float(std::clamp(t, 0.0, 1.0));
}

// Draws the slider with its handle transparent, then the bar at `position()` (read after the drag); the
// value's text is ImGui's, centred in the frame.
template <class Draw, class Where>
bool Slider(const char* label, Draw draw, Where position) {
  const ImGuiID id = ImGui::GetCurrentWindow()->GetID(label);
  const bool typing = ImGui::TempInputIsActive(id);  // Ctrl+click: a text field, no bar
  ImGui::PushStyleColor(ImGuiCol_SliderGrab, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_SliderGrabActive, IM_COL32(0, 0, 0, 0));
  const float width = ImGui::CalcItemWidth();
  const bool changed = draw();
  ImGui::PopStyleColor(2);
  if (typing || !ImGui::IsItemVisible()) return changed;
  // The frame is the item's rectangle less the label beside it.
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const ImRect frame(min, ImVec2(std::min(max.x, min.x + width), max.y));
  const ImGuiStyle& style = ImGui::GetStyle();
  // The bar fills the frame's bottom padding, below the glyphs (the text sits in the frame's middle).
  const float thickness = std::max(2.0f, std::floor(style.FramePadding.y));
  const float inset = 1.0f + style.FrameBorderSize;
  const ImVec2 track_min(frame.Min.x + inset, frame.Max.y - inset - thickness);
  const float track_width = frame.GetWidth() - 2.0f * inset;
  const ImVec2 bar_max(track_min.x + std::max(thickness, position() * track_width), frame.Max.y - inset);
  ImGui::GetWindowDrawList()->AddRectFilled(
      track_min, bar_max, ImGui::GetColorU32(ImGui::IsItemActive() ? ImGuiCol_SliderGrabActive : ImGuiCol_SliderGrab));
  NoteSlider(frame.Min, frame.Max, track_min, bar_max);
  return changed;
}

}  // namespace

bool ValueSliderFloat(const char* label, float* v, float low, float high, const char* format, ImGuiSliderFlags flags) {
  return Slider(label, [&] { return ImGui::SliderFloat(label, v, low, high, format, flags); },
                [&] { return Position(*v, low, high, (flags & ImGuiSliderFlags_Logarithmic) != 0); });
}

bool ValueSliderInt(const char* label, int* v, int low, int high, const char* format, ImGuiSliderFlags flags) {
  return Slider(label, [&] { return ImGui::SliderInt(label, v, low, high, format, flags); },
                [&] { return Position(*v, low, high, (flags & ImGuiSliderFlags_Logarithmic) != 0); });
}

}  // namespace netlab
