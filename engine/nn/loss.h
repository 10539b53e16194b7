#pragma once
// Losses as a registry. Every loss is the mean over the batch of a per-sample loss, so gradients are
// divided by the batch size. Losses that contain their own link (sigmoid, softmax) take logits: the
// network's output layer is then linear and the link is applied inside the loss, which is both the
// numerically stable form and the one whose gradient is simply (p - t).
#include <string>
#include <vector>

#include "core/tensor.h"

namespace netlab {

struct Loss {
  const char* name;
  const char* label;
  const char* formula;
  bool takes_logits;  // output layer must be linear; Predict applies the link
  bool one_hot_targets;  // targets are one-hot rows with one column per class
  double (*value)(const Matrix& output, const Matrix& target);
  void (*gradient)(const Matrix& output, const Matrix& target, Matrix& grad_output);
  // Maps the network output to what the user sees: a probability or the regression value.
  void (*predict)(const Matrix& output, Matrix& prediction);
  bool regression = false;  // usable for real-valued targets
};

const std::vector<Loss>& Losses();
const Loss* FindLoss(const std::string& name);
int LossIndex(const std::string& name);

// Number of output units a loss needs for a problem with `classes` classes (0 = regression).
int OutputUnits(const Loss& loss, int classes);

// Builds the target matrix for `labels` (one value per sample: a class index or a real target).
Matrix MakeTargets(const Loss& loss, const Matrix& labels, int classes);

}  // namespace netlab
