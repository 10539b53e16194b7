#include "tasks/task_run.h"

#include <algorithm>

#include "core/shuffle.h"
#include "tasks/attention/attention_run.h"
#include "tasks/dqn/dqn_run.h"
#include "tasks/gumbel_vae/gumbel_vae_run.h"
#include "tasks/sbn/sbn_run.h"
#include "tasks/lesson_runs.h"

namespace netlab {

bool FamilyRun::NextBatch(const Matrix& rows, Matrix& batch) {
  if (order_.size() != size_t(rows.rows())) {
    order_.resize(size_t(rows.rows()));
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = int(i);
    Shuffle(order_, rng_);
    cursor_ = 0;
  }
  const int size = int(std::min<size_t>(size_t(config_.batch_size), order_.size()));
  batch.resize(size, rows.cols());
  batch_rows_.resize(size_t(size));
  bool ended = false;
  for (int i = 0; i < size; ++i) {
    if (cursor_ >= order_.size()) {
      Shuffle(order_, rng_);
      cursor_ = 0;
    }
    batch_rows_[size_t(i)] = order_[cursor_++];
    batch.row(i) = rows.row(batch_rows_[size_t(i)]);
    if (cursor_ == order_.size()) {
      ended = true;
      ++epochs_done_;
    }
  }
  return ended;
}

long FamilyRun::EpochBatches(size_t rows) const {
  const long batch = std::max(1, config_.batch_size);
  return std::max(1L, (long(rows) + batch - 1) / batch);
}

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

std::unique_ptr<FamilyRun> MakeFamilyRun(const Config& config, const TaskData& data) {
  if (config.task == "rbm") return std::make_unique<RbmRun>(config, data);
  if (config.task == "vae") return std::make_unique<VaeRun>(config, data);
  if (config.task == "gan") return std::make_unique<GanRun>(config);
  if (config.task == "sequence") return std::make_unique<SequenceRun>(config);
  if (config.task == "dbn") return std::make_unique<DbnRun>(config, data);
  if (config.task == "autoencoder") return std::make_unique<AutoencoderRun>(config, data);
  if (config.task == "sbn") return std::make_unique<SbnRun>(config, data);
  if (config.task == "dqn") return std::make_unique<DqnRun>(config);
  if (config.task == "attention") return std::make_unique<AttentionRun>(config);
  if (config.task == "gumbel-vae") return std::make_unique<GumbelVaeRun>(config, data);
  return MakeLessonRun(config, data);
}

}  // namespace netlab
