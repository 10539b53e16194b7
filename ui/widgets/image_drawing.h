#pragma once
// Small grey-level images in ImGui windows (filters, samples, reconstructions).
#include "core/tensor.h"

namespace netlab {

// The side, in image pixels, that layouts budget per image when they lay out rows of them.
constexpr int kMaxDrawnSide = 14;

// Draws `values` (row-major height x width) as a grey texture of (width x height) * `cell` pixels,
// scaled from [low, high] to black..white, and advances the layout cursor past it. The texture is
// repainted when the values change, at most ten times a second (widgets/picture_cadence.h).
void DrawImage(const float* values, int width, int height, float low, float high, float cell);
// Pixels per image pixel for images (width x height) laid `across` to a row of `row_width` pixels, each
// between `least` and `most` pixels on its longer side: images sized from the pane, never a fixed 24 px.
float ImageCell(int width, int height, int across, float row_width, float least = 28.0f, float most = 96.0f);
// Each row of `rows` as a (height x width) image, up to ten across the window (40 to 96 pixels each), side by side, wrapping before the
// window's edge (a phone shows five or so).
void DrawImageRows(const Matrix& rows, int width, int height, float low, float high);

}  // namespace netlab
