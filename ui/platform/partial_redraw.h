#pragma once
// Redraws only the parts of the canvas whose pixels change.
//
// Why: in headless Chromium's software GL (SwiftShader) most of a frame is the GPU process rasterising
// ImGui's blended, textured triangles over the whole canvas, while during training only the plots, the
// heatmap and a few numbers change. The page's canvas keeps its pixels between frames
// (preserveDrawingBuffer, asked for by web/netlab-module.js), so a frame may redraw just what changed.
//
// How: every triangle is hashed, with its vertices, its texture's version and its clip rectangle, into
// the 32 x 32-pixel tiles its bounding box touches, in drawing order. Tiles whose hash differs from the
// last frame's are grouped into rectangles, and the draw data is rewritten to draw only the triangles
// that touch them, each clipped to its rectangle. Inside a rectangle the pixels are those of a full
// redraw (the same triangles in the same order, only scissored); tests/browser/partial-redraw.test.mjs
// compares the two images pixel for pixel.
#include <cstdint>
#include <vector>

#include "imgui.h"

namespace netlab {

// Framebuffer pixels, counted from the top: columns [x0, x1), rows [y0, y1).
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  long area() const { return empty() ? 0 : long(x1 - x0) * long(y1 - y0); }
};

// A texture's pixels changed (UiTexture::Update, a rebuilt font atlas): whatever draws it is redrawn.
void NoteTextureChanged(ImTextureID texture);

class PartialRedraw {
 public:
  // Called after ImGui::Render(): rewrites `draw_data` to draw only what changed since the last call and
  // returns the rectangles to clear before drawing it. Empty when nothing changed (then nothing needs
  // drawing at all); the whole framebuffer, with the draw data untouched, when `everything` is asked
  // for or the framebuffer's size changed.
  const std::vector<PixelRect>& Prepare(ImDrawData* draw_data, bool everything);
  // Gives `draw_data` back its commands and indices as ImGui made them, once it has been rendered: the
  // layout report and the item locator read the frame's text from it.
  void Restore(ImDrawData* draw_data);
  // Share of the framebuffer's pixels the last Prepare redraws, 0 to 1.
  double redrawn_share() const { return redrawn_share_; }

 private:
  struct TileRange {
    uint16_t x0, y0, x1, y1;  // tiles [x0, x1] x [y0, y1]; x0 > x1 when the triangle draws nothing
  };
  bool HashTiles(ImDrawData* draw_data);  // true when a command has a callback
  void GroupDirtyTiles(bool everything);
  bool Rewrite(ImDrawData* draw_data);

  int fb_width_ = 0, fb_height_ = 0, columns_ = 0, rows_ = 0;
  ImVec2 offset_, scale_;
  std::vector<uint64_t> hashes_, last_hashes_;  // per tile, this frame's and the last drawn frame's
  std::vector<TileRange> triangle_tiles_;       // per triangle of the draw data, in order
  std::vector<int> tile_rect_;                  // per tile: the rectangle it is redrawn in, or -1
  std::vector<PixelRect> rects_;
  std::vector<std::vector<ImDrawIdx>> rect_indices_;  // one command's triangles, per rectangle
  std::vector<int> rect_stamp_, used_rects_;
  std::vector<ImVector<ImDrawCmd>> new_commands_;
  std::vector<ImVector<ImDrawIdx>> new_indices_;
  bool drew_before_ = false;
  bool rewritten_ = false;  // the draw data holds new_commands_ / new_indices_, ImGui's own are here
  int original_indices_ = 0;
  double redrawn_share_ = 1.0;
};

// The scissor imgui_impl_opengl3.cpp (1.90.1, ImGui_ImplOpenGL3_RenderDrawData) sets for `clip`, as
// framebuffer pixels from the top, clamped to the framebuffer; and a clip rectangle it turns into exactly
// `pixels` (false when float rounding would not allow it).
PixelRect BackendScissor(const ImVec4& clip, ImVec2 offset, ImVec2 scale, int fb_width, int fb_height);
bool ClipRectFor(const PixelRect& pixels, ImVec2 offset, ImVec2 scale, int fb_width, int fb_height, ImVec4* clip);

}  // namespace netlab
