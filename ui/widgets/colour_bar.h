#pragma once
// A colour key for a heatmap: a vertical strip of the map's colours from `low` (bottom) to `high` (top)
// with the two end values and the middle one beside it, and what the colour means above it. Every
// heatmap draws one next to itself, so a reader never guesses what dark or blue stands for.
//   DrawColourBar("attention weight", 0.0f, 1.0f, height, [](float t) { return Shade(t); });
#include <functional>

#include "imgui.h"

namespace netlab {

// The width DrawColourBar takes for `low` and `high` (the strip, the gap and the widest value).
float ColourBarWidth(float low, float high);
// Draws at the cursor and advances it; `colour(t)` is the map's colour at t in [0, 1] (low to high).
void DrawColourBar(const char* what, float low, float high, float height, const std::function<ImU32(float)>& colour);

}  // namespace netlab
