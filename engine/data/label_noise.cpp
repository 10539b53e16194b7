#include "data/label_noise.h"
#include "core/shuffle.h"

#include <cmath>
#include <numeric>
#include <vector>

namespace netlab {

std::string LabelNoiseError(const LabelNoiseSettings& settings) {
  if (!(settings.fraction >= 0.0 && settings.fraction <= 1.0))
    return "the label-noise fraction must be between 0 and 1 (0% to 100% of the training labels)";
  return "";
}

bool ApplyLabelNoise(LabeledData& data, const LabelNoiseSettings& settings, LabelNoiseReport& report,
                     std::string& error) {
  report = LabelNoiseReport();
  error = LabelNoiseError(settings);
  if (!error.empty()) return false;
  const int n = int(data.labels.size());
  Rng rng(settings.seed);
  // Fisher-Yates over all indices; the first `chosen` of the result are a uniform random subset.
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  Shuffle(order, rng);
  const int chosen = int(std::lround(settings.fraction * n));
  // A second Fisher-Yates permutes the chosen samples' labels among themselves.
  std::vector<int> labels(static_cast<size_t>(chosen));
  for (int k = 0; k < chosen; ++k) labels[size_t(k)] = data.labels[size_t(order[size_t(k)])];
  Shuffle(labels, rng);
  for (int k = 0; k < chosen; ++k) {
    int& label = data.labels[size_t(order[size_t(k)])];
    if (label != labels[size_t(k)]) ++report.changed;
    label = labels[size_t(k)];
  }
  report.shuffled = chosen;
  return true;
}

}  // namespace netlab
