#include "platform/partial_redraw.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace netlab {
namespace {

constexpr int kTile = 32;           // framebuffer pixels per tile side
constexpr int kGapTiles = 2;        // clean tiles between two dirty ones in a row are redrawn too (fewer rectangles)
constexpr size_t kMostRects = 40;   // beyond this, one rectangle around every change

std::unordered_map<ImTextureID, uint32_t>& TextureVersions() {
  static std::unordered_map<ImTextureID, uint32_t> versions;
  return versions;
}

// MurmurHash3's 64-bit finaliser: every input bit moves about half the output bits.
uint64_t Scramble(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

uint64_t VertexHash(const ImDrawVert& v) {
  uint32_t words[5];
  static_assert(sizeof(ImDrawVert) == sizeof(words), "ImDrawVert is pos, uv, col");
  std::memcpy(words, &v, sizeof(words));
  const uint64_t a = Scramble(uint64_t(words[0]) | uint64_t(words[1]) << 32);
  const uint64_t b = Scramble(uint64_t(words[2]) | uint64_t(words[3]) << 32);
  return Scramble(a ^ (b * 31) ^ (uint64_t(words[4]) << 7));
}

}  // namespace

void NoteTextureChanged(ImTextureID texture) { ++TextureVersions()[texture]; }

PixelRect BackendScissor(const ImVec4& clip, ImVec2 offset, ImVec2 scale, int fb_width, int fb_height) {
  // The backend's own arithmetic, in float, truncating as it does.
  const ImVec2 clip_min((clip.x - offset.x) * scale.x, (clip.y - offset.y) * scale.y);
  const ImVec2 clip_max((clip.z - offset.x) * scale.x, (clip.w - offset.y) * scale.y);
  if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) return {};
  const int x = int(clip_min.x), gl_y = int(float(fb_height) - clip_max.y);
  const int w = int(clip_max.x - clip_min.x), h = int(clip_max.y - clip_min.y);
  PixelRect r{x, fb_height - (gl_y + h), x + w, fb_height - gl_y};  // GL counts rows from the bottom
  r.x0 = std::max(r.x0, 0);
  r.y0 = std::max(r.y0, 0);
  r.x1 = std::min(r.x1, fb_width);
  r.y1 = std::min(r.y1, fb_height);
  return r.empty() ? PixelRect{} : r;
}

bool ClipRectFor(const PixelRect& pixels, ImVec2 offset, ImVec2 scale, int fb_width, int fb_height, ImVec4* clip) {
  // Edges a quarter to a half pixel inside the truncations above, far beyond float rounding.
  *clip = ImVec4(offset.x + (float(pixels.x0) + 0.5f) / scale.x, offset.y + (float(pixels.y0) - 0.75f) / scale.y,
                 offset.x + (float(pixels.x1) + 0.75f) / scale.x, offset.y + (float(pixels.y1) - 0.5f) / scale.y);
  const PixelRect back = BackendScissor(*clip, offset, scale, fb_width, fb_height);
  return back.x0 == pixels.x0 && back.y0 == pixels.y0 && back.x1 == pixels.x1 && back.y1 == pixels.y1;
}

bool PartialRedraw::HashTiles(ImDrawData* draw_data) {
  bool callback = false;
  const auto& versions = TextureVersions();
  hashes_.assign(size_t(columns_) * size_t(rows_), 0);
  triangle_tiles_.clear();
  for (const ImDrawList* list : draw_data->CmdLists) {
    const ImDrawVert* vertices = list->VtxBuffer.Data;
    const ImDrawIdx* indices = list->IdxBuffer.Data;
    for (const ImDrawCmd& command : list->CmdBuffer) {
      const size_t triangles = command.ElemCount / 3;
      const PixelRect scissor = BackendScissor(command.ClipRect, offset_, scale_, fb_width_, fb_height_);
      callback = callback || command.UserCallback != nullptr;
      if (command.UserCallback || scissor.empty()) {
        triangle_tiles_.insert(triangle_tiles_.end(), triangles, TileRange{1, 0, 0, 0});
        continue;
      }
      const auto version = versions.find(command.TextureId);
      uint64_t key = Scramble(uint64_t(reinterpret_cast<uintptr_t>(command.TextureId)) ^
                              (uint64_t(version == versions.end() ? 0 : version->second) << 40));
      key = Scramble(key ^ (uint64_t(uint32_t(scissor.x0)) | uint64_t(uint32_t(scissor.y0)) << 32));
      key = Scramble(key ^ (uint64_t(uint32_t(scissor.x1)) | uint64_t(uint32_t(scissor.y1)) << 32));
      const ImDrawVert* base = vertices + command.VtxOffset;
      const ImDrawIdx* index = indices + command.IdxOffset;
      for (size_t t = 0; t < triangles; ++t, index += 3) {
        const ImDrawVert& a = base[index[0]];
        const ImDrawVert& b = base[index[1]];
        const ImDrawVert& c = base[index[2]];
        // The triangle's pixels lie in its bounding box, widened by a pixel, cut to its scissor.
        const float min_x = (std::min({a.pos.x, b.pos.x, c.pos.x}) - offset_.x) * scale_.x;
        const float max_x = (std::max({a.pos.x, b.pos.x, c.pos.x}) - offset_.x) * scale_.x;
        const float min_y = (std::min({a.pos.y, b.pos.y, c.pos.y}) - offset_.y) * scale_.y;
        const float max_y = (std::max({a.pos.y, b.pos.y, c.pos.y}) - offset_.y) * scale_.y;
        const int x0 = std::max(scissor.x0, int(std::floor(min_x)) - 1);
        const int x1 = std::min(scissor.x1, int(std::ceil(max_x)) + 1);
        const int y0 = std::max(scissor.y0, int(std::floor(min_y)) - 1);
        const int y1 = std::min(scissor.y1, int(std::ceil(max_y)) + 1);
        if (x1 <= x0 || y1 <= y0) {
          triangle_tiles_.push_back(TileRange{1, 0, 0, 0});
          continue;
        }
        const TileRange range{uint16_t(x0 / kTile), uint16_t(y0 / kTile), uint16_t((x1 - 1) / kTile),
                              uint16_t((y1 - 1) / kTile)};
        triangle_tiles_.push_back(range);
        const uint64_t hash = Scramble(key ^ VertexHash(a) ^ (VertexHash(b) * 3) ^ (VertexHash(c) * 5));
        for (int ty = range.y0; ty <= range.y1; ++ty) {
          uint64_t* row = &hashes_[size_t(ty) * size_t(columns_)];
          for (int tx = range.x0; tx <= range.x1; ++tx) row[tx] = Scramble(row[tx] ^ hash);  // order matters
        }
      }
    }
  }
  return callback;
}

void PartialRedraw::GroupDirtyTiles(bool everything) {
  rects_.clear();
  tile_rect_.assign(hashes_.size(), -1);
  if (everything) {
    rects_.push_back(PixelRect{0, 0, fb_width_, fb_height_});
    return;
  }
  // Runs of dirty tiles along each row (closing gaps of up to kGapTiles), stacked into one rectangle
  // while the rows below have a run with the same columns.
  struct Run {
    int column0, column1, rect;  // tiles [column0, column1)
  };
  std::vector<Run> above, here;
  std::vector<PixelRect> tiles;  // rectangles in tile units while they are built
  int dirty_x0 = columns_, dirty_y0 = rows_, dirty_x1 = -1, dirty_y1 = -1;
  for (int ty = 0; ty < rows_; ++ty) {
    here.clear();
    const size_t row = size_t(ty) * size_t(columns_);
    for (int tx = 0; tx < columns_;) {
      if (hashes_[row + tx] == last_hashes_[row + tx]) {
        ++tx;
        continue;
      }
      int end = tx + 1;  // one past the run's last dirty tile
      for (int next = end; next < columns_ && next <= end + kGapTiles; ++next)
        if (hashes_[row + next] != last_hashes_[row + next]) end = next + 1;
      dirty_x0 = std::min(dirty_x0, tx);
      dirty_x1 = std::max(dirty_x1, end);
      dirty_y0 = std::min(dirty_y0, ty);
      dirty_y1 = ty + 1;
      int rect = -1;
      for (const Run& run : above)
        if (run.column0 == tx && run.column1 == end) rect = run.rect;
      if (rect >= 0) {
        tiles[size_t(rect)].y1 = ty + 1;
      } else {
        rect = int(tiles.size());
        tiles.push_back(PixelRect{tx, ty, end, ty + 1});
      }
      here.push_back(Run{tx, end, rect});
      tx = end;
    }
    std::swap(above, here);
  }
  if (tiles.size() > kMostRects) {
    tiles.clear();
    tiles.push_back(PixelRect{dirty_x0, dirty_y0, dirty_x1, dirty_y1});
  }
  for (size_t r = 0; r < tiles.size(); ++r) {
    const PixelRect& t = tiles[r];
    for (int ty = t.y0; ty < t.y1; ++ty)
      for (int tx = t.x0; tx < t.x1; ++tx) tile_rect_[size_t(ty) * size_t(columns_) + size_t(tx)] = int(r);
    rects_.push_back(PixelRect{t.x0 * kTile, t.y0 * kTile, std::min(t.x1 * kTile, fb_width_),
                               std::min(t.y1 * kTile, fb_height_)});
  }
}

bool PartialRedraw::Rewrite(ImDrawData* draw_data) {
  const size_t lists = size_t(draw_data->CmdLists.Size);
  new_commands_.resize(lists);
  new_indices_.resize(lists);
  rect_indices_.resize(rects_.size());
  rect_stamp_.assign(rects_.size(), -1);
  size_t triangle = 0;
  int total_indices = 0;
  for (size_t l = 0; l < lists; ++l) {
    ImDrawList* list = draw_data->CmdLists[int(l)];
    ImVector<ImDrawCmd>& commands = new_commands_[l];
    ImVector<ImDrawIdx>& indices = new_indices_[l];
    commands.resize(0);
    indices.resize(0);
    for (const ImDrawCmd& command : list->CmdBuffer) {
      const ImDrawIdx* index = list->IdxBuffer.Data + command.IdxOffset;
      const size_t triangles = command.ElemCount / 3;
      used_rects_.clear();
      for (size_t t = 0; t < triangles; ++t, ++triangle, index += 3) {
        const TileRange& range = triangle_tiles_[triangle];
        for (int ty = range.y0; ty <= range.y1; ++ty)
          for (int tx = range.x0; tx <= range.x1; ++tx) {
            const int r = tile_rect_[size_t(ty) * size_t(columns_) + size_t(tx)];
            if (r < 0 || rect_stamp_[size_t(r)] == int(triangle)) continue;
            rect_stamp_[size_t(r)] = int(triangle);
            if (rect_indices_[size_t(r)].empty()) used_rects_.push_back(r);
            rect_indices_[size_t(r)].insert(rect_indices_[size_t(r)].end(), index, index + 3);
          }
      }
      if (used_rects_.empty()) continue;
      std::sort(used_rects_.begin(), used_rects_.end());
      const PixelRect scissor = BackendScissor(command.ClipRect, offset_, scale_, fb_width_, fb_height_);
      for (int r : used_rects_) {
        std::vector<ImDrawIdx>& kept = rect_indices_[size_t(r)];
        const PixelRect& rect = rects_[size_t(r)];
        const PixelRect cut{std::max(scissor.x0, rect.x0), std::max(scissor.y0, rect.y0),
                            std::min(scissor.x1, rect.x1), std::min(scissor.y1, rect.y1)};
        ImDrawCmd piece = command;
        if (cut.empty() || !ClipRectFor(cut, offset_, scale_, fb_width_, fb_height_, &piece.ClipRect)) {
          if (cut.empty()) {
            kept.clear();
            continue;
          }
          return false;  // float rounding would move an edge: draw everything instead
        }
        piece.IdxOffset = unsigned(indices.Size);
        piece.ElemCount = unsigned(kept.size());
        for (ImDrawIdx i : kept) indices.push_back(i);
        commands.push_back(piece);
        kept.clear();
      }
    }
    total_indices += indices.Size;
  }
  for (size_t l = 0; l < lists; ++l) {
    draw_data->CmdLists[int(l)]->CmdBuffer.swap(new_commands_[l]);
    draw_data->CmdLists[int(l)]->IdxBuffer.swap(new_indices_[l]);
  }
  original_indices_ = draw_data->TotalIdxCount;
  draw_data->TotalIdxCount = total_indices;
  rewritten_ = true;
  return true;
}

void PartialRedraw::Restore(ImDrawData* draw_data) {
  if (!rewritten_) return;
  rewritten_ = false;
  for (int l = 0; l < draw_data->CmdLists.Size && size_t(l) < new_commands_.size(); ++l) {
    draw_data->CmdLists[l]->CmdBuffer.swap(new_commands_[size_t(l)]);
    draw_data->CmdLists[l]->IdxBuffer.swap(new_indices_[size_t(l)]);
  }
  draw_data->TotalIdxCount = original_indices_;
}

const std::vector<PixelRect>& PartialRedraw::Prepare(ImDrawData* draw_data, bool everything) {
  const int fb_width = int(draw_data->DisplaySize.x * draw_data->FramebufferScale.x);
  const int fb_height = int(draw_data->DisplaySize.y * draw_data->FramebufferScale.y);
  if (fb_width != fb_width_ || fb_height != fb_height_ || !drew_before_) everything = true;
  fb_width_ = std::max(0, fb_width);
  fb_height_ = std::max(0, fb_height);
  columns_ = (fb_width_ + kTile - 1) / kTile;
  rows_ = (fb_height_ + kTile - 1) / kTile;
  offset_ = draw_data->DisplayPos;
  scale_ = draw_data->FramebufferScale;
  rects_.clear();
  rewritten_ = false;
  redrawn_share_ = 0.0;
  if (fb_width_ == 0 || fb_height_ == 0) return rects_;
  if (HashTiles(draw_data)) everything = true;  // a callback may draw anything anywhere
  if (last_hashes_.size() != hashes_.size()) everything = true;
  GroupDirtyTiles(everything);
  if (!everything && !rects_.empty() && !Rewrite(draw_data)) {
    rects_.assign(1, PixelRect{0, 0, fb_width_, fb_height_});  // the draw data was left as it was
  }
  long area = 0;
  for (const PixelRect& r : rects_) area += r.area();
  redrawn_share_ = double(area) / (double(fb_width_) * double(fb_height_));
  std::swap(hashes_, last_hashes_);
  drew_before_ = true;
  return rects_;
}

}  // namespace netlab
