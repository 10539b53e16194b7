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
// With W = warmup_steps > 0, first a linear warm-up, eta0 (step + 1) / W for step < W (Goyal et al. 2017;
// GPT-2's and the transformer's usual start), then the kind above at step - W.
inline float ScheduledLearningRate(const ScheduleConfig& s, float eta0, long step) {
  if (s.warmup_steps > 0) {
    if (step < s.warmup_steps) return float(double(eta0) * double(step + 1) / double(s.warmup_steps));
    step -= s.warmup_steps;
  }
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
