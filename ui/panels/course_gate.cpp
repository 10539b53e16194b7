#include "panels/course_gate.h"

#include <algorithm>

#include "imgui.h"

namespace netlab {
namespace {

bool Contains(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void CourseGate::StartFrame(const CourseConfig& course) {
  if (!(course == course_)) course_ = course;
  visible_.clear();
  open_locks_.clear();
}

bool CourseGate::Hidden(const char* control) const { return Contains(course_.hidden, control); }

bool CourseGate::Begin(const char* control) {
  if (Hidden(control)) return false;
  if (!Contains(visible_, control)) visible_.push_back(control);
  const bool locked = Contains(course_.locked, control);
  if (locked) ImGui::BeginDisabled();
  open_locks_.push_back(locked);
  return true;
}

void CourseGate::End() {
  if (open_locks_.empty()) return;
  if (open_locks_.back()) {
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Locked by this course page.");
  }
  open_locks_.pop_back();
}

}  // namespace netlab
