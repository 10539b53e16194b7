// The trainer's external-step protocol: steps taken elsewhere (the WebGPU path, web/netlab-gpu-trainer.js)
// on the trainer's own mini-batches, in the order Step() would take them, counted back here.
#include <algorithm>
#include <cmath>

#include "optim/schedule.h"
#include "train/trainer.h"

namespace netlab {

float Trainer::DrawExternalBatch() {
  if (!diverged_.empty() || !stopped_early().empty() || !DrawBatch()) return -1.0f;
  const long step = step_ + external_steps_drawn_++;
  return ScheduledLearningRate(config_.schedule, config_.optimizer.learning_rate, step);
}

void Trainer::CountExternalStep(double batch_loss) {
  if (external_steps_drawn_ > 0) --external_steps_drawn_;
  if (!diverged_.empty()) return;
  ++step_;
  samples_seen_ += int64_t(std::min<Eigen::Index>(config_.batch_size, data_.train.size()));
  if (!std::isfinite(batch_loss))
    diverged_ = "Training diverged at step " + std::to_string(step_) +
                ": the loss became NaN or infinite. Lower the learning rate and press Reset.";
}

void Trainer::ParametersReplaced() { CheckParametersFinite(); }

}  // namespace netlab
