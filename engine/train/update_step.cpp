#include "train/update_step.h"

#include "optim/regularization.h"
#include "optim/schedule.h"

namespace netlab {

UpdateResult ApplyUpdate(const Config& config, Optimizer& optimizer, const std::vector<ParameterRef>& parameters,
                         long step, std::vector<float>& layer_gradient_norms) {
  UpdateResult result;
  const RegularizationConfig& reg = config.regularization;
  AddWeightPenalties(parameters, reg.l1, reg.l2);
  layer_gradient_norms.clear();
  for (const ParameterRef& p : parameters)
    if (p.is_weight) layer_gradient_norms.push_back(p.gradient->norm());
  result.gradient_norm = ClipGradientNorm(parameters, reg.clip_norm);
  OptimizerSettings settings = config.optimizer;
  settings.learning_rate = ScheduledLearningRate(config.schedule, config.optimizer.learning_rate, step);
  optimizer.SetSettings(settings);
  optimizer.Step(parameters);
  result.diverged = NonFiniteParameters(parameters, step + 1);
  return result;
}

std::string NonFiniteParameters(const std::vector<ParameterRef>& parameters, long step) {
  for (const ParameterRef& p : parameters)
    if (!p.value->allFinite())
      return "Training diverged at step " + std::to_string(step) +
             ": a weight became NaN or infinite. Lower the learning rate and press Reset.";
  return "";
}

}  // namespace netlab
