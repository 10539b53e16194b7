#pragma once
// Small grey-level images in ImGui windows (filters, samples, reconstructions).
#include "core/tensor.h"

namespace netlab {

// Images wider or taller than this are drawn in blocks of averaged pixels.
constexpr int kMaxDrawnSide = 14;

// Draws `values` (row-major height x width) as grey squares of `cell` pixels, scaled from [low, high]
// to black..white, and advances the layout cursor past them.
void DrawImage(const float* values, int width, int height, float low, float high, float cell);
// Each row of `rows` as a (height x width) image about 40 pixels wide, side by side, wrapping before the
// window's edge (a phone shows five or so).
void DrawImageRows(const Matrix& rows, int width, int height, float low, float high);

}  // namespace netlab
