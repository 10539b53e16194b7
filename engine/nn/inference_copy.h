#pragma once
// A second network of the same architecture for inference on sets of another size than the training
// batch. Every layer sizes its buffers on the rows it is given, so a pass over the test set on the
// training network would make the next training step re-size (re-allocate) them all back. The copy
// takes the original's weights and running statistics by plain copies into buffers of the same shapes,
// so that neither network allocates once both are warmed up (as train/trainer.cpp's validation network).
#include <vector>

#include "nn/network.h"

namespace netlab {

class InferenceCopy {
 public:
  // `copy` is built from the same architecture as `original`, which must not move while this lives.
  InferenceCopy(Network& original, Network copy);
  // The copy holding the original's current weights and statistics, in inference mode.
  Network& Refresh();
  // The copy as the last Refresh left it.
  Network& network() { return copy_; }

 private:
  Network copy_;
  std::vector<Matrix*> from_, to_;  // original's parameters then state, and the copy's, in the same order
};

}  // namespace netlab
