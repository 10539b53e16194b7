#pragma once
// Recurrent layers run a whole sequence: inputs[t] is (batch x inputs) at step t, the state starts at
// zero, and hidden[t] is h_t. Backward is backpropagation through time: grad_hidden[t] = ∂L/∂h_t from
// whatever reads h_t (zeros where nothing does); gradients flow back through the recurrence and are
// summed over steps into the shared weights.
#include <vector>

#include "optim/optimizer.h"
#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

using Sequence = std::vector<Matrix>;

class RecurrentLayer {
 public:
  virtual ~RecurrentLayer() = default;
  virtual const char* kind() const = 0;
  virtual void Forward(const Sequence& inputs, Sequence& hidden) = 0;
  virtual void Backward(const Sequence& grad_hidden, Sequence& grad_inputs) = 0;
  virtual void CollectParameters(std::vector<ParameterRef>& out) = 0;
};

// Gradient clipping by global norm (Pascanu, Mikolov & Bengio 2013): if ||g|| > max_norm over all
// parameter gradients together, scale every gradient by max_norm / ||g||. Returns ||g|| before clipping.
double ClipGradientNorm(const std::vector<ParameterRef>& parameters, double max_norm);

}  // namespace netlab
