#pragma once
// The four ways the notes compare to get dL/dw1 and dL/dw2 of the lecture's graph
// (u_in = w1 x1³ + w2 x2, u_out = σ(u_in), L = ½(u_out − y)²), each with the arithmetic it needed:
//  - finite differences: (L(w + h) − L(w − h)) / 2h, two passes of the graph per weight;
//  - symbolic: the derivative written out by hand and evaluated as a formula;
//  - forward mode: the graph on dual numbers, one pass per weight (seed w = w + 1ε);
//  - reverse mode: one forward and one backward pass for every weight at once (backpropagation).
// Operations are counted by running the same graph on CountedNumber (teaching/counted_number.h).
#include <string>
#include <vector>

namespace netlab {

struct LecturePoint {
  double w1 = 0.02, w2 = 0.01, x1 = 3, x2 = 5, y = 0;  // the notes' example
};

struct DerivativeEstimate {
  std::string method;
  double d_w1 = 0.0, d_w2 = 0.0;  // dL/dw1, dL/dw2
  long operations = 0;            // +, −, ×, ÷, negation and exp done to get both
  int graph_passes = 0;           // forward or backward sweeps over the graph (0 for the formula)
};

struct DifferentiationComparison {
  double loss = 0.0;
  long forward_pass_operations = 0;  // one plain evaluation of L, the unit the others are measured in
  DerivativeEstimate finite_differences, symbolic, forward_mode, reverse_mode;
  std::vector<const DerivativeEstimate*> All() const {
    return {&finite_differences, &symbolic, &forward_mode, &reverse_mode};
  }
};

// `step` is the finite-difference h (absolute, applied to each weight in turn).
DifferentiationComparison CompareDifferentiationModes(const LecturePoint& point, double step = 1e-6);

}  // namespace netlab
