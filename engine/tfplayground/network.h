#pragma once
// TF Playground's network (tensorflow/playground src/nn.ts), node by node and in its order of
// operations, so that its numbers come out the same to the last bit wherever the maths library agrees:
//   node:   total = b + sum_j w_j * out_j (in link order), out = f(total)
//   init:   every link draws w = random - 0.5 (uniform [-0.5, 0.5)) in build order, bias 0.1;
//           initZero sets both to 0 after the draw
//   error:  E = 1/2 (out - target)^2 per sample, dE/dout = out - target
//   update: every call, for each node b -= lr * sum(dE/db) / count and for each live link
//           w -= (lr / count) * sum(dE/dw), then w -= lr * rate * R'(w_before); an L1 step that
//           crosses 0 sets w = 0 and the link is dead from then on (no more gradient, no updates).
#include <string>
#include <vector>

#include "tfplayground/seed_random.h"

namespace netlab {
namespace tfplayground {

struct Node {
  double bias = 0.1;
  std::vector<double> weights;  // one per node of the previous layer (its input links)
  std::vector<char> dead;       // L1 set this link to 0 for good
  double total_input = 0, output = 0, output_der = 0, input_der = 0;
  double acc_input_der = 0;
  int num_accumulated = 0;
  std::vector<double> acc_error_der;  // per input link
  std::vector<int> link_accumulated;  // per input link
};

class Network {
 public:
  // `shape` = {inputs, hidden..., 1}; `activation` names the hidden nodes' function (relu | tanh |
  // sigmoid | linear), the output node is tanh (classification) or linear (regression).
  Network(const std::vector<int>& shape, const std::string& activation, bool regression,
          const std::string& regularization, bool init_zero, SeedRandom& random);

  double Forward(const std::vector<double>& inputs);  // forwardProp
  void Backward(double target);                       // backProp with the squared error
  void Update(double learning_rate, double regularization_rate);  // updateWeights

  const std::vector<std::vector<Node>>& layers() const { return layers_; }  // layers_[0] = inputs

 private:
  std::vector<std::vector<Node>> layers_;
  int hidden_activation_, output_activation_;
  int regularization_;  // 0 none, 1 L1, 2 L2
};

}  // namespace tfplayground
}  // namespace netlab
