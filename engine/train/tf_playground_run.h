#pragma once
// The Trainer's faithful mode (Trainer::tf_playground()): TF Playground's experiment behind the
// Trainer's interface, so the playground's heatmap, loss curve and numbers show it unchanged.
#include "data/dataset.h"
#include "tfplayground/experiment.h"

namespace netlab {

// The experiment's train and test points as Netlab datasets: the same [-6, 6]² coordinates; TF
// Playground's ±1 labels become the classes 0 (label -1) and 1 (label +1), regression values stay.
DataSplit TfPlaygroundData(const tfplayground::Experiment& experiment);

}  // namespace netlab
