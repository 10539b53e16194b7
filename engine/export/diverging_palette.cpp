#include "export/diverging_palette.h"

#include <algorithm>
#include <cmath>

namespace netlab {
namespace {

constexpr Rgb FromHex(uint32_t rgb) {
  return {float((rgb >> 16) & 0xFF) / 255.0f, float((rgb >> 8) & 0xFF) / 255.0f, float(rgb & 0xFF) / 255.0f};
}

}  // namespace

DivergingStops PlaygroundStops(bool colour_blind) {
  if (colour_blind) return {FromHex(0xE69F00), FromHex(0xF7F7F7), FromHex(0x0072B2)};
  return {FromHex(0xF59322), FromHex(0xF7F7F7), FromHex(0x0877BD)};
}

Rgb DivergingRgb(const DivergingStops& stops, float t, float wash) {
  t = std::clamp(t, 0.0f, 1.0f);
  const Rgb& from = t < 0.5f ? stops.low : stops.middle;
  const Rgb& to = t < 0.5f ? stops.middle : stops.high;
  const float s = t < 0.5f ? t * 2.0f : (t - 0.5f) * 2.0f;
  auto mix = [&](float a, float b) {
    const float c = a + (b - a) * s;
    return c + (1.0f - c) * wash;
  };
  return {mix(from.r, to.r), mix(from.g, to.g), mix(from.b, to.b)};
}

uint8_t ChannelByte(float c) { return uint8_t(std::lround(std::clamp(c, 0.0f, 1.0f) * 255.0f)); }

}  // namespace netlab
