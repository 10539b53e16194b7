#pragma once
// A square picture of a patch of the plane for the lessons' views: world coordinates to screen and back.
#include "imgui.h"

namespace netlab {

struct LessonPlane {
  ImVec2 origin;        // top-left corner on screen
  float side = 200.0f;  // pixels
  float extent = 3.0f;  // the plane shown is [-extent, extent]²
  ImVec2 ToScreen(double x, double y) const {
    const float scale = side / (2.0f * extent);
    return ImVec2(origin.x + (float(x) + extent) * scale, origin.y + (extent - float(y)) * scale);
  }
  double WorldX(float column) const { return -extent + 2.0 * extent * column / side; }
  double WorldY(float row) const { return extent - 2.0 * extent * row / side; }
};

// Reserves a white, framed square of `side` pixels at the cursor and clips drawing to it (PopClipRect
// after drawing).
LessonPlane BeginLessonPlane(float side, float extent);
void EndLessonPlane(const LessonPlane& plane);

}  // namespace netlab
