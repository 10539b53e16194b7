#pragma once
// Touching the data (ConvNetJS's classify2d): on the heatmap a click or tap adds a point of the chosen
// class (or value, for regression data), a right click or a long press removes the nearest painted
// point, and a drag paints a trail of points. The points live in the config (data/painted_points.h), so
// the share link carries them; only painted points can be removed, the generated ones come back with
// the generator.
#include <string>
#include <vector>

#include "data/painted_points.h"
#include "imgui.h"

namespace netlab {

// What a new point gets is the config's (paint_class, paint_value); this is the press under way.
struct PaintState {
  // The press under way on the heatmap: where and when it began, and what it has become.
  bool pressed = false, dragging = false, removed = false;
  ImVec2 press_at, last_added;
  double press_time = 0.0;
};

// The "Paint" row: the class (0 orange, 1 blue) or, on regression data, the value in [-1, 1] new points
// get, and a button that clears the painted points. Returns true when it changed `points`.
bool DrawPaintChoice(int& chosen_class, float& chosen_value, bool regression, std::vector<PaintedPoint>& points);
// Takes the mouse, a finger or a pen over the (size x size) heatmap at `origin` (screen coordinates) and
// edits `points`, a new one with label `paint` (the chosen class or value); returns true when they
// changed. Beyond kMaxPaintedPoints `message` says why nothing was added.
bool EditPaintedPoints(ImVec2 origin, float size, float paint, PaintState& state, std::vector<PaintedPoint>& points,
                       std::string& message);

}  // namespace netlab
