#pragma once
// The 2-D playground as a task's run (train/task_run.h): the Trainer (train/trainer.h) on points in the
// plane, or TF Playground's own experiment for a TF Playground link. A step is one minibatch update (in
// TF Playground mode one of its epochs); the report line is the one netlab-headless has always printed
// for the playground: "step=N epoch=E train_loss=... test_loss=... train_accuracy=... test_accuracy=...".
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "train/task_run.h"
#include "train/trainer.h"

namespace netlab {

class PlaygroundRun : public TaskRun {
 public:
  // Draws its own points: the TaskData the table passes every run is not read.
  PlaygroundRun(const Config& config, const TaskData&) : trainer_(std::make_unique<Trainer>(config)) {}
  // The run of a trainer built elsewhere (the page's, restored from a kept run).
  explicit PlaygroundRun(std::unique_ptr<Trainer> trainer) : trainer_(std::move(trainer)) {}

  const Config& config() const override { return trainer_->config(); }
  void Step() override { trainer_->Step(); }
  long steps() const override { return trainer_->step(); }
  // TF Playground mode reports each of its epochs, as TF Playground draws them.
  long StepsPerReport() const override { return trainer_->tf_playground() ? 1 : 100; }
  long StepsPerEpoch() const override;
  std::string ReportLine() override;
  std::string diverged() const override { return trainer_->diverged(); }
  std::vector<NamedNetwork> Networks() override;
  std::vector<Matrix*> Parameters() override;
  bool ExportOnnx(std::string& bytes, std::string& error) override;
  bool Predict(const Matrix& inputs, Matrix& outputs, std::string& error) override;
  std::string HistoryCsv() const override;
  std::string DatasetCsv() const override;
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;
  std::string PytorchRefusal() const override;

  Trainer& trainer() { return *trainer_; }

 private:
  std::unique_ptr<Trainer> trainer_;
};

// The playground's report line for `trainer` as it stands (evaluating it): PlaygroundRun::ReportLine, for
// the page, whose trainer is its own (it may train on a thread of its own).
std::string PlaygroundReportLine(Trainer& trainer);

// The playground's own checks (the task table's validate): a 2-D data set of the registry, known input
// features, a regression loss for regression data.
std::string ValidatePlayground(const Config& config);

}  // namespace netlab
