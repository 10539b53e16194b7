#pragma once
// The playground's pictures as files for slides (issue 35): the decision heatmap as an SVG (the plane,
// the points, axes and a colour key) and as a PNG at 1x, 2x or 4x, and the loss curves as an SVG. Plain
// data in, file bytes out: the page (ui/widgets/figure_export.cpp) fills the figures from its trainer,
// the tests from numbers worked out by hand.
//
// The heatmap is one embedded PNG <image> (data:image/png;base64, one pixel per grid cell), not a <rect>
// per cell: a 240 x 240 grid is 57,600 rects (about 3 MB of text) and renderers anti-alias the shared
// edges of neighbouring rects into faint seams (Chrome, Inkscape, PowerPoint alike), while one image is
// 4 bytes a cell and seamless. Where a cell spans 4 px or more of the figure the image carries
// image-rendering: pixelated, so every cell is a square of the colour the model's value there gives
// instead of a blend that the viewer invents (and that differs between viewers); on a finer grid the
// viewer's smoothing is below a pixel and left alone.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "data/png_file.h"  // DeflateRawFunction
#include "export/diverging_palette.h"

namespace netlab {

// A data point on the plane: its position, its label (0 or 1, or a regression value in [-1, 1]), and
// whether it is a test point (a ring) or a training point (a filled dot).
struct FigurePoint {
  float x = 0.0f, y = 0.0f, label = 0.0f;
  bool test = false;
};

struct HeatmapFigure {
  int width = 640, height = 540;  // the SVG's size in px
  float extent = 6.0f;            // the plane shown is [-extent, extent]²
  // The model's output at the centres of a cells x cells grid over the plane, row-major from the top-left
  // (the first row is the top, x₂ near +extent; ui/widgets/plots.h PlaneGrid's order).
  int cells = 0;
  std::vector<float> values;
  bool regression = false;  // values and labels in [-1, 1] (else probabilities in [0, 1])
  DivergingStops palette = PlaygroundStops(false);
  float wash = kHeatmapWash;       // the heatmap's, as the page's HeatmapColor; points are unwashed
  std::string key_label;           // above the colour key; empty: "P(blue)" or "output"
  std::vector<FigurePoint> points;
  int png_side = 400;              // HeatmapPng's side at 1x, px
  // Compresses the PNGs' pixels, HeatmapPng's and the one HeatmapSvg embeds (links/deflate.h's DeflateRaw,
  // which this layer may not include, so the caller hands it in); null stores them (data/png_file.h).
  DeflateRawFunction deflate_raw = nullptr;
};

struct CurveSeries {
  std::string label;
  Rgb colour;
  std::vector<float> xs, ys;  // one x per y; non-finite ys (and ys <= 0 on a log axis) are left out
};

struct CurvesFigure {
  int width = 640, height = 400;  // the SVG's size in px
  std::string x_label = "step", y_label;
  bool log_y = false;              // decades, as the page's "Log scale"
  float y_low = NAN;               // a linear axis' fixed bottom (the loss plot's 0); NaN: from the data
  std::vector<CurveSeries> series;
};

// The heatmap's colour for a model output `value` (probability, or regression value in [-1, 1]).
Rgb HeatmapCellRgb(const HeatmapFigure& figure, float value);
// A point's colour for its label: the palette's ends, unwashed, as the page draws them.
Rgb PointRgb(const HeatmapFigure& figure, float label);

std::string HeatmapSvg(const HeatmapFigure& figure);
std::string CurvesSvg(const CurvesFigure& figure);

// The plane and its points (no axes, no key) as a square PNG of png_side·scale pixels a side. Each pixel takes
// the value of the grid cell its centre falls in (nearest neighbour): a caller that wants 2x and 4x to be
// genuinely finer evaluates the model on a grid of png_side·scale cells, one per pixel (the page does, up
// to a budget of multiply-adds; ui/widgets/figure_export.cpp), and a coarser grid gives sharp squares
// rather than colours no evaluation produced. The points are drawn over it at the SVG's sizes, scaled.
// Empty when the grid or the size is unusable.
std::string HeatmapPng(const HeatmapFigure& figure, int scale);

// The grid as RGBA bytes, one pixel per cell (what HeatmapSvg embeds and the tests decode).
std::vector<uint8_t> HeatmapCellsRgba(const HeatmapFigure& figure);
// Standard base64 (RFC 4648 section 4, with '=' padding), for data: URLs.
std::string Base64(const std::string& bytes);

}  // namespace netlab
