#pragma once
#include <ostream>

#include "config/config.h"
#include "train/trainer.h"

namespace netlab {

// Trains `config` for `steps` mini-batch steps without any window and writes one line per report:
//   step=<n> epoch=<e> train_loss=<l> test_loss=<l> train_accuracy=<a> test_accuracy=<a>
// Returns 0, or 1 when training diverged (the reason goes to `out` as the last line).
int RunHeadless(const Config& config, long steps, long report_every, std::ostream& out);
// The same for a trainer prepared by the caller (e.g. with loaded weights), which it leaves trained.
int RunHeadless(Trainer& trainer, long steps, long report_every, std::ostream& out);

}  // namespace netlab
