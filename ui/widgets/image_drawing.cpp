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

float CrispCell(float side, int pixels) {
  // Whole device pixels per image pixel (the screen's, not the layout's: a phone at 3x has three per
  // point), so that every image pixel is a square of the same size and a row uses the width it is given.
  const float scale = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
  const float device = std::floor(side * scale / float(std::max(1, pixels)));
  return std::max(1.0f, device) / scale;
}

ImageGrid FitImageGrid(int width, int height, int count, ImVec2 room) {
  const float gap = ImGui::GetStyle().ItemSpacing.x, row_gap = ImGui::GetStyle().ItemSpacing.y;
  const float longer = float(std::max(1, std::max(width, height)));
  ImageGrid best{1, std::max(1, count), 1.0f};
  float best_side = -1.0f;
  // Every column count: the side each image may take across (the room's width) and down (its height,
  // shared by the rows); the count whose smaller limit is largest wins, fewer columns on a tie.
  for (int across = 1; across <= std::max(1, count); ++across) {
    const int rows = (count + across - 1) / across;
    const float by_width = (room.x - gap * float(across - 1)) / float(across);
    const float by_height = (room.y - row_gap * float(rows - 1)) / float(rows);
    const float side = std::min(by_width, by_height);
    if (side > best_side + 0.5f) best_side = side, best = {across, rows, 1.0f};
  }
  best.cell = CrispCell(std::max(best_side, 8.0f), int(longer));
  return best;
}

void DrawImageRows(const Matrix& rows, int width, int height, float low, float high, float room_height) {
  const ImageGrid grid = FitImageGrid(width, height, int(rows.rows()), ImVec2(ImGui::GetContentRegionAvail().x, room_height));
  Matrix image;
  for (int r = 0; r < rows.rows(); ++r) {
    image = rows.row(r);
    DrawImage(image.data(), width, height, low, high, grid.cell);
    if ((r + 1) % grid.across != 0 && r + 1 < rows.rows()) ImGui::SameLine();
  }
}

float ImageRoomLeft(int groups) {
  const float text = ImGui::GetTextLineHeightWithSpacing() * 1.5f;  // each group's caption
  const float room = (ImGui::GetContentRegionAvail().y - float(groups) * text) / float(std::max(1, groups));
  return room >= 6.0f * ImGui::GetFontSize() ? room : 6.0f * ImGui::GetFontSize();
}

void DrawLabelledImageRows(const char* const names[], const Matrix* const rows[], int count, int width, int height,
                           float room_height, const char* missing) {
  float label_width = 0.0f;
  for (int r = 0; r < count; ++r) label_width = std::max(label_width, ImGui::CalcTextSize(names[r]).x);
  label_width += 2.0f * ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(2.0f, 2.0f));
  int columns = 0;
  for (int r = 0; r < count; ++r)
    if (rows[r]) columns = std::max(columns, int(rows[r]->rows()));
  // One row of images per name, the same column for the same example: the side is the smaller of the
  // width's share per column and the height's per row.
  const float across = (ImGui::GetContentRegionAvail().x - label_width - 2.0f * float(columns)) / float(std::max(1, columns));
  const float down = (room_height - 2.0f * float(count)) / float(std::max(1, count));
  const float cell = CrispCell(std::clamp(std::min(across, down), 24.0f, 320.0f), std::max(width, height));
  const int fit = std::max(1, int((ImGui::GetContentRegionAvail().x - label_width) / (cell * float(width) + 2.0f)));
  Matrix image;
  for (int r = 0; r < count; ++r) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(names[r]);
    ImGui::SameLine(label_width);
    if (!rows[r]) {
      ImGui::TextDisabled("%s", missing);
      continue;
    }
    for (int i = 0; i < std::min<int>(fit, int(rows[r]->rows())); ++i) {
      image = rows[r]->row(i);
      if (i) ImGui::SameLine();
      DrawImage(image.data(), width, height, 0.0f, 1.0f, cell);
    }
  }
  ImGui::PopStyleVar();
}

}  // namespace netlab
