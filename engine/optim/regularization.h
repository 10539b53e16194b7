#pragma once
#include <cmath>
#include <vector>

#include "optim/optimizer.h"

namespace netlab {

// Gradients of the penalties l1 |w|_1 + (l2 / 2) |w|², added to the weights' gradients (not biases).
inline void AddWeightPenalties(const std::vector<ParameterRef>& parameters, float l1, float l2) {
  if (l1 == 0.0f && l2 == 0.0f) return;
  for (const ParameterRef& p : parameters) {
    if (!p.is_weight) continue;
    if (l2 != 0.0f) *p.gradient += l2 * *p.value;
    if (l1 != 0.0f)
      *p.gradient += l1 * p.value->unaryExpr([](float w) { return w > 0.0f ? 1.0f : (w < 0.0f ? -1.0f : 0.0f); });
  }
}

// Global-norm clipping (Pascanu et al. 2013): if |g| > max_norm, g <- g * max_norm / |g|.
// Returns the norm before clipping; max_norm <= 0 only measures.
inline double ClipGradientNorm(const std::vector<ParameterRef>& parameters, float max_norm) {
  double squared = 0.0;
  for (const ParameterRef& p : parameters) squared += p.gradient->cast<double>().squaredNorm();
  const double norm = std::sqrt(squared);
  if (max_norm > 0.0f && norm > double(max_norm)) {
    const float scale = float(double(max_norm) / norm);
    for (const ParameterRef& p : parameters) *p.gradient *= scale;
  }
  return norm;
}

}  // namespace netlab
