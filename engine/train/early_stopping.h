#pragma once
// Early stopping (Prechelt 1998): keep the weights with the lowest validation loss; after `patience`
// epochs without improvement, stop and restore them.
#include <string>
#include <vector>

#include "core/byte_io.h"
#include "core/tensor.h"

namespace netlab {

class EarlyStopping {
 public:
  // Called once per epoch with that epoch's validation loss and the model's buffers (parameters, then
  // state such as batch-norm statistics). Returns true when training must stop; the best buffers are
  // then restored and message() says when and why. The snapshot is copied into buffers sized once, so
  // an epoch allocates nothing after the first.
  bool EndOfEpoch(double validation_loss, long step, int patience, const std::vector<Matrix*>& buffers);
  const std::string& message() const { return message_; }
  // Its whole state for a run snapshot (train/run_snapshot.h); Read checks the best buffers' shapes
  // against `buffers` and leaves the state as it was when the bytes do not fit.
  void Write(ByteWriter& out) const;
  bool Read(ByteReader& in, const std::vector<Matrix*>& buffers);

 private:
  bool has_best_ = false;
  double best_loss_ = 0.0;
  long best_step_ = 0;
  int epochs_without_improvement_ = 0;
  std::vector<Matrix> best_;
  std::string message_;
};

}  // namespace netlab
