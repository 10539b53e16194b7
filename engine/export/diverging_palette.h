#pragma once
// The playground's diverging palette as plain numbers, so that the page (ui/widgets/plots.cpp's
// DivergingColor and HeatmapColor) and the exported figures (export/figure_svg.h) paint with one copy
// of it. TensorFlow Playground's colour scale (playground.ts: d3.scale.linear().domain([-1, 0, 1])
// .range(["#f59322", "#e8eaeb", "#0877bd"])) goes orange (class 0, negative) to blue (class 1,
// positive); Netlab keeps its ends and takes a lighter middle, #f7f7f7, so the boundary reads as white
// on a projector. The colour-blind variant ends in Okabe & Ito's orange #E69F00 and blue #0072B2
// ("Color Universal Design", 2008), which stay apart under protanopia, deuteranopia and tritanopia.
#include <cstdint>

namespace netlab {

struct Rgb {
  float r = 0.0f, g = 0.0f, b = 0.0f;  // each in [0, 1], sRGB
};

// Three stops at t = 0, 0.5 and 1, interpolated linearly in sRGB between them (as d3's linear scale
// and an SVG gradient with color-interpolation sRGB do).
struct DivergingStops {
  Rgb low, middle, high;
};

// The page's stops: TF Playground's orange and blue (colour_blind: Okabe & Ito's) around #f7f7f7.
DivergingStops PlaygroundStops(bool colour_blind);

// The colour at t in [0, 1] (clamped): the stops interpolated, then mixed with white by `wash`,
// c + (1 - c)·wash, a background that points in the unwashed colours stand out on.
Rgb DivergingRgb(const DivergingStops& stops, float t, float wash = 0.0f);

// The decision heatmap's wash (HeatmapColor): 30% white.
constexpr float kHeatmapWash = 0.3f;

// A channel in [0, 1] as a byte, rounded to nearest: 0.5/255 is the largest error.
uint8_t ChannelByte(float c);

}  // namespace netlab
