#include "data/painted_points.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace netlab {
namespace {

constexpr float kExtent = 6.0f;  // the plane [-6, 6]² (data/dataset.h's kPlaneExtent)

float Hundredths(float v) { return std::round(v * 100.0f) / 100.0f; }

// "-3.5" rather than "-3.50", "1" rather than "1.00": the shortest text of a value in hundredths.
std::string FormatHundredths(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", double(v));
  std::string s = text;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

bool ParseNumber(const std::string& text, float low, float high, float& out) {
  if (text.empty() || text.size() > 16) return false;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v) || v < low || v > high) return false;
  out = Hundredths(float(v));
  return true;
}

}  // namespace

PaintedPoint RoundedPaintedPoint(float x, float y, float label) {
  return {Hundredths(std::clamp(x, -kExtent, kExtent)), Hundredths(std::clamp(y, -kExtent, kExtent)),
          Hundredths(std::clamp(label, -1.0f, 1.0f))};
}

std::string FormatPaintedPoints(const std::vector<PaintedPoint>& points) {
  std::string text;
  for (const PaintedPoint& p : points)
    text += (text.empty() ? "" : ",") + FormatHundredths(p.x) + ":" + FormatHundredths(p.y) + ":" +
            FormatHundredths(p.label);
  return text;
}

bool ParsePaintedPoints(const std::string& text, std::vector<PaintedPoint>& points, std::string& error) {
  std::vector<PaintedPoint> parsed;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    start = end + 1;
    if (parsed.size() == size_t(kMaxPaintedPoints)) {
      error = "At most " + std::to_string(kMaxPaintedPoints) + " painted points fit in a configuration.";
      return false;
    }
    const size_t a = item.find(':'), b = a == std::string::npos ? a : item.find(':', a + 1);
    PaintedPoint p;
    if (b == std::string::npos || item.find(':', b + 1) != std::string::npos ||
        !ParseNumber(item.substr(0, a), -kExtent, kExtent, p.x) ||
        !ParseNumber(item.substr(a + 1, b - a - 1), -kExtent, kExtent, p.y) ||
        !ParseNumber(item.substr(b + 1), -1.0f, 1.0f, p.label)) {
      error = "Painted point " + std::to_string(parsed.size() + 1) + " ('" + item.substr(0, 40) +
              "') is not x:y:label with x and y in [-6, 6] and the label in [-1, 1].";
      return false;
    }
    parsed.push_back(p);
  }
  if (!text.empty() && text.back() == ',') {
    error = "The painted points end with a stray ','.";
    return false;
  }
  points = std::move(parsed);
  return true;
}

int NearestPaintedPoint(const std::vector<PaintedPoint>& points, float x, float y, float radius) {
  int nearest = -1;
  float best = radius * radius;
  for (size_t i = 0; i < points.size(); ++i) {
    const float dx = points[i].x - x, dy = points[i].y - y, d = dx * dx + dy * dy;
    if (d <= best) {
      best = d;
      nearest = int(i);
    }
  }
  return nearest;
}

}  // namespace netlab
