#pragma once
// Minibatch training of a layer stack on LabeledData with softmax cross-entropy, the loop the CNN, MLP
// and DBN experiments share: shuffle each epoch, forward, dL/dz = (softmax(z) - t) / batch, backward,
// optimizer step.
#include <functional>

#include "data/labeled.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "optim/schedule.h"
#include "core/rng.h"

namespace netlab {

struct ClassifierTrainingSettings {
  int epochs = 1;
  int batch_size = 32;
  OptimizerSettings optimizer;
  // The learning rate per minibatch step from optimizer.learning_rate (optim/schedule.h); constant by default.
  ScheduleConfig schedule;
};

// One optimizer step on a minibatch; returns its loss (NaN if not finite, and then no step is taken).
double TrainClassifierBatch(Network& network, Optimizer& optimizer, const Matrix& inputs, const std::vector<int>& labels,
                            int classes);

// Trains `network` (its last layer must output one logit per class). Returns the mean training loss of
// the last epoch, or NaN if the loss stopped being finite (training stops there).
double TrainClassifier(Network& network, const LabeledData& train, const ClassifierTrainingSettings& settings, Rng& rng,
                       const std::function<void(int epoch, double loss)>& on_epoch = nullptr);

// Fraction of rows whose largest logit is the true class, evaluated in batches of `batch_size`.
double ClassifierAccuracy(Network& network, const LabeledData& data, int batch_size = 256);
// Mean softmax cross-entropy -log softmax(z)_label over the rows, in batches of `batch_size`.
double ClassifierLoss(Network& network, const LabeledData& data, int batch_size = 256);

}  // namespace netlab
