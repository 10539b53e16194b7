#include "tasks/classify/random_labels.h"

#include <algorithm>

#include "data/label_noise.h"

namespace netlab {

TaskData WithLabelNoise(const Config& config, const TaskData& data) {
  TaskData noisy = data;
  if (config.lesson.label_noise <= 0.0f) return noisy;
  LabelNoiseSettings settings;
  settings.fraction = config.lesson.label_noise;
  settings.seed = DataSeed(config.seed) + 1;  // apart from the split's stream
  LabelNoiseReport report;
  std::string error;  // the config's validation keeps the fraction in [0, 1]
  ApplyLabelNoise(noisy.train, settings, report, error);
  return noisy;
}

double ClassifyAccuracy(Network& network, const LabeledData& set, int max_rows) {
  const int rows = max_rows < 0 ? int(set.labels.size()) : std::min(max_rows, int(set.labels.size()));
  if (rows == 0) return 0.0;
  network.SetTraining(false);
  int correct = 0;
  for (int first = 0; first < rows; first += 256) {
    const int count = std::min(256, rows - first);
    const Matrix& logits = network.Forward(set.features.middleRows(first, count));
    for (int i = 0; i < count; ++i) {
      Eigen::Index predicted = 0;
      logits.row(i).maxCoeff(&predicted);
      correct += int(predicted) == set.labels[size_t(first + i)];
    }
  }
  network.SetTraining(true);
  return double(correct) / double(rows);
}

}  // namespace netlab
