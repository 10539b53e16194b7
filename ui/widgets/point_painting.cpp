#include "widgets/point_painting.h"

#include <cmath>

#include "widgets/layout.h"
#include "data/dataset.h"
#include "platform/item_locator.h"
#include "widgets/value_slider.h"

namespace netlab {
namespace {

constexpr float kDragPixels = 6.0f;        // a press that moves further is a drag (fingers wobble)
constexpr float kPaintSpacing = 10.0f;     // layout units between the points a drag paints
constexpr double kLongPressSeconds = 0.5;  // held this long without moving: remove instead of add
constexpr float kRemoveRadius = 0.75f;     // plane units (the plane is 12 wide) around the press

float Distance(ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

bool DrawPaintChoice(int& chosen_class, float& chosen_value, bool regression, std::vector<PaintedPoint>& points) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Paint:");
  if (regression) {
    SameLineIfFits(8.0f * ImGui::GetFontSize());
    ImGui::SetNextItemWidth(8.0f * ImGui::GetFontSize());
    ValueSliderFloat("##paint value", &chosen_value, -1.0f, 1.0f, "value %.2f", ImGuiSliderFlags_AlwaysClamp);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The value a new point gets (orange -1, blue +1).");
  } else {
    const char* names[] = {"orange", "blue"};
    for (int c = 0; c < 2; ++c) {
      SameLineIfFits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(names[c]).x + 8.0f);
      ImGui::RadioButton(names[c], &chosen_class, c);
      NoteItemRect(c == 0 ? "paint orange" : "paint blue");
    }
  }
  if (ImGui::IsItemHovered() && !regression)
    ImGui::SetTooltip("Click the heatmap to add a point, drag to paint, right-click or long-press to remove.");
  if (points.empty()) return false;
  const std::string clear = "Clear " + std::to_string(points.size()) + " painted";
  SameLineIfFits(ButtonWidth(clear.c_str()));
  if (!ImGui::Button(clear.c_str())) return false;
  points.clear();
  return true;
}

bool EditPaintedPoints(ImVec2 origin, float size, float paint, PaintState& state, std::vector<PaintedPoint>& points,
                       std::string& message) {
  const ImVec2 after = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("##paint", ImVec2(size, size), ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  NoteItemRect("heatmap");
  ImGui::SetCursorScreenPos(after);
  const ImGuiIO& io = ImGui::GetIO();
  auto to_plane = [&](ImVec2 p) {
    return ImVec2((p.x - origin.x) / size * 2.0f * kPlaneExtent - kPlaneExtent,
                  kPlaneExtent - (p.y - origin.y) / size * 2.0f * kPlaneExtent);
  };
  bool changed = false;
  auto add = [&](ImVec2 screen) {
    state.last_added = screen;
    if (points.size() >= size_t(kMaxPaintedPoints)) {
      message = "At most " + std::to_string(kMaxPaintedPoints) +
                " painted points: remove some (right-click or long-press) or clear them first.";
      return;
    }
    const ImVec2 q = to_plane(screen);
    points.push_back(RoundedPaintedPoint(q.x, q.y, paint));
    changed = true;
  };
  auto remove = [&](ImVec2 screen) {
    const ImVec2 q = to_plane(screen);
    const int nearest = NearestPaintedPoint(points, q.x, q.y, kRemoveRadius);
    if (nearest < 0) return;
    points.erase(points.begin() + nearest);
    changed = true;
  };
  if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) remove(io.MousePos);
  if (ImGui::IsItemActivated() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    state.pressed = true;
    state.dragging = state.removed = false;
    state.press_at = io.MousePos;
    state.press_time = ImGui::GetTime();
  }
  if (state.pressed && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (!state.dragging && !state.removed && Distance(io.MousePos, state.press_at) > kDragPixels) {
      state.dragging = true;
      add(state.press_at);
    }
    const bool inside = io.MousePos.x >= origin.x && io.MousePos.y >= origin.y && io.MousePos.x <= origin.x + size &&
                        io.MousePos.y <= origin.y + size;
    if (state.dragging && inside && Distance(io.MousePos, state.last_added) >= kPaintSpacing) add(io.MousePos);
    if (!state.dragging && !state.removed && ImGui::GetTime() - state.press_time >= kLongPressSeconds) {
      remove(state.press_at);
      state.removed = true;
    }
  }
  if (state.pressed && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (!state.dragging && !state.removed) add(state.press_at);
    state.pressed = false;
  }
  return changed;
}

}  // namespace netlab
