#pragma once
// Hides and locks the controls a course config names (config/course.h) while the panels draw:
//   if (gate.Begin("learning_rate")) { ValueSliderFloat(...); gate.End(); }
// Begin returns false for a hidden control; for a locked one it draws the control disabled (visible, not
// editable) until End. The controls drawn are recorded for the page's status (visible_controls).
#include <string>
#include <vector>

#include "config/course.h"

namespace netlab {

class CourseGate {
 public:
  // Starts a frame's panels with the course's lists; forgets the controls of the last frame.
  void StartFrame(const CourseConfig& course);
  bool Begin(const char* control);
  void End();
  bool Hidden(const char* control) const;
  const std::vector<std::string>& visible() const { return visible_; }

 private:
  CourseConfig course_;
  std::vector<std::string> visible_;
  std::vector<bool> open_locks_;  // one per Begin without its End yet: whether it disabled
};

}  // namespace netlab
