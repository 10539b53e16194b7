#pragma once
// The "memorising random labels" lesson (Zhang et al. 2016; data/label_noise.h) on every classification
// task: the config's label_noise shuffles that share of the training labels before training, and the
// training accuracy is measured beside the test accuracy, so a student sees a big enough network reach
// 100% on the training set while the test accuracy falls to chance.
#include <string>

#include "config/config.h"
#include "nn/network.h"
#include "data/task_data.h"

namespace netlab {

// `data` with round(label_noise · n) training labels shuffled among themselves (the seed is the config's
// data seed); the test labels stay true. Returns `data` unchanged at label_noise 0.
TaskData WithLabelNoise(const Config& config, const TaskData& data);

// Share of the first `max_rows` rows of `set` (all when max_rows < 0) that `network` classifies as
// labelled, in evaluation mode (no dropout), in chunks of 256 rows.
double ClassifyAccuracy(Network& network, const LabeledData& set, int max_rows = -1);

}  // namespace netlab
