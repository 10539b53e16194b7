#pragma once
// The GAN task (models/gan.h) on a ring of 8 Gaussians: the generator's hidden units = the dense layer's,
// the discriminator's width and learning rate from the family keys, noise size = latent.
#include <memory>
#include <string>
#include <vector>

#include "models/gan.h"
#include "data/task_data.h"
#include "tasks/run_base.h"
#include "networks/network_in_training.h"

namespace netlab {

class GanRun : public RunBase {
 public:
  // Draws its own data: the TaskData the table passes every run is not read.
  GanRun(const Config& config, const TaskData& unused);
  void Step() override;
  // "step=N discriminator_loss=.. generator_loss=.. mode_distance=.. modes_covered=..".
  std::string ReportLine() override;
  std::vector<Matrix*> Parameters() override;
  bool ExportOnnx(std::string& bytes, std::string& error) override;
  // train.py, notebook.ipynb, data.csv, weights.json and a README (tasks/gan/gan_pytorch.cpp).
  std::string PytorchRefusal() const override;
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;
  // The generator through a frozen discriminator and the discriminator on a fixed batch of real and
  // generated points: the two losses a step descends.
  std::vector<NamedNetwork> Networks() override;
  Gan& gan() { return *gan_; }
  double discriminator_loss() const { return discriminator_loss_; }
  static constexpr int kModes = 8;
  static constexpr float kRadius = 2.0f, kSpread = 0.05f;  // Metz et al. 2017's ring
  static constexpr int kReportPoints = 1000;       // the generated points a report measures
  static constexpr uint64_t kReportNoiseSeed = 777;  // their noise's fixed stream
  // The run's Rng after it drew the initial weights: where its real points and noise start.
  uint64_t stream_start() const { return stream_start_; }

 private:
  std::unique_ptr<Gan> gan_;
  double discriminator_loss_ = 0.0;
  uint64_t stream_start_ = 0;
  GradientNormHistory generator_norms_, discriminator_norms_;  // every few updates, for the Layers tab
};

}  // namespace netlab
