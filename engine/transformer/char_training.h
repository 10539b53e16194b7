#pragma once
// Training the character transformer on one token stream, llm.c's loop: draw a batch, forward, backward,
// update. Each step takes B windows of T + 1 tokens at seeded random offsets (inputs the first T,
// targets the last T), the mean loss's gradient with dropout on, and an update by the optimizer registry
// (AdamW typical) at the scheduled rate (optim/schedule.h: linear warm-up, then cosine decay).
#include <cstdint>
#include <memory>
#include <vector>

#include "core/rng.h"
#include "optim/optimizer.h"
#include "optim/settings.h"
#include "transformer/char_transformer.h"

namespace netlab {

struct CharTrainingSettings {
  int batch = 16;               // B windows a step
  OptimizerSettings optimizer;  // its learning_rate is eta0 of the schedule
  ScheduleConfig schedule;
};

class CharTrainer {
 public:
  // `tokens` must hold at least T + 1 tokens (T the model's context); the model must outlive the trainer.
  CharTrainer(CharTransformer& model, std::vector<int> tokens, const CharTrainingSettings& settings, uint64_t seed);
  // One update; returns the batch's mean loss before it (nats).
  double Step();
  long steps() const { return steps_; }
  float learning_rate() const { return learning_rate_; }  // the rate of the last update

 private:
  CharTransformer& model_;
  std::vector<int> tokens_;
  CharTrainingSettings settings_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  Rng rng_;
  long steps_ = 0;
  float learning_rate_ = 0.0f;
  std::vector<std::vector<int>> inputs_, targets_;  // B x T
};

// The mean next-character loss (nats) over every target of `tokens`, tokens[1..n-1], in evaluation: the
// stream cut into consecutive windows of up to T targets, so each target is scored once, seeing the
// window's tokens before it (as UnigramCrossEntropy and BigramCrossEntropy score the same targets).
double HeldOutLoss(CharTransformer& model, const std::vector<int>& tokens);

}  // namespace netlab
