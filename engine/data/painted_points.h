#pragma once
// Points a student adds on the playground's heatmap (ConvNetJS's classify2d lets you do the same): they
// join the generated training set, and they travel in the config and the share link as
//   points=x:y:label,x:y:label,...
// with coordinates on the plane [-6, 6]² to 0.01 and the label a class (0 orange, 1 blue) or, for
// regression data, a value in [-1, 1]. Painted points always train (none goes to the test set): the
// model is meant to fit what was drawn, and the generated test set still measures it.
#include <string>
#include <vector>

namespace netlab {

struct PaintedPoint {
  float x = 0.0f, y = 0.0f;
  float label = 0.0f;
  bool operator==(const PaintedPoint& o) const { return x == o.x && y == o.y && label == o.label; }
};

// The most points a config carries: about 2.5 KB of link text, and enough to draw any shape on the plane.
constexpr int kMaxPaintedPoints = 200;

// The point as it will read back from a link: coordinates and label rounded to 0.01, coordinates
// clamped to the plane, the label to [-1, 1].
PaintedPoint RoundedPaintedPoint(float x, float y, float label);
std::string FormatPaintedPoints(const std::vector<PaintedPoint>& points);
// False with `error` set for malformed text, points off the plane, labels outside [-1, 1] or more than
// kMaxPaintedPoints points; `points` is then left as it was.
bool ParsePaintedPoints(const std::string& text, std::vector<PaintedPoint>& points, std::string& error);
// The index of the point nearest to (x, y) within `radius`, or -1.
int NearestPaintedPoint(const std::vector<PaintedPoint>& points, float x, float y, float radius);

}  // namespace netlab
