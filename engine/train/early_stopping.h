#pragma once
// Early stopping (Prechelt 1998): keep the weights with the lowest validation loss; after `patience`
// epochs without improvement, stop and restore them.
#include <string>
#include <vector>

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

 private:
  bool has_best_ = false;
  double best_loss_ = 0.0;
  long best_step_ = 0;
  int epochs_without_improvement_ = 0;
  std::vector<Matrix> best_;
  std::string message_;
};

}  // namespace netlab
