#pragma once
#include <algorithm>
#include <cmath>

#include "optim/settings.h"

namespace netlab {

// Learning rate at `step` for base rate eta0:
//   constant:    eta0
//   step:        eta0 * gamma^floor(step / decay_steps)
//   exponential: eta0 * gamma^(step / decay_steps)
//   cosine:      floor + (eta0 - floor) (1 + cos(pi min(step, T) / T)) / 2, floor = gamma eta0, T = decay_steps
//                (Loshchilov & Hutter 2017, without restarts)
inline float ScheduledLearningRate(const ScheduleConfig& s, float eta0, long step) {
  const double t = double(step) / double(std::max(1, s.decay_steps));
  if (s.kind == "step") return float(eta0 * std::pow(double(s.gamma), std::floor(t)));
  if (s.kind == "exponential") return float(eta0 * std::pow(double(s.gamma), t));
  if (s.kind == "cosine") {
    const double floor = double(s.gamma) * eta0;
    return float(floor + (eta0 - floor) * 0.5 * (1.0 + std::cos(3.141592653589793 * std::min(t, 1.0))));
  }
  return eta0;
}

}  // namespace netlab
