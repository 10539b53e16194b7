#pragma once
// The RBM task: a binary RBM (models/rbm.h) on the task's images or rows: hidden units = the one dense
// layer's, CD-k or persistent CD (the family keys), the step and momentum from the optimizer settings,
// weight decay from L2; a report is an epoch.
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "boltzmann/rbm.h"
#include "tasks/run_base.h"
#include "tasks/cd_settings.h"

namespace netlab {

class RbmRun : public RunBase {
 public:
  RbmRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E test_reconstruction_error=..": the mean squared error of one Gibbs step from the test rows.
  std::string ReportLine() override;
  std::vector<Matrix*> Parameters() override { return {&rbm_.weights, &rbm_.visible_bias, &rbm_.hidden_bias}; }
  Rbm& rbm() { return rbm_; }
  RbmTrainingSettings& settings() { return settings_; }
  double TestReconstructionError() const { return rbm_.ReconstructionError(data_.test.features); }
  const TaskData& data() const { return data_; }
  // train.py, notebook.ipynb, data.csv, weights.json and a README (tasks/rbm/rbm_pytorch.cpp), from where
  // the run's stream stands (rng_state: after the initial weights, before any step).
  std::string PytorchRefusal() const override;
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;
  uint64_t rng_state() const { return rng_.state(); }

 private:
  const TaskData& data_;
  Rbm rbm_;
  RbmTrainingSettings settings_;
  Matrix batch_;
};

}  // namespace netlab
