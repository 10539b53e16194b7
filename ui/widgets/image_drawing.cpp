#include "widgets/image_drawing.h"

#include <algorithm>

#include "imgui.h"

namespace netlab {

void DrawImage(const float* values, int width, int height, float low, float high, float cell) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float range = std::max(high - low, 1e-6f);
  // Large images (28x28 Fashion-MNIST) are drawn as averages of block x block pixels: a window full of
  // them stays at a few thousand rectangles a frame.
  const int block = std::max(1, (std::max(width, height) + kMaxDrawnSide - 1) / kMaxDrawnSide);
  for (int y = 0; y < height; y += block)
    for (int x = 0; x < width; x += block) {
      float sum = 0.0f;
      int count = 0;
      for (int yy = y; yy < std::min(y + block, height); ++yy)
        for (int xx = x; xx < std::min(x + block, width); ++xx, ++count) sum += values[yy * width + xx];
      const float level = std::clamp((sum / float(count) - low) / range, 0.0f, 1.0f);
      const int grey = int(level * 255.0f);
      draw->AddRectFilled(ImVec2(origin.x + x * cell, origin.y + y * cell),
                          ImVec2(origin.x + std::min(x + block, width) * cell, origin.y + std::min(y + block, height) * cell),
                          IM_COL32(grey, grey, grey, 255));
    }
  ImGui::Dummy(ImVec2(width * cell, height * cell));
}

void DrawImageRows(const Matrix& rows, int width, int height, float low, float high) {
  const float cell = std::max(1.0f, 40.0f / float(std::max(width, height)));
  Matrix image;
  for (int r = 0; r < rows.rows(); ++r) {
    image = rows.row(r);
    DrawImage(image.data(), width, height, low, high, cell);
    const float next = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + cell * std::min(width, kMaxDrawnSide);
    if (r + 1 < rows.rows() && next < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
  }
}

}  // namespace netlab
