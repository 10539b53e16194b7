#include "widgets/colour_bar.h"

#include <algorithm>
#include <cstdio>

namespace netlab {
namespace {

constexpr int kBands = 32;  // enough that neighbouring bands differ by under 1/30 of the range

void FormatValue(float v, char* out, size_t size) { std::snprintf(out, size, "%.3g", double(v)); }

}  // namespace

float ColourBarWidth(float low, float high) {
  char a[32], b[32], c[32];
  FormatValue(low, a, sizeof a);
  FormatValue(high, b, sizeof b);
  FormatValue(0.5f * (low + high), c, sizeof c);
  const float widest = std::max({ImGui::CalcTextSize(a).x, ImGui::CalcTextSize(b).x, ImGui::CalcTextSize(c).x});
  return 0.9f * ImGui::GetFontSize() + 6.0f + widest;
}

void DrawColourBar(const char* what, float low, float high, float height, const std::function<ImU32(float)>& colour) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  const float strip = 0.9f * ImGui::GetFontSize();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  // What the colour means, above the strip (its own line: never over the values).
  draw->AddText(origin, text, what);
  // The top value is centred on the strip's top: the strip starts half a line below the caption's line.
  const float top = origin.y + 1.5f * line + 2.0f, bottom = origin.y + std::max(height, 3.5f * line + 8.0f) - line * 0.5f;
  const float band = (bottom - top) / kBands;
  for (int i = 0; i < kBands; ++i) {
    const float t = (kBands - 1 - i + 0.5f) / kBands;  // the top band is `high`
    draw->AddRectFilled(ImVec2(origin.x, top + i * band), ImVec2(origin.x + strip, top + (i + 1) * band + 0.5f), colour(t));
  }
  draw->AddRect(ImVec2(origin.x, top), ImVec2(origin.x + strip, bottom), ImGui::GetColorU32(ImGuiCol_Border));
  const float values[3] = {high, 0.5f * (low + high), low};
  const float ys[3] = {top, 0.5f * (top + bottom), bottom};
  for (int i = 0; i < 3; ++i) {
    char label[32];
    FormatValue(values[i], label, sizeof label);
    draw->AddLine(ImVec2(origin.x + strip, ys[i]), ImVec2(origin.x + strip + 3.0f, ys[i]), text);
    draw->AddText(ImVec2(origin.x + strip + 6.0f, ys[i] - line * 0.5f), text, label);
  }
  const float width = std::max(ColourBarWidth(low, high), ImGui::CalcTextSize(what).x);
  ImGui::Dummy(ImVec2(width, std::max(height, 3.5f * line + 8.0f)));
}

}  // namespace netlab
