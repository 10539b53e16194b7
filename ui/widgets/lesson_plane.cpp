#include "widgets/lesson_plane.h"
#include "platform/layout_report.h"

namespace netlab {

LessonPlane BeginLessonPlane(float side, float extent) {
  LessonPlane plane;
  plane.origin = ImGui::GetCursorScreenPos();
  plane.side = side;
  plane.extent = extent;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(plane.origin.x + side, plane.origin.y + side);
  draw->PushClipRect(plane.origin, end, true);
  draw->AddRectFilled(plane.origin, end, IM_COL32(255, 255, 255, 255));
  return plane;
}

void EndLessonPlane(const LessonPlane& plane) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(plane.origin.x + plane.side, plane.origin.y + plane.side);
  draw->AddRect(plane.origin, end, IM_COL32(160, 160, 160, 255));
  draw->PopClipRect();
  ImGui::Dummy(ImVec2(plane.side, plane.side));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
}

}  // namespace netlab
