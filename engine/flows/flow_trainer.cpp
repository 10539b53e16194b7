#include "flows/flow_trainer.h"

#include <cmath>

#include "flows/coupling_layer.h"
#include "flows/planar_flow.h"
#include "flows/targets.h"

namespace netlab {

std::string FlowSettingsError(const FlowSettings& s) {
  if (s.kind != "planar" && s.kind != "additive_coupling" && s.kind != "affine_coupling")
    return "unknown flow '" + s.kind + "' (planar, additive_coupling or affine_coupling)";
  if (s.layers < 1 || s.layers > 64) return "a flow needs between 1 and 64 layers";
  if (s.kind != "planar" && (s.hidden < 1 || s.hidden > 256)) return "coupling networks need 1 to 256 hidden units";
  if (!(s.learning_rate > 0.0) || !std::isfinite(s.learning_rate)) return "the learning rate must be above 0";
  if (s.batch_size < 1 || s.batch_size > 100000) return "the batch size must be between 1 and 100000";
  return FlowTargetError(s.target, s.drawn);
}

FlowTrainer::FlowTrainer(const FlowSettings& settings) : settings_(settings) { Reset(1); }

void FlowTrainer::Reset(uint64_t seed) {
  flow_ = Flow();
  rng_ = Rng(seed);
  steps_ = 0;
  last_log_likelihood_ = 0.0;
  error_ = FlowSettingsError(settings_);
  if (!error_.empty()) return;
  // The elementwise affine first: it standardises the data's scale and offset for the layers after it.
  flow_.Add(std::make_unique<ElementwiseAffine>());
  for (int l = 0; l < settings_.layers; ++l) {
    if (settings_.kind == "planar") {
      flow_.Add(std::make_unique<PlanarFlow>(0.5 * rng_.Normal(), 0.5 * rng_.Normal(), rng_.Normal(), rng_.Normal(),
                                             0.5 * rng_.Normal()));
    } else {
      flow_.Add(std::make_unique<CouplingLayer>(l % 2, settings_.hidden, settings_.kind == "affine_coupling", rng_));
    }
  }
  first_moment_.clear();
  second_moment_.clear();
  for (const auto& layer : flow_.layers()) {
    first_moment_.emplace_back(layer->parameters().size(), 0.0);
    second_moment_.emplace_back(layer->parameters().size(), 0.0);
  }
}

void FlowTrainer::Step() {
  if (!error_.empty()) return;
  std::vector<Point2> batch(size_t(settings_.batch_size));
  for (Point2& p : batch) p = SampleFlowTarget(settings_.target, settings_.drawn, rng_);
  std::vector<std::vector<double>> gradient;
  last_log_likelihood_ = flow_.MeanLogDensity(batch, gradient);
  if (!std::isfinite(last_log_likelihood_)) return;  // a divergent batch takes no step
  ++steps_;
  // Adam ascends the log-likelihood: θ ← θ + η m̂ / (√v̂ + ε).
  const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  const double c1 = 1.0 - std::pow(beta1, double(steps_)), c2 = 1.0 - std::pow(beta2, double(steps_));
  for (size_t l = 0; l < gradient.size(); ++l) {
    std::vector<double>& theta = flow_.layers()[l]->parameters();
    for (size_t i = 0; i < theta.size(); ++i) {
      const double g = gradient[l][i];
      first_moment_[l][i] = beta1 * first_moment_[l][i] + (1.0 - beta1) * g;
      second_moment_[l][i] = beta2 * second_moment_[l][i] + (1.0 - beta2) * g * g;
      theta[i] += settings_.learning_rate * (first_moment_[l][i] / c1) / (std::sqrt(second_moment_[l][i] / c2) + epsilon);
    }
  }
}

}  // namespace netlab
