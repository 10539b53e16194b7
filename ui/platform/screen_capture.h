#pragma once
// "Save PNG" for a plot or the heatmap: the UI asks for a rectangle of the frame it is drawing, and once
// that frame is rendered the platform reads the pixels back (glReadPixels, OpenGL 3 and WebGL2 alike)
// and hands them over as a PNG file, so the export is exactly what the student sees, at full pixel ratio.
#include <functional>
#include <string>

#include "imgui.h"

namespace netlab {

// The pixels inside [min, max] (ImGui coordinates) of the frame being drawn, as a PNG, to `done`.
void RequestScreenCapture(ImVec2 min, ImVec2 max, std::function<void(const std::string& png)> done);
// The platform calls this after rendering a frame and before presenting it.
void AnswerScreenCapture(int framebuffer_width, int framebuffer_height);

}  // namespace netlab
