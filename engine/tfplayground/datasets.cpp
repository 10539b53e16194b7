#include "tfplayground/datasets.h"

#include <cmath>

namespace netlab {
namespace tfplayground {
namespace {

constexpr double kPi = 3.141592653589793;  // Math.PI: the double nearest pi

// d3 v3's linear scale from domain [d0, d1] to range [r0, r1]: t = (x - d0) / (d1 - d0), then
// interpolateNumber's r0 * (1 - t) + r1 * t; `clamp` limits t to [0, 1] first.
double LinearScale(double x, double d0, double d1, double r0, double r1, bool clamp = false) {
  double t = (x - d0) / (d1 - d0);
  if (clamp) t = std::max(0.0, std::min(1.0, t));
  return r0 * (1 - t) + r1 * t;
}

double Uniform(SeedRandom& random, double a, double b) { return random.Next() * (b - a) + a; }

// Marsaglia's polar method as dataset.ts writes it: one normal value per accepted pair.
double Normal(SeedRandom& random, double mean, double variance) {
  double v1, v2, s;
  do {
    v1 = 2 * random.Next() - 1;
    v2 = 2 * random.Next() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  const double result = std::sqrt(-2 * std::log(s) / s) * v1;
  return mean + std::sqrt(variance) * result;
}

double Distance(double ax, double ay, double bx, double by) {
  const double dx = ax - bx, dy = ay - by;
  return std::sqrt(dx * dx + dy * dy);
}

void Circle(int n, double noise, SeedRandom& random, std::vector<Point>& points) {
  const double radius = 5;
  // Inside (r < 2.5) then outside (3.5 <= r < 5); the label is read at the noisy position.
  for (int part = 0; part < 2; ++part)
    for (int i = 0; i < n / 2.0; ++i) {
      const double r = part == 0 ? Uniform(random, 0, radius * 0.5) : Uniform(random, radius * 0.7, radius);
      const double angle = Uniform(random, 0, 2 * kPi);
      const double x = r * std::sin(angle), y = r * std::cos(angle);
      const double noise_x = Uniform(random, -radius, radius) * noise;
      const double noise_y = Uniform(random, -radius, radius) * noise;
      const double label = Distance(x + noise_x, y + noise_y, 0, 0) < radius * 0.5 ? 1 : -1;
      points.push_back({x, y, label});
    }
}

void Xor(int n, double noise, SeedRandom& random, std::vector<Point>& points) {
  const double padding = 0.3;  // keeps points off the axes
  for (int i = 0; i < n; ++i) {
    double x = Uniform(random, -5, 5);
    x += x > 0 ? padding : -padding;
    double y = Uniform(random, -5, 5);
    y += y > 0 ? padding : -padding;
    const double noise_x = Uniform(random, -5, 5) * noise;
    const double noise_y = Uniform(random, -5, 5) * noise;
    points.push_back({x, y, (x + noise_x) * (y + noise_y) >= 0 ? 1.0 : -1.0});
  }
}

void TwoGaussians(int n, double noise, SeedRandom& random, std::vector<Point>& points) {
  const double variance = LinearScale(noise, 0, 0.5, 0.5, 4);
  const double centres[2][3] = {{2, 2, 1}, {-2, -2, -1}};
  for (const auto& c : centres)
    for (int i = 0; i < n / 2.0; ++i) {
      const double x = Normal(random, c[0], variance);
      const double y = Normal(random, c[1], variance);
      points.push_back({x, y, c[2]});
    }
}

void Spiral(int n_samples, double noise, SeedRandom& random, std::vector<Point>& points) {
  const double n = n_samples / 2.0;
  for (int arm = 0; arm < 2; ++arm) {
    const double delta_t = arm == 0 ? 0 : kPi, label = arm == 0 ? 1 : -1;
    for (int i = 0; i < n; ++i) {
      const double r = i / n * 5;
      const double t = 1.75 * i / n * 2 * kPi + delta_t;
      const double x = r * std::sin(t) + Uniform(random, -1, 1) * noise;
      const double y = r * std::cos(t) + Uniform(random, -1, 1) * noise;
      points.push_back({x, y, label});
    }
  }
}

// Both regression sets draw x, y and a noise offset uniformly in [-6, 6) and label the noisy position.
template <class Label>
void Regression(int n, double noise, SeedRandom& random, std::vector<Point>& points, Label label) {
  const double radius = 6;
  for (int i = 0; i < n; ++i) {
    const double x = Uniform(random, -radius, radius);
    const double y = Uniform(random, -radius, radius);
    const double noise_x = Uniform(random, -radius, radius) * noise;
    const double noise_y = Uniform(random, -radius, radius) * noise;
    points.push_back({x, y, label(x + noise_x, y + noise_y)});
  }
}

double PlaneLabel(double x, double y) { return LinearScale(x + y, -10, 10, -1, 1); }

// The label of the Gaussian bump (1 at its centre, 0 from distance 2) largest in absolute value.
double GaussiansLabel(double x, double y) {
  const double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0;
  for (const auto& b : bumps) {
    const double candidate = b[2] * LinearScale(Distance(x, y, b[0], b[1]), 0, 2, 1, 0, true);
    if (std::fabs(candidate) > std::fabs(label)) label = candidate;
  }
  return label;
}

}  // namespace

std::vector<Point> Generate(const std::string& name, int samples, double noise, SeedRandom& random) {
  std::vector<Point> points;
  points.reserve(size_t(samples));
  if (name == "circle") Circle(samples, noise, random, points);
  else if (name == "xor") Xor(samples, noise, random, points);
  else if (name == "gauss") TwoGaussians(samples, noise, random, points);
  else if (name == "spiral") Spiral(samples, noise, random, points);
  else if (name == "reg-plane") Regression(samples, noise, random, points, PlaneLabel);
  else if (name == "reg-gauss") Regression(samples, noise, random, points, GaussiansLabel);
  return points;
}

void Shuffle(std::vector<Point>& points, SeedRandom& random) {
  for (size_t counter = points.size(); counter > 0;) {
    const size_t index = size_t(std::floor(random.Next() * double(counter)));
    --counter;
    std::swap(points[counter], points[index]);
  }
}

}  // namespace tfplayground
}  // namespace netlab
