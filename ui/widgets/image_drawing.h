#pragma once
// Small grey-level images in ImGui windows (filters, samples, reconstructions).
#include "core/tensor.h"
#include "imgui.h"

namespace netlab {

// Draws `values` (row-major height x width) as a grey texture of (width x height) * `cell` pixels,
// scaled from [low, high] to black..white, and advances the layout cursor past it. The texture is
// repainted when the values change, at most ten times a second (widgets/picture_cadence.h).
void DrawImage(const float* values, int width, int height, float low, float high, float cell);
// Pixels per image pixel for an image `pixels` wide in `side` layout pixels: whole device pixels each.
float CrispCell(float side, int pixels);
// Each row of `rows` as a (height x width) image, laid out as the grid that fills the window's width
// and `room_height` (FitImageGrid): a few images in a large pane are large, many wrap into rows.
void DrawImageRows(const Matrix& rows, int width, int height, float low, float high, float room_height);

// A grid of `count` images (width x height) in `room` (pixels across and down): the columns that give
// the largest images (as large as the room allows: a projector's 4K pane shows a few digits large), and
// the pixels per image pixel.
struct ImageGrid {
  int across = 1, rows = 1;
  float cell = 1.0f;
};
ImageGrid FitImageGrid(int width, int height, int count, ImVec2 room);

// The height each of `groups` image groups may take of the window's room left below the cursor, less a
// caption line each (at least six lines of text: a window that scrolls still shows them large enough).
float ImageRoomLeft(int groups);
// Rows of images in [0, 1] under names at their left ("test", "AE", "PCA"), the same example in the same
// column, sized to the window's width and `room_height`; a null row says `missing` instead.
void DrawLabelledImageRows(const char* const names[], const Matrix* const rows[], int count, int width, int height,
                           float room_height, const char* missing);

}  // namespace netlab
