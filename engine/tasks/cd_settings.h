#pragma once
// The config's contrastive-divergence settings, shared by the tasks that train RBMs (rbm, dbn,
// autoencoder, sbn).
#include "config/config.h"
#include "boltzmann/dbn.h"
#include "boltzmann/rbm.h"

namespace netlab {

// The config's contrastive-divergence settings (RBM, DBN, autoencoder pretraining) into `settings`:
// CD-k and persistence from the family keys, the step and momentum from the optimizer, weight decay from
// L2. Fields the config does not name (such as sample_visible) keep their values.
void ApplyCdSettings(const Config& config, RbmTrainingSettings& settings);
// Greedy pretraining of the dense layers' sizes (DBN, sigmoid belief net lesson): pretrain_epochs per RBM,
// the config's minibatch and CD settings.
DbnPretraining DbnPretrainingOf(const Config& config);

}  // namespace netlab
