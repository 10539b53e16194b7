#pragma once
// Data points drawn as textured quads: a disc and a ring, rasterised once (at the screen's pixel ratio)
// into one small texture, so a point is two quads (4 triangles) instead of two anti-aliased circles
// (about 50 vertices). 500 points then add 4,000 vertices rather than 24,000, which a software
// renderer (headless Chromium's SwiftShader) notices, and all of them are one draw call.
#include "imgui.h"
#include "platform/ui_texture.h"

namespace netlab {

class PointSprites {
 public:
  // A point at `center` filled with `fill` inside a ring of `ring`: the disc has radius `radius` and the
  // ring is 1 unit wide centred on it, as ImDrawList::AddCircleFilled + AddCircle(thickness 1) draw.
  void Draw(ImDrawList* draw, ImVec2 center, ImU32 fill, ImU32 ring);
  // A plain disc of `radius` (samples in the GAN and flow pictures): the disc scaled, one quad.
  void DrawDot(ImDrawList* draw, ImVec2 center, float radius, ImU32 fill);

 private:
  // Re-rasterises the texture when the pixel ratio (ImGui's DisplayFramebufferScale) has changed.
  void Prepare();

  UiTexture texture_;
  float scale_ = 0.0f;  // pixel ratio the texture was drawn for
};

constexpr float kPointRadius = 3.5f;  // in layout units (CSS pixels on the web)

}  // namespace netlab
