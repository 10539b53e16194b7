#pragma once
// TF Playground's data (tensorflow/playground src/dataset.ts), point for point: the same generators
// drawing from the same Math.random stream in the same order, and its Fisher-Yates shuffle.
#include <string>
#include <vector>

#include "tfplayground/seed_random.h"

namespace netlab {
namespace tfplayground {

struct Point {
  double x, y, label;  // label: ±1 for classification, in [-1, 1] for regression
};

// `name`: circle | xor | gauss | spiral | reg-plane | reg-gauss; `noise` in [0, 0.8] (percent / 100).
std::vector<Point> Generate(const std::string& name, int samples, double noise, SeedRandom& random);
// dataset.ts shuffle: for counter = n..1, swap element counter-1 with floor(random * counter).
void Shuffle(std::vector<Point>& points, SeedRandom& random);

}  // namespace tfplayground
}  // namespace netlab
