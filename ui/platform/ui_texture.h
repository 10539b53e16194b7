#pragma once
// A picture the UI draws as one textured quad (ImDrawList::AddImage) instead of thousands of filled
// rectangles: the decision heatmap and the unit thumbnails are uploaded once per change and then cost
// the same to draw every frame. OpenGL 3 natively, WebGL2 in the browser (the same GL ES 2 calls).
#include <cstdint>
#include <vector>

#include "imgui.h"

namespace netlab {

class UiTexture {
 public:
  UiTexture() = default;
  UiTexture(const UiTexture&) = delete;
  UiTexture& operator=(const UiTexture&) = delete;
  ~UiTexture();

  // Replaces the picture with `rgba` (width x height pixels, row-major from the top, ImGui's IM_COL32
  // byte order); smooth = linear filtering when drawn larger than it is.
  void Update(int width, int height, const std::vector<ImU32>& rgba, bool smooth = true);
  bool empty() const { return name_ == 0; }
  ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(name_)); }

 private:
  unsigned int name_ = 0;  // the GL texture name, 0 before the first Update
  int width_ = 0, height_ = 0;
};

}  // namespace netlab
