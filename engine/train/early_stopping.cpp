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

void EarlyStopping::Write(ByteWriter& out) const {
  out.U32(has_best_ ? 1 : 0);
  out.F64(best_loss_);
  out.I64(best_step_);
  out.U32(uint32_t(epochs_without_improvement_));
  out.U32(uint32_t(best_.size()));
  for (const Matrix& m : best_) out.Floats(m);
  out.Text(message_);
}

bool EarlyStopping::Read(ByteReader& in, const std::vector<Matrix*>& buffers) {
  EarlyStopping read;
  uint32_t has_best = 0, without = 0, count = 0;
  int64_t best_step = 0;
  if (!in.U32(has_best) || has_best > 1 || !in.F64(read.best_loss_) || !in.I64(best_step) || !in.U32(without) ||
      without > (1u << 30) || !in.U32(count) || (count != 0 && count != buffers.size()))
    return false;
  read.has_best_ = has_best == 1;
  read.best_step_ = long(best_step);
  read.epochs_without_improvement_ = int(without);
  read.best_.resize(count);
  for (uint32_t i = 0; i < count; ++i)
    if (!in.Floats(read.best_[i], buffers[i]->rows(), buffers[i]->cols())) return false;
  if (!in.Text(read.message_, 1000)) return false;
  *this = std::move(read);
  return true;
}

}  // namespace netlab
