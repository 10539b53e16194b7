#include "widgets/accuracy_plot.h"

#include <algorithm>

#include "imgui.h"
#include "widgets/plots.h"

namespace netlab {

void DrawAccuracyCurves(const std::vector<AccuracyPoint>& points, double chance, float width, float height) {
  const ImU32 train_colour = IM_COL32(245, 147, 34, 255), test_colour = IM_COL32(8, 119, 189, 255);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(train_colour), "training accuracy");
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(test_colour), "test accuracy");
  // The note goes on its own line where a phone's width has no room for it.
  const char* note = "(dashed: chance)";
  if (ImGui::GetContentRegionAvail().x - ImGui::GetItemRectMax().x + ImGui::GetCursorScreenPos().x >
      ImGui::CalcTextSize(note).x + 2.0f * ImGui::GetStyle().ItemSpacing.x)
    ImGui::SameLine();
  ImGui::TextDisabled("%s", note);
  const ImVec2 origin = DrawPlotFrame(width, height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  auto y = [&](double share) { return origin.y + height - float(std::clamp(share, 0.0, 1.0)) * height; };
  for (float x = 0.0f; x < width; x += 8.0f)
    draw->AddLine(ImVec2(origin.x + x, y(chance)), ImVec2(origin.x + std::min(width, x + 4.0f), y(chance)),
                  IM_COL32(150, 150, 150, 255));
  draw->AddText(ImVec2(origin.x + 3.0f, origin.y + 1.0f), IM_COL32(110, 110, 110, 255), "100%");
  draw->AddText(ImVec2(origin.x + 3.0f, origin.y + height - ImGui::GetFontSize() - 1.0f), IM_COL32(110, 110, 110, 255), "0%");
  if (points.size() < 2) return;
  const double last = std::max(1.0, double(points.back().step));
  auto x = [&](long step) { return origin.x + width * float(double(step) / last); };
  for (size_t k = 1; k < points.size(); ++k) {
    draw->AddLine(ImVec2(x(points[k - 1].step), y(points[k - 1].train)), ImVec2(x(points[k].step), y(points[k].train)),
                  train_colour, 2.0f);
    draw->AddLine(ImVec2(x(points[k - 1].step), y(points[k - 1].test)), ImVec2(x(points[k].step), y(points[k].test)),
                  test_colour, 2.0f);
  }
}

}  // namespace netlab
