#include "platform/touch_input.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace netlab {

void NotePointer(PointerKind kind, float x, float y) {
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiMouseSource source = kind == PointerKind::kTouch ? ImGuiMouseSource_TouchScreen
                                  : kind == PointerKind::kPen ? ImGuiMouseSource_Pen
                                                              : ImGuiMouseSource_Mouse;
  io.AddMouseSourceEvent(source);
  if (kind != PointerKind::kMouse) io.AddMousePosEvent(x, y);
}

void ApplyTouchGestures() {
  const ImGuiIO& io = ImGui::GetIO();
  const bool finger = io.MouseSource == ImGuiMouseSource_TouchScreen;
  // A fingertip covers about 7 mm, ~10 CSS px more than the 13-px rows on each side would catch; Apple's
  // and Google's guidelines ask for 44-48 px targets. Hit boxes grow, the layout stays.
  constexpr float kTouchPadding = 8.0f;
  ImGui::GetStyle().TouchExtraPadding = finger ? ImVec2(kTouchPadding, kTouchPadding) : ImVec2(0.0f, 0.0f);
  if (!finger || !ImGui::IsMouseDown(ImGuiMouseButton_Left) || ImGui::IsAnyItemActive()) return;
  ImGuiWindow* window = ImGui::GetCurrentContext()->HoveredWindow;
  // The nearest window that can scroll: a child without a scroll bar passes the drag to its parent.
  while (window && window->ScrollMax.y <= 0.0f && (window->Flags & ImGuiWindowFlags_ChildWindow))
    window = window->ParentWindow;
  if (window && window->ScrollMax.y > 0.0f && io.MouseDelta.y != 0.0f)
    ImGui::SetScrollY(window, window->Scroll.y - io.MouseDelta.y);
}

}  // namespace netlab
