#pragma once
// The attention lesson (task `attention`, data `reverse`) as a run the page and the headless trainer
// step alike: ReverseAttention (attention/reverse_attention.h) with `sequence_length` tokens out of a
// vocabulary of `vocabulary` (8 by default), the dense layer's units as the model width, trained by the config's optimizer on fresh
// random sequences (a minibatch of `batch_size` per step). A report is 200 steps, measured on a fixed set
// of 200 test sequences.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "attention/reverse_attention.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/run_base.h"

namespace netlab {

class AttentionRun : public RunBase {
 public:
  // Draws its own data: the TaskData the table passes every run is not read.
  AttentionRun(const Config& config, const TaskData& unused);
  void Step() override;
  // "step=N train_loss=.. test_loss=.. test_accuracy=.. anti_diagonal=..": the attention weight on the
  // token a reversal must read.
  std::string ReportLine() override;
  // 1,000 updates: the example reverses every test sequence by update 500 (test_accuracy=1, attention
  // 0.98 on the anti-diagonal) and sharpens after; Continue trains on.
  double Progress() const override { return error_.empty() ? std::min(1.0, double(updates_) / 1000.0) : -1.0; }
  std::vector<Matrix*> Parameters() override { return model_ ? ValuesOf(model_->Parameters()) : std::vector<Matrix*>(); }

  static constexpr int kMaxVocabulary = 32, kMaxLength = 12;
  int vocabulary() const { return vocabulary_; }
  ReverseAttention& model() { return *model_; }
  const std::vector<std::vector<int>>& test() const { return test_; }
  double last_loss() const { return last_loss_; }
  // The test sequences' own stream, apart from the training draws (as workbench/task_data.h's DataSeed).
  static uint64_t DataSeedOf(uint64_t seed);

 private:
  std::unique_ptr<ReverseAttention> model_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  std::vector<std::vector<int>> test_;
  double last_loss_ = 0.0;
  int vocabulary_ = 8;
};

}  // namespace netlab
