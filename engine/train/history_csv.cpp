#include "train/history_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace netlab {
namespace {

// %.9g keeps every float digit and enough of a double's for plotting; non-finite values stay empty.
void AppendNumber(std::string& out, double value) {
  out += ',';
  if (!std::isfinite(value)) return;
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  out += text;
}

}  // namespace

std::string HistoryCsv(const std::vector<MetricsPoint>& history) {
  size_t layers = 0;
  for (const MetricsPoint& m : history) layers = std::max(layers, m.layer_gradient_norms.size());
  std::string out =
      "step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,validation_loss,learning_rate,gradient_norm";
  for (size_t l = 0; l < layers; ++l) out += ",gradient_norm_layer_" + std::to_string(l + 1);
  out += '\n';
  for (const MetricsPoint& m : history) {
    out += std::to_string(m.step);
    for (double v : {m.epoch, m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy, m.validation_loss,
                     m.learning_rate, m.gradient_norm})
      AppendNumber(out, v);
    for (size_t l = 0; l < layers; ++l)
      AppendNumber(out, l < m.layer_gradient_norms.size() ? double(m.layer_gradient_norms[l]) : NAN);
    out += '\n';
  }
  return out;
}

}  // namespace netlab
