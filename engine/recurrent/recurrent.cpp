#include "recurrent/recurrent.h"

#include <cmath>

namespace netlab {

double ClipGradientNorm(const std::vector<ParameterRef>& parameters, double max_norm) {
  double squared = 0.0;
  for (const ParameterRef& p : parameters) squared += p.gradient->cast<double>().squaredNorm();
  const double norm = std::sqrt(squared);
  if (norm > max_norm && norm > 0.0) {
    const float scale = float(max_norm / norm);
    for (const ParameterRef& p : parameters) *p.gradient *= scale;
  }
  return norm;
}

}  // namespace netlab
