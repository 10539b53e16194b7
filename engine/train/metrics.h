#pragma once
// What training reports: one point per evaluation, and the bounded history the plots draw.
#include <vector>

#include "core/tensor.h"

namespace netlab {

struct MetricsPoint {
  long step = 0;
  double epoch = 0.0;
  double train_loss = 0.0;
  double test_loss = 0.0;
  double train_accuracy = 0.0;  // classification only
  double test_accuracy = 0.0;
  double validation_loss = 0.0;  // NaN when no validation split is held out
  double learning_rate = 0.0;    // after the schedule
  double gradient_norm = 0.0;    // global norm of the last step's gradient, before clipping
  std::vector<float> layer_gradient_norms;  // |dL/dW| per weight matrix, input side first
};

// Long sessions keep a bounded history: when it fills up, every other point is dropped, so the curve
// keeps its shape at half the resolution.
constexpr size_t kMaxHistory = 4000;
void AppendToHistory(std::vector<MetricsPoint>& history, const MetricsPoint& point);

// Share of rows whose predicted class is the label: a probability > 0.5 for one output column, the
// largest column otherwise. `labels` holds one class index per row.
double ClassificationAccuracy(const Matrix& prediction, const Matrix& labels);

}  // namespace netlab
