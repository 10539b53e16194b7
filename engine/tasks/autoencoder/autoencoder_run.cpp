// The deep autoencoder task (Hinton and Salakhutdinov 2006): pretraining, unrolling and fine-tuning one
// minibatch per step, reported against PCA with the same code size.
#include <algorithm>
#include <sstream>

#include "core/json_text.h"
#include "tasks/autoencoder/autoencoder_run.h"

namespace netlab {

AutoencoderRun::AutoencoderRun(const Config& config, const TaskData& data) : RunBase(config), data_(data) {
  epoch_rows_ = long(data_.train.labels.size());
  if (data.train.labels.empty() || data.test.labels.empty()) {
    error_ = "The data set has no training or test samples.";
    return;
  }
  DeepAutoencoderSettings settings;
  settings.hidden_sizes.clear();
  for (const LayerConfig& l : config.hidden) settings.hidden_sizes.push_back(l.units);
  settings.code_size = config.family.latent;
  settings.pretrain_epochs = config.family.pretrain_epochs;
  settings.pretrain_batch = settings.fine_tune_batch = config.batch_size;
  ApplyCdSettings(config, settings.rbm);
  trainer_.Reset(data.train.features, data.test.features, settings, rng_);
}

void AutoencoderRun::Step() {
  if (!error_.empty() || trainer_.done()) return;
  trainer_.Step(rng_);
  ++updates_;
  if (trainer_.phase() != DeepAutoencoderTrainer::Phase::pretraining && !trainer_.autoencoder().Parameters().empty())
    weight_norms_.Record(updates_, trainer_.autoencoder().Parameters());
}

double AutoencoderRun::Progress() const {
  if (!error_.empty()) return -1.0;
  if (trainer_.done()) return 1.0;
  const DbnPretrainer* pretrainer = trainer_.pretrainer();
  double planned = trainer_.settings().fine_tune_epochs, done = trainer_.fine_tune_epochs_done();
  if (pretrainer) {
    planned += double(pretrainer->layers()) * pretrainer->epochs();
    for (int layer = 0; layer < pretrainer->layers(); ++layer) done += pretrainer->EpochsDone(layer);
    if (!pretrainer->done()) done += pretrainer->EpochFraction();
  }
  return planned > 0.0 ? std::min(1.0, done / planned) : 1.0;
}

std::vector<NamedNetwork> AutoencoderRun::Networks() {
  if (!error_.empty() || trainer_.phase() == DeepAutoencoderTrainer::Phase::pretraining) return {};
  NamedNetwork named{"autoencoder", {}};
  NetworkInTraining& n = named.network;
  n.network = &trainer_.autoencoder();
  n.loss = FindLoss("sigmoid_bce");
  n.inputs = &data_.train.features;
  n.targets = &data_.train.features;
  n.step = updates_;
  n.copy = [this] { return trainer_.CopyOfAutoencoder(); };
  weight_norms_.AppendTo(n.gradient_norms);
  return {named};
}


std::string AutoencoderRun::ReportLine() {
  std::ostringstream line;
  if (trainer_.phase() == DeepAutoencoderTrainer::Phase::pretraining) {
    const DbnPretrainer& p = *trainer_.pretrainer();
    line << Prefix() << " phase=pretraining layer=" << p.layer() + 1 << " layer_epoch=" << p.EpochsDone(p.layer());
  } else {
    line << Prefix() << " phase=fine_tuning fine_tuning_epoch=" << trainer_.fine_tune_epochs_done() << " test_error=" << JsonNumber(trainer_.TestError())
         << " unrolled_error=" << JsonNumber(trainer_.UnrolledTestError())
         << " pca_error=" << JsonNumber(trainer_.PcaTestError());
  }
  return line.str();
}

}  // namespace netlab
