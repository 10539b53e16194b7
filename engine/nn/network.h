#pragma once
// A feed-forward stack of layers (train/network_builder.h builds one from a Config).
#include <memory>
#include <string>
#include <vector>

#include "nn/layer.h"
#include "core/rng.h"

namespace netlab {

class Network {
 public:
  void Add(std::unique_ptr<Layer> layer) { layers_.push_back(std::move(layer)); }
  const Matrix& Forward(const Matrix& input);
  // Propagates dL/d(output) back through every layer, filling the parameter gradients.
  void Backward(const Matrix& grad_output);
  // dL/d(input) from the last Backward: how skip blocks and a GAN's generator receive gradients.
  const Matrix& InputGradient() const { return gradients_.front(); }
  std::vector<ParameterRef> Parameters();
  // Non-trained buffers (batch norm running statistics), for snapshots and saved weights.
  std::vector<Matrix*> State();
  // Every layer's random stream (Layer::CollectRandomStreams), in layer order.
  std::vector<Rng*> RandomStreams();
  void SetTraining(bool training);
  void HoldMasks(bool hold);
  // Every layer smooth (Layer::smooth).
  bool Smooth() const;

  size_t size() const { return layers_.size(); }
  // Moves layer i out (leaving a null slot); for splicing a block's layers into a parent network.
  std::unique_ptr<Layer> Release(size_t i) { return std::move(layers_[i]); }
  Layer& layer(size_t i) { return *layers_[i]; }
  // Output of layer i after the last Forward (for views of hidden units).
  const Matrix& LayerOutput(size_t i) const { return outputs_[i]; }
  // A hidden block (dense + norm + activation + dropout, or one skip layer) spans layers
  // [block_start(b), block_end(b)); the network diagram draws one column of units per block.
  void MarkBlock(size_t start) { blocks_.push_back({start, layers_.size()}); }
  size_t blocks() const { return blocks_.size(); }
  size_t block_start(size_t b) const { return blocks_[b].first; }
  size_t block_end(size_t b) const { return blocks_[b].second; }

 private:
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Matrix> outputs_;
  std::vector<std::pair<size_t, size_t>> blocks_;
  // gradients_[i] = dL/d(input of layer i); one buffer per layer boundary (not two swapped ones) so
  // each keeps its shape and a training step allocates nothing once warmed up.
  std::vector<Matrix> gradients_;
};

// The network reads data, whose gradient nobody needs: when its first layer is a Dense, that layer's
// Backward leaves out dX = dY Wᵀ and InputGradient() is empty afterwards. The builders below call it;
// a network whose input gradient is read (a GAN's discriminator, a skip block's inside) must not.
void SkipDataGradient(Network& net);

// Gives `to` (a network built from the same architecture) `from`'s weights and running statistics.
void CopyWeightsAndState(Network& from, Network& to);

}  // namespace netlab
