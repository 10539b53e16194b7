#include "widgets/image_drawing.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "imgui.h"
#include "platform/ui_texture.h"
#include "widgets/picture_cadence.h"
#include "platform/layout_report.h"

namespace netlab {
namespace {

// Each image drawn is a texture, one quad, kept per place it is drawn at (the n-th image of the frame
// under the current ID stack) and repainted when its values change, at most ten times a second
// (widgets/picture_cadence.h): a window of filters and reconstructions was thousands of rectangles
// redrawn every frame, most of a software renderer's frame.
struct ShownImage {
  UiTexture texture;
  std::vector<ImU32> pixels;
  uint64_t hash = 0;
  double painted_at = -1e9;
  int used_in_frame = 0;
};

struct ImageCache {
  std::unordered_map<ImGuiID, std::unique_ptr<ShownImage>> images;
  int frame = -1;
  int drawn_this_frame = 0;
};

ImageCache& Cache() {
  static ImageCache cache;
  return cache;
}

// FNV-1a over the image's bytes and how they are shaded.
uint64_t HashOf(const float* values, int width, int height, float low, float high) {
  uint64_t hash = 1469598103934665603ull;
  auto add = [&hash](const void* data, size_t bytes) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < bytes; ++i) hash = (hash ^ p[i]) * 1099511628211ull;
  };
  const int shape[2] = {width, height};
  const float range[2] = {low, high};
  add(shape, sizeof shape);
  add(range, sizeof range);
  add(values, sizeof(float) * size_t(width) * size_t(height));
  return hash;
}

}  // namespace

void DrawImage(const float* values, int width, int height, float low, float high, float cell) {
  ImageCache& cache = Cache();
  const int frame = ImGui::GetFrameCount();
  if (frame != cache.frame) {
    cache.frame = frame;
    cache.drawn_this_frame = 0;
    // Images not drawn for a second of frames are gone from the screen: their textures go too.
    for (auto it = cache.images.begin(); it != cache.images.end();)
      it = frame - it->second->used_in_frame > 60 ? cache.images.erase(it) : std::next(it);
  }
  const ImGuiID id = ImGui::GetID(reinterpret_cast<void*>(intptr_t(++cache.drawn_this_frame)));
  std::unique_ptr<ShownImage>& slot = cache.images[id];
  if (!slot) slot = std::make_unique<ShownImage>();
  ShownImage& image = *slot;
  image.used_in_frame = frame;
  const uint64_t hash = HashOf(values, width, height, low, high);
  const double now = NowSeconds();
  if (image.texture.empty() ||
      (hash != image.hash && now - image.painted_at >= PictureCadence::kSecondsBetweenPictures)) {
    image.hash = hash;
    image.painted_at = now;
    const float range = std::max(high - low, 1e-6f);
    image.pixels.resize(size_t(width) * size_t(height));
    for (size_t i = 0; i < image.pixels.size(); ++i) {
      const int grey = int(std::clamp((values[i] - low) / range, 0.0f, 1.0f) * 255.0f);
      image.pixels[i] = IM_COL32(grey, grey, grey, 255);
    }
    image.texture.Update(width, height, image.pixels, false);  // pixels as squares: a 3x3 filter scaled up stays crisp
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddImage(image.texture.id(), origin,
                                       ImVec2(origin.x + width * cell, origin.y + height * cell));
  ImGui::Dummy(ImVec2(width * cell, height * cell));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
}

float ImageCell(int width, int height, int across, float row_width, float least, float most) {
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float side = std::clamp((row_width - gap * float(std::max(0, across - 1))) / float(std::max(1, across)), least, most);
  return std::max(1.0f, std::floor(side / float(std::max(width, height))));
}

void DrawImageRows(const Matrix& rows, int width, int height, float low, float high) {
  const float cell = ImageCell(width, height, std::min<int>(10, int(rows.rows())), ImGui::GetContentRegionAvail().x, 40.0f);
  Matrix image;
  for (int r = 0; r < rows.rows(); ++r) {
    image = rows.row(r);
    DrawImage(image.data(), width, height, low, high, cell);
    const float next = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + cell * std::min(width, kMaxDrawnSide);
    if (r + 1 < rows.rows() && next < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
  }
}

}  // namespace netlab
