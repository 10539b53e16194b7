#pragma once
// The VAE task (models/vae.h): hidden units = the dense layer's, latent size and KL weight from the
// family keys, the optimizer's settings; a report is an epoch.
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "models/vae.h"
#include "optim/optimizer.h"
#include "tasks/run_base.h"
#include "networks/network_in_training.h"

namespace netlab {

class VaeRun : public RunBase {
 public:
  VaeRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E test_loss=.. reconstruction=.. kl=..": the test set's -ELBO per row and its two terms.
  std::string ReportLine() override;
  std::vector<Matrix*> Parameters() override { return ValuesOf(parameters_); }
  bool ExportOnnx(std::string& bytes, std::string& error) override;
  // train.py, notebook.ipynb, data.csv, weights.json and a README (tasks/vae/vae_pytorch.cpp).
  std::string PytorchRefusal() const override;
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;
  // The encoder and the decoder, each against the -ELBO of 16 training rows with its noise held fixed.
  std::vector<NamedNetwork> Networks() override;
  Vae& vae() { return vae_; }
  // -ELBO and its two terms on up to 500 test rows, with noise from a fixed stream (comparable over time).
  double TestLoss(double* reconstruction = nullptr, double* kl = nullptr);
  static constexpr int kTestRows = 500;          // the test rows TestLoss reads (at most)
  static constexpr uint64_t kTestNoiseSeed = 12345;  // its fixed stream of noise
  const TaskData& data() const { return data_; }
  // The run's Rng after it drew the initial weights: where its minibatches and noise start.
  uint64_t stream_start() const { return stream_start_; }

 private:
  const TaskData& data_;
  Vae vae_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  Matrix batch_;
  uint64_t stream_start_ = 0;
  GradientNormHistory encoder_norms_, decoder_norms_;  // every few updates, for the Layers tab
};

}  // namespace netlab
