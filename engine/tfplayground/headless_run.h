#pragma once
// `netlab --headless --config '<TF Playground link>' --epochs N`: TF Playground's epochs, one line each,
//   epoch=<e> train_loss=<l> test_loss=<l>
// starting with epoch=0 (the losses TF Playground shows before training), in its loss definition
// (mean of 1/2 (out - label)^2), printed with 17 significant digits so runs can be compared exactly.
#include <ostream>

#include "tfplayground/settings.h"

namespace netlab {
namespace tfplayground {

// Returns 0, or 1 when a loss stops being a finite number (the reason goes to `out` as the last line).
int RunEpochs(const Settings& settings, long epochs, std::ostream& out);

}  // namespace tfplayground
}  // namespace netlab
