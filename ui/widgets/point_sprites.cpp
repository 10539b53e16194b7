#include "widgets/point_sprites.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace netlab {
namespace {

// Half the quad's side in layout units: the ring's outer edge (radius + 0.5) and one unit of margin
// for the anti-aliased edge and linear filtering.
constexpr float kHalfSide = kPointRadius + 1.5f;

// Coverage of a pixel whose centre lies `d` pixels from the centre by the band [inner, outer] (pixels):
// a one-pixel linear ramp at each edge, the box-filter approximation ImGui's anti-aliasing uses too.
float Coverage(float d, float inner, float outer) {
  return std::clamp(std::min(d - inner + 0.5f, outer - d + 0.5f), 0.0f, 1.0f);
}

}  // namespace

void PointSprites::Prepare() {
  const float scale = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
  if (scale == scale_ && !texture_.empty()) return;
  scale_ = scale;
  // Two cells side by side: the disc (left) and the ring (right), white with coverage as alpha, so the
  // draw colour tints them.
  const int side = int(std::ceil(2.0f * kHalfSide * scale));
  std::vector<ImU32> pixels(size_t(side) * size_t(2 * side));
  const float middle = 0.5f * float(side), radius = kPointRadius * scale, half_ring = 0.5f * scale;
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      const float d = std::hypot(float(x) + 0.5f - middle, float(y) + 0.5f - middle);
      const float disc = Coverage(d, -1.0f, radius), ring = Coverage(d, radius - half_ring, radius + half_ring);
      pixels[size_t(y) * size_t(2 * side) + size_t(x)] = IM_COL32(255, 255, 255, int(std::lround(255.0f * disc)));
      pixels[size_t(y) * size_t(2 * side) + size_t(side + x)] = IM_COL32(255, 255, 255, int(std::lround(255.0f * ring)));
    }
  texture_.Update(2 * side, side, pixels, true);
}

void PointSprites::Draw(ImDrawList* draw, ImVec2 center, ImU32 fill, ImU32 ring) {
  Prepare();
  const ImVec2 a(center.x - kHalfSide, center.y - kHalfSide), b(center.x + kHalfSide, center.y + kHalfSide);
  draw->AddImage(texture_.id(), a, b, ImVec2(0.0f, 0.0f), ImVec2(0.5f, 1.0f), fill);
  draw->AddImage(texture_.id(), a, b, ImVec2(0.5f, 0.0f), ImVec2(1.0f, 1.0f), ring);
}

void PointSprites::DrawDot(ImDrawList* draw, ImVec2 center, float radius, ImU32 fill) {
  Prepare();
  const float half = kHalfSide * radius / kPointRadius;
  draw->AddImage(texture_.id(), ImVec2(center.x - half, center.y - half), ImVec2(center.x + half, center.y + half),
                 ImVec2(0.0f, 0.0f), ImVec2(0.5f, 1.0f), fill);
}

}  // namespace netlab
