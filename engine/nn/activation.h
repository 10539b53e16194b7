#pragma once
// Element-wise activation functions as a registry: each entry carries its formula, its derivative and
// the text the UI shows, so adding one is one table entry plus its gradient test.
#include <string>
#include <vector>

#include "core/tensor.h"
#include "nn/logistic.h"

namespace netlab {

struct Activation {
  const char* name;     // stable id used in configs and links
  const char* label;    // what the UI shows
  const char* formula;  // tooltip
  float (*value)(float x);
  // Derivative f'(x), given both the input x and the output y = f(x) (sigmoid and tanh are cheaper
  // from y).
  float (*derivative)(float x, float y);
  // False for the activations that are layers of their own (PReLU learns slopes, softmax couples a
  // row, maxout takes the max over pieces): value/derivative are null and the network builder makes
  // the matching layer.
  bool elementwise = true;
  // True where f is not differentiable somewhere (ReLU at 0): see Layer::smooth.
  bool kinked = false;
};


const std::vector<Activation>& Activations();
// Returns nullptr for an unknown name.
const Activation* FindActivation(const std::string& name);
int ActivationIndex(const std::string& name);

void ApplyActivation(const Activation& act, const Matrix& input, Matrix& output);
// grad_input = grad_output ⊙ f'(input)
void ActivationBackward(const Activation& act, const Matrix& input, const Matrix& output,
                        const Matrix& grad_output, Matrix& grad_input);
// The same for elements [begin, end) of raw buffers, for layers that split the work into ranges
// (core/parallel_ranges.h) and do more per range (ActivationLayer also keeps copies).
void ApplyActivationRange(const Activation& act, const float* in, float* out, long begin, long end);
void ActivationBackwardRange(const Activation& act, const float* in, const float* out, const float* grad_out,
                             float* grad_in, long begin, long end);

}  // namespace netlab
