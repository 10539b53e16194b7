#include "networks/model_outputs.h"

#include "data/input_features.h"
#include "nn/loss.h"

namespace netlab {

Matrix ModelOutputs(const Config& config, Network& network, const Matrix& points) {
  std::vector<const Feature*> features;
  for (const std::string& name : config.features) features.push_back(FindFeature(name));
  Matrix inputs, prediction;
  ComputeFeatures(features, points, inputs);
  network.SetTraining(false);
  FindLoss(config.loss)->predict(network.Forward(inputs), prediction);
  return prediction;
}

}  // namespace netlab
