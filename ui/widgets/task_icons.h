#pragma once
// A small picture of each task for the task picker: what its main figure looks like (the playground's
// two classes around a boundary, the GAN's ring of modes, the RBM's two layers...), drawn with a few
// shapes so that a newcomer recognises the view before opening it. One row per task in task_icons.cpp.
#include <string>

#include "imgui.h"

namespace netlab {

// Draws the icon of `task` in the square at `min` with side `size`; false (nothing drawn) for a task
// without one.
bool DrawTaskIcon(const std::string& task, ImDrawList* draw, ImVec2 min, float size);

}  // namespace netlab
