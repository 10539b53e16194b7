#pragma once
// The sequence task: an LSTM, GRU or plain RNN (the one recurrent layer) continuing sine waves
// (recurrent/sequence_task.h).
#include <memory>
#include <string>
#include <vector>

#include "optim/optimizer.h"
#include "recurrent/sequence_task.h"
#include "data/task_data.h"
#include "tasks/run_base.h"
#include "train/averaged_series.h"
#include "networks/network_in_training.h"

namespace netlab {

class SequenceRun : public RunBase {
 public:
  // Draws its own data: the TaskData the table passes every run is not read.
  SequenceRun(const Config& config, const TaskData& unused);
  void Step() override;
  // "step=N train_loss=.. validation_loss=.. gradient_norm=..": mean squared errors on the waves.
  std::string ReportLine() override;
  std::vector<Matrix*> Parameters() override { return ValuesOf(model_->parameters()); }
  bool ExportOnnx(std::string& bytes, std::string& error) override;
  std::string PytorchRefusal() const override;
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;
  // The recurrent layer the config asks for (its one layer), or the LSTM of 16 units when it names none.
  static LayerConfig Cell(const Config& config);
  // The run's generator where it stood after drawing the initial weights: the training waves' stream.
  uint64_t wave_stream_start() const { return wave_stream_start_; }
  // The validation waves' own generator's seed and their count (validation_loss reads them).
  static constexpr uint64_t kValidationSeed = 4242;
  static constexpr int kValidationWaves = 64;
  const SineBatch& validation() const { return validation_; }
  SineRegressor& model() { return *model_; }
  double last_loss() const { return last_.loss; }
  double last_gradient_norm() const { return last_.gradient_norm; }
  double first_loss() const { return first_loss_; }
  // Whether the last step's gradient norm was over the clipping limit (and so cut to it).
  bool clipped() const;
  // Mean squared error on a fixed set of 64 waves (its own seed), without learning.
  double ValidationLoss();
  // The training loss and the gradient norm before clipping over the updates, for the plot.
  const AveragedSeries& loss_history() const { return loss_history_; }
  const AveragedSeries& gradient_history() const { return gradient_history_; }
  // The cell and its readout against the mean squared error through time of 8 fixed training waves.
  std::vector<NamedNetwork> Networks() override;

 private:
  std::unique_ptr<SineRegressor> model_;
  std::unique_ptr<Optimizer> optimizer_;
  SineBatch batch_, validation_;
  SineRegressor::Step last_{0.0, 0.0, true};
  double first_loss_ = 0.0;
  uint64_t wave_stream_start_ = 0;
  AveragedSeries loss_history_, gradient_history_;
  GradientNormHistory weight_norms_;
};

}  // namespace netlab
