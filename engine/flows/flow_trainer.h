#pragma once
// The flow lesson's experiment: build a planar or coupling flow from plain settings and fit it to a 2-D
// target by exact maximum likelihood, each step on a fresh batch of target samples, with Adam
// (Kingma & Ba 2015).
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.h"
#include "flows/flow.h"

namespace netlab {

struct FlowSettings {
  std::string kind = "affine_coupling";  // "planar", "additive_coupling" (NICE) or "affine_coupling" (RealNVP)
  int layers = 6;                        // planar or coupling layers, before the final elementwise affine
  int hidden = 16;                       // coupling layers: width of the s, t network
  double learning_rate = 0.01;
  int batch_size = 256;
  std::string target = "two_moons";      // see flows/targets.h
  std::vector<Point2> drawn;             // the user's points for target "drawn"
};

// Empty when the settings can build and train a flow, else the first problem found.
std::string FlowSettingsError(const FlowSettings& settings);

class FlowTrainer {
 public:
  explicit FlowTrainer(const FlowSettings& settings);
  void Reset(uint64_t seed);
  void Step();  // one Adam step on a fresh batch; does nothing while error() is not empty

  // Changes the step size between steps (a slider, or a schedule), keeping Adam's moments.
  void set_learning_rate(double learning_rate) { settings_.learning_rate = learning_rate; }
  const std::string& error() const { return error_; }
  const Flow& flow() const { return flow_; }
  long steps() const { return steps_; }
  double last_log_likelihood() const { return last_log_likelihood_; }  // mean log p(x) of the last batch

 private:
  FlowSettings settings_;
  std::string error_;
  Flow flow_;
  Rng rng_;
  std::vector<std::vector<double>> first_moment_, second_moment_;
  long steps_ = 0;
  double last_log_likelihood_ = 0.0;
};

}  // namespace netlab
