#pragma once
// The DBN task: greedy layer-wise RBM pretraining of the dense layers' sizes (models/dbn.h), then a
// classifier fine-tuned from the pretrained weights.
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "models/dbn.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "tasks/run_base.h"
#include "tasks/cd_settings.h"

namespace netlab {

class DbnRun : public RunBase {
 public:
  DbnRun(const Config& config, const TaskData& data);
  void Step() override;
  long StepsPerReport() const override { return StepsPerEpoch(); }
  long StepsPerEpoch() const override;
  std::string ReportLine() override;
  DbnPretrainer& pretrainer() { return *pretrainer_; }
  bool fine_tuning() const { return pretrainer_->done(); }
  Network& classifier() { return classifier_; }
  double TestAccuracy();

 private:
  const TaskData& data_;
  std::unique_ptr<DbnPretrainer> pretrainer_;
  Network classifier_;
  std::unique_ptr<Optimizer> optimizer_;
  Matrix batch_;
  std::vector<int> batch_labels_;
};

}  // namespace netlab
