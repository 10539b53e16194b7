#pragma once
// Weight initializers as a registry. Each fills a (fan_in x fan_out) weight matrix; biases start at 0.
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

struct Initializer {
  const char* name;
  const char* label;
  const char* formula;
  // `scale` is the user's knob for the fixed-scale initializers (a for U(-a,a), sigma for N(0,sigma));
  // the fan-based ones ignore it.
  void (*fill)(Matrix& weights, float scale, Rng& rng);
};

const std::vector<Initializer>& Initializers();
const Initializer* FindInitializer(const std::string& name);
int InitializerIndex(const std::string& name);

}  // namespace netlab
