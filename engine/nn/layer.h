#pragma once
// A layer is a small struct with forward, backward and its parameters (llm.c / micrograd plainness).
// Forward caches what backward needs; backward fills the parameter gradients and the input gradient.
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "nn/parameter.h"

namespace netlab {

class Layer {
 public:
  virtual ~Layer() = default;
  virtual const char* kind() const = 0;
  virtual void Forward(const Matrix& input, Matrix& output) = 0;
  virtual void Backward(const Matrix& grad_output, Matrix& grad_input) = 0;
  virtual void CollectParameters(std::vector<ParameterRef>&) {}
  // Dropout, batch norm and the like behave differently while training and at inference.
  virtual void SetTraining(bool training) { training_ = training; }
  // While held, dropout and DropConnect reuse the mask of their last Forward instead of drawing a new
  // one, so a training-mode network is a deterministic function (the gradient check needs that).
  virtual void HoldMasks(bool hold) { hold_masks_ = hold; }
  // Buffers that are not trained but belong to the model (batch norm's running statistics), so that
  // snapshots (early stopping) and saved weights include them.
  virtual void CollectState(std::vector<Matrix*>&) {}
  // The random streams a layer draws from while training (dropout's and DropConnect's masks), so that
  // a saved run goes on drawing the same masks after it is restored (train/run_snapshot.h).
  virtual void CollectRandomStreams(std::vector<Rng*>&) {}
  // False where the layer's function has kinks (ReLU, max pooling, maxout): a finite difference whose
  // two points straddle a kink is no derivative, so the gradient check steps less far there.
  virtual bool smooth() const { return true; }

 protected:
  bool training_ = true;
  bool hold_masks_ = false;
};

}  // namespace netlab
