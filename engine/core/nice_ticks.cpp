#include "core/nice_ticks.h"

#include <cmath>

namespace netlab {

std::vector<double> NiceTicks(double low, double high, int most) {
  std::vector<double> ticks;
  if (!(high > low) || most < 1) return ticks;
  // The smallest step of 1, 2, 5 or 10 times the power of ten below (high - low) / most that leaves at
  // most `most` intervals.
  const double rough = (high - low) / double(most);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power;
  for (double factor : {1.0, 2.0, 5.0, 10.0})
    if (factor * power >= rough) {
      step = factor * power;
      break;
    }
  // Multiples of the step, counted rather than summed so that 0.1 + 0.1 + 0.1 does not drift; a value
  // within rounding of zero is written 0, not -1e-17.
  for (double k = std::ceil(low / step); k * step <= high + step * 1e-9; k += 1.0) {
    const double t = k * step;
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

}  // namespace netlab
