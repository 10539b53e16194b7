#include "data/dataset.h"

#include <algorithm>
#include <cmath>

#include "core/registry.h"
#include "core/shuffle.h"

namespace netlab {
namespace {

constexpr float kPi = 3.14159265358979f;

void Resize(Dataset& d, int n, int classes) {
  d.points.resize(n, 2);
  d.labels.resize(n, 1);
  d.classes = classes;
}

// Inner disc (label 1) inside radius 2.5, ring (label 0) between 3.5 and 5; noise jitters points.
void Circle(int n, float noise, Rng& rng, Dataset& d) {
  Resize(d, n, 2);
  const float radius = 5.0f;
  for (int i = 0; i < n; ++i) {
    bool inside = i < n / 2;
    float r = inside ? rng.Uniform(0.0f, 0.5f * radius) : rng.Uniform(0.7f * radius, radius);
    float angle = rng.Uniform(0.0f, 2.0f * kPi);
    float x = r * std::sin(angle) + rng.Uniform(-radius, radius) * noise * 0.5f;
    float y = r * std::cos(angle) + rng.Uniform(-radius, radius) * noise * 0.5f;
    d.points(i, 0) = x;
    d.points(i, 1) = y;
    // Label by the true distance so that noise can move points across the boundary, as in real data.
    d.labels(i, 0) = (x * x + y * y) < (0.6f * radius) * (0.6f * radius) ? 1.0f : 0.0f;
  }
}

// Quadrants: label 1 where x·y >= 0. Points keep a small margin from the axes before noise.
void Xor(int n, float noise, Rng& rng, Dataset& d) {
  Resize(d, n, 2);
  const float padding = 0.3f;
  for (int i = 0; i < n; ++i) {
    float x = rng.Uniform(-5.0f, 5.0f);
    x += x > 0 ? padding : -padding;
    float y = rng.Uniform(-5.0f, 5.0f);
    y += y > 0 ? padding : -padding;
    float nx = rng.Uniform(-5.0f, 5.0f) * noise * 0.5f, ny = rng.Uniform(-5.0f, 5.0f) * noise * 0.5f;
    d.points(i, 0) = x + nx;
    d.points(i, 1) = y + ny;
    d.labels(i, 0) = (x + nx) * (y + ny) >= 0.0f ? 1.0f : 0.0f;
  }
}

// Two isotropic Gaussians at (2, 2) (label 1) and (-2, -2) (label 0); noise widens them.
void TwoGaussians(int n, float noise, Rng& rng, Dataset& d) {
  Resize(d, n, 2);
  const float stddev = std::sqrt(0.5f + 3.5f * noise);
  for (int i = 0; i < n; ++i) {
    bool positive = i < n / 2;
    float c = positive ? 2.0f : -2.0f;
    d.points(i, 0) = rng.Normal(c, stddev);
    d.points(i, 1) = rng.Normal(c, stddev);
    d.labels(i, 0) = positive ? 1.0f : 0.0f;
  }
}

// Two interleaved arms r = 5 t, angle = 3.5 pi t (+ pi for the second arm).
void Spiral(int n, float noise, Rng& rng, Dataset& d) {
  Resize(d, n, 2);
  int half = n / 2;
  for (int i = 0; i < n; ++i) {
    bool second = i >= half;
    int k = second ? i - half : i;
    int count = second ? n - half : half;
    float t = float(k) / float(std::max(count, 1));
    float r = 5.0f * t;
    float angle = 1.75f * t * 2.0f * kPi + (second ? kPi : 0.0f);
    d.points(i, 0) = r * std::sin(angle) + rng.Uniform(-1.0f, 1.0f) * noise;
    d.points(i, 1) = r * std::cos(angle) + rng.Uniform(-1.0f, 1.0f) * noise;
    d.labels(i, 0) = second ? 0.0f : 1.0f;
  }
}

// Regression target (x + y) / 10, a tilted plane in [-1, 1]; noise is added to the target.
void RegressionPlane(int n, float noise, Rng& rng, Dataset& d) {
  Resize(d, n, 0);
  for (int i = 0; i < n; ++i) {
    float x = rng.Uniform(-kPlaneExtent, kPlaneExtent), y = rng.Uniform(-kPlaneExtent, kPlaneExtent);
    d.points(i, 0) = x;
    d.points(i, 1) = y;
    d.labels(i, 0) = (x + y) / 10.0f + rng.Uniform(-1.0f, 1.0f) * noise * 0.5f;
  }
}

// Regression target: a sum of six signed Gaussian bumps on a 3x2 grid.
void RegressionGaussians(int n, float noise, Rng& rng, Dataset& d) {
  Resize(d, n, 0);
  const float centers[6][3] = {{-4, 2.5f, -1}, {0, 2.5f, 1}, {4, 2.5f, -1},
                               {-4, -2.5f, 1}, {0, -2.5f, -1}, {4, -2.5f, 1}};
  for (int i = 0; i < n; ++i) {
    float x = rng.Uniform(-kPlaneExtent, kPlaneExtent), y = rng.Uniform(-kPlaneExtent, kPlaneExtent);
    float value = 0.0f;
    for (const auto& c : centers) {
      float dx = x - c[0], dy = y - c[1];
      value += c[2] * std::exp(-(dx * dx + dy * dy) / (2.0f * 1.5f * 1.5f));
    }
    d.points(i, 0) = x;
    d.points(i, 1) = y;
    d.labels(i, 0) = value + rng.Uniform(-1.0f, 1.0f) * noise * 0.5f;
  }
}

Dataset TakeRows(const Dataset& all, const std::vector<int>& rows, size_t begin, size_t end) {
  Dataset out;
  Resize(out, int(end - begin), all.classes);
  for (size_t i = begin; i < end; ++i) {
    out.points.row(Eigen::Index(i - begin)) = all.points.row(rows[i]);
    out.labels.row(Eigen::Index(i - begin)) = all.labels.row(rows[i]);
  }
  return out;
}

}  // namespace

const std::vector<DatasetKind>& DatasetKinds() {
  static const std::vector<DatasetKind> table = {
      {"circle", "Circle", false, Circle},
      {"xor", "Exclusive or", false, Xor},
      {"gaussians", "Two Gaussians", false, TwoGaussians},
      {"spiral", "Spiral", false, Spiral},
      {"regression_plane", "Regression: plane", true, RegressionPlane},
      {"regression_gaussians", "Regression: Gaussians", true, RegressionGaussians},
  };
  return table;
}

const DatasetKind* FindDatasetKind(const std::string& name) { return FindByName(DatasetKinds(), name); }
int DatasetKindIndex(const std::string& name) { return IndexByName(DatasetKinds(), name); }

DataSplit GenerateData(const DataConfig& config, Rng& rng) {
  const DatasetKind* kind = FindDatasetKind(config.kind);
  if (!kind) kind = &DatasetKinds()[0];
  Dataset all;
  kind->generate(config.samples, config.noise, rng, all);
  // Fisher-Yates shuffle, then the first part trains and the rest tests.
  std::vector<int> order(size_t(all.size()));
  for (size_t i = 0; i < order.size(); ++i) order[i] = int(i);
  Shuffle(order, rng);
  size_t train_count = size_t(std::lround(config.train_fraction * float(order.size())));
  train_count = std::clamp<size_t>(train_count, 1, order.size() - 1);
  DataSplit split{TakeRows(all, order, 0, train_count), TakeRows(all, order, train_count, order.size())};
  AddPaintedPoints(config.painted, kind->regression, split.train);
  return split;
}

void AddPaintedPoints(const std::vector<PaintedPoint>& painted, bool regression, Dataset& train) {
  const Eigen::Index first = train.size(), count = Eigen::Index(painted.size());
  train.points.conservativeResize(first + count, 2);
  train.labels.conservativeResize(first + count, 1);
  for (Eigen::Index i = 0; i < count; ++i) {
    const PaintedPoint& p = painted[size_t(i)];
    train.points(first + i, 0) = p.x;
    train.points(first + i, 1) = p.y;
    // A class is 0 or 1; a painted value between reads as the nearer class.
    train.labels(first + i, 0) = regression ? p.label : (p.label >= 0.5f ? 1.0f : 0.0f);
  }
}

}  // namespace netlab
