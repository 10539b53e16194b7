#include "train/metrics.h"

namespace netlab {

void AppendToHistory(std::vector<MetricsPoint>& history, const MetricsPoint& point) {
  if (history.size() >= kMaxHistory) {
    size_t kept = 0;
    for (size_t i = 0; i < history.size(); i += 2) history[kept++] = history[i];
    history.resize(kept);
  }
  history.push_back(point);
}

double ClassificationAccuracy(const Matrix& prediction, const Matrix& labels) {
  long correct = 0;
  for (Eigen::Index r = 0; r < prediction.rows(); ++r) {
    int predicted;
    if (prediction.cols() == 1) {
      predicted = prediction(r, 0) > 0.5f ? 1 : 0;
    } else {
      Eigen::Index best;
      prediction.row(r).maxCoeff(&best);
      predicted = int(best);
    }
    correct += predicted == int(labels(r, 0));
  }
  return prediction.rows() ? double(correct) / double(prediction.rows()) : 0.0;
}

}  // namespace netlab
