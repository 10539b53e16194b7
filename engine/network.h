#pragma once
// A feed-forward stack of layers built from a Config: [Dense, activation] per hidden layer, then a Dense
// output layer and, for losses without their own link, the output activation.
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "layer.h"
#include "rng.h"

namespace netlab {

class Network {
 public:
  void Add(std::unique_ptr<Layer> layer) { layers_.push_back(std::move(layer)); }
  const Matrix& Forward(const Matrix& input);
  // Propagates dL/d(output) back through every layer, filling the parameter gradients.
  void Backward(const Matrix& grad_output);
  std::vector<ParameterRef> Parameters();
  void SetTraining(bool training);

  size_t size() const { return layers_.size(); }
  Layer& layer(size_t i) { return *layers_[i]; }
  // Output of layer i after the last Forward (for views of hidden units).
  const Matrix& LayerOutput(size_t i) const { return outputs_[i]; }

 private:
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Matrix> outputs_;
  // gradients_[i] = dL/d(input of layer i); one buffer per layer boundary (not two swapped ones) so
  // each keeps its shape and a training step allocates nothing once warmed up.
  std::vector<Matrix> gradients_;
};

// Builds the network for `config` with `inputs` input units and `outputs` output units, drawing the
// initial weights from `rng`. The config must have passed ValidateConfig.
Network BuildNetwork(const Config& config, int inputs, int outputs, Rng& rng);

}  // namespace netlab
