#include "image_drawing.h"

#include <algorithm>
#include <chrono>

#include "imgui.h"

namespace netlab {

void DrawImage(const float* values, int width, int height, float low, float high, float cell) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float range = std::max(high - low, 1e-6f);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const float level = std::clamp((values[y * width + x] - low) / range, 0.0f, 1.0f);
      const int grey = int(level * 255.0f);
      draw->AddRectFilled(ImVec2(origin.x + x * cell, origin.y + y * cell),
                          ImVec2(origin.x + (x + 1) * cell, origin.y + (y + 1) * cell), IM_COL32(grey, grey, grey, 255));
    }
  ImGui::Dummy(ImVec2(width * cell, height * cell));
}

double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace netlab
