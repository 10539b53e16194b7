#pragma once
// `netlab --headless CONFIG [--epochs N | --steps N]` for the tasks beyond the playground: trains on
// `data` and writes one line per report with the task's numbers, e.g. for classification
//   epoch=3 step=135 train_loss=0.41 test_loss=0.38 test_accuracy=0.912 train_accuracy=0.93
// (one line per epoch; train_accuracy on up to 2,000 training rows, against the labels trained on, which
// label_noise may have shuffled). The same config, seed and data give the same lines, bit for bit, on every run.
#include <ostream>

#include "config/config.h"
#include "data/task_data.h"

namespace netlab {

// `epochs` counts passes over the training set (tasks counted in epochs), `steps` minibatch updates
// otherwise; either may be 0 for "the task's default". Returns 0, 1 when training diverged, 2 when the
// config cannot be trained on this data (the reason as the last line).
int RunTaskHeadless(const Config& config, const TaskData& data, long epochs, long steps, std::ostream& out);

}  // namespace netlab
