#pragma once
// The deep autoencoder task (models/deep_autoencoder.h): the dense layers' sizes, then a linear code of
// `latent` units, pretrained, unrolled and fine-tuned; measured against PCA with the same code size.
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "networks/network_in_training.h"
#include "boltzmann/deep_autoencoder.h"
#include "tasks/run_base.h"
#include "tasks/cd_settings.h"

namespace netlab {

class AutoencoderRun : public RunBase {
 public:
  AutoencoderRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E phase=pretraining layer=.. layer_epoch=..", then "phase=fine_tuning
  // fine_tuning_epoch=.. test_error=.. unrolled_error=.. pca_error=..".
  std::string ReportLine() override;
  // Once unrolled, the autoencoder against what fine-tuning minimises: the cross-entropy between the
  // pixels and sigma(logits) of the reconstruction (the inputs are their own targets). None while the
  // RBMs are pretrained: contrastive divergence follows no loss a gradient check could differentiate.
  std::vector<NamedNetwork> Networks() override;
  // Epochs done of pretraining (every layer's) and fine-tuning, of all the settings plan.
  double Progress() const override;
  bool Ended() const override { return trainer_.done(); }
  DeepAutoencoderTrainer& trainer() { return trainer_; }
  const TaskData& data() const { return data_; }
  // The run's stream as it stands (at the start: where the export begins).
  uint64_t rng_state() const { return rng_.state(); }
  std::string PytorchRefusal() const override;
  // The run from its beginning (a fresh run of the same config): pretraining's state is not written out.
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;

 private:
  const TaskData& data_;
  DeepAutoencoderTrainer trainer_;
  GradientNormHistory weight_norms_;  // the fine-tuned weights' gradient norms, every few updates
};

}  // namespace netlab
