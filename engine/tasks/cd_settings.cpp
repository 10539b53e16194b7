#include "tasks/cd_settings.h"

namespace netlab {

void ApplyCdSettings(const Config& config, RbmTrainingSettings& settings) {
  settings.gibbs_steps = config.family.cd_k;
  settings.persistent = config.family.persistent;
  settings.learning_rate = config.optimizer.learning_rate;
  settings.momentum = config.optimizer.momentum;
  settings.weight_decay = config.regularization.l2;
}

DbnPretraining DbnPretrainingOf(const Config& config) {
  DbnPretraining settings;
  for (const LayerConfig& l : config.hidden) settings.hidden_sizes.push_back(l.units);
  settings.epochs = config.family.pretrain_epochs;
  settings.batch_size = config.batch_size;
  ApplyCdSettings(config, settings.rbm);
  return settings;
}

}  // namespace netlab
