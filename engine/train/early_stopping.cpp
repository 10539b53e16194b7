#include "train/early_stopping.h"

#include <cstdio>

namespace netlab {

bool EarlyStopping::EndOfEpoch(double validation_loss, long step, int patience, const std::vector<Matrix*>& buffers) {
  if (!has_best_ || validation_loss < best_loss_) {
    has_best_ = true;
    best_loss_ = validation_loss;
    best_step_ = step;
    epochs_without_improvement_ = 0;
    best_.resize(buffers.size());
    for (size_t i = 0; i < buffers.size(); ++i) best_[i] = *buffers[i];  // same shape: no reallocation
    return false;
  }
  if (++epochs_without_improvement_ < patience) return false;
  for (size_t i = 0; i < buffers.size(); ++i) *buffers[i] = best_[i];
  char text[200];
  std::snprintf(text, sizeof text,
                "Early stopping at step %ld: validation loss has not improved for %d epochs; restored the "
                "best weights, from step %ld (validation loss %.4f).",
                step, patience, best_step_, best_loss_);
  message_ = text;
  return true;
}

}  // namespace netlab
