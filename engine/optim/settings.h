#pragma once
// What an optimizer and its learning-rate schedule are set to, as plain data (the Config holds one of
// each; optim/optimizer.h and optim/schedule.h act on them).
#include <cstdint>
#include <string>

namespace netlab {

struct OptimizerSettings {
  std::string kind = "adam";
  float learning_rate = 0.03f;
  float momentum = 0.9f;  // momentum: velocity decay
  float beta1 = 0.9f;     // Adam: first-moment decay
  float beta2 = 0.999f;   // Adam: second-moment decay
  float epsilon = 1e-8f;  // Adam, AdaGrad, RMSprop: denominator guard
  float rho = 0.9f;       // RMSprop: decay of the squared-gradient average
  float weight_decay = 0.01f;  // AdamW: decoupled decay, w <- w - eta * lambda * w
  float temperature = 1.0f;    // SGLD: 1 samples the posterior; below 1 a colder (sharper) one
  int training_samples = 1;    // SGLD: N, the training-set size (set by the trainer)
  uint64_t seed = 1;           // SGLD's noise stream (set from the config's seed)
};

struct ScheduleConfig {
  std::string kind = "constant";  // constant | step | exponential | cosine
  int decay_steps = 1000;         // step: period of each drop; exponential: e-folding-like scale; cosine: period
  float gamma = 0.5f;             // step/exponential: factor per decay_steps; cosine: floor as a share of eta0
  int warmup_steps = 0;           // any kind: a linear ramp to eta0 over these first updates, the kind after
};

}  // namespace netlab
