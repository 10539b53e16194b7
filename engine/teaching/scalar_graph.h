#pragma once
// A scalar computational graph with reverse-mode differentiation (micrograd-sized), so the backprop
// inspector can list every node's forward value and backward gradient for one sample.
// Each operation's value and local derivatives are templates over the number type, so the same graph
// runs on doubles, on dual numbers (forward mode, teaching/dual_number.h) and on counted numbers that
// tally the arithmetic each way of differentiating needs (teaching/differentiation_modes.h).
#include <cmath>
#include <string>
#include <vector>

namespace netlab {

class ScalarGraph {
 public:
  enum class Op { kInput, kAdd, kMultiply, kCube, kSigmoid, kSubtract, kHalfSquare };
  struct Node {
    std::string name;
    Op op;
    int a = -1, b = -1;  // operand node ids
    double value = 0.0;
    double gradient = 0.0;  // dL/d(node) after Backward
  };

  int Input(const std::string& name, double value);
  int Add(const std::string& name, int a, int b);
  int Multiply(const std::string& name, int a, int b);
  int Cube(const std::string& name, int a);
  int Sigmoid(const std::string& name, int a);
  int Subtract(const std::string& name, int a, int b);
  int HalfSquare(const std::string& name, int a);  // 1/2 a²

  // Recomputes every value from the inputs (nodes are created in topological order).
  void Forward();
  // Sets d(output)/d(output) = 1 and applies the chain rule in reverse creation order.
  void Backward(int output);

  // The operation's value from its operands' values (b is ignored by one-operand operations).
  template <class T>
  static T Apply(Op op, const T& a, const T& b);
  // Chain rule at one node: adds g * d(node)/da to grad_a and g * d(node)/db to grad_b, where `value`
  // is the node's own forward value (the sigmoid's derivative reuses it: s' = s (1 - s)).
  template <class T>
  static void AccumulateLocal(Op op, const T& a, const T& b, const T& value, const T& g, T& grad_a, T& grad_b);

  std::vector<Node>& nodes() { return nodes_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(int id) const { return nodes_[size_t(id)]; }
  static const char* OpLabel(Op op);

 private:
  int Push(const std::string& name, Op op, int a, int b);
  std::vector<Node> nodes_;
};

template <class T>
T ScalarGraph::Apply(Op op, const T& a, const T& b) {
  using std::exp;
  switch (op) {
    case Op::kInput: break;
    case Op::kAdd: return a + b;
    case Op::kMultiply: return a * b;
    case Op::kCube: return a * a * a;
    case Op::kSigmoid: return T(1.0) / (T(1.0) + exp(-a));
    case Op::kSubtract: return a - b;
    case Op::kHalfSquare: return T(0.5) * a * a;
  }
  return a;
}

template <class T>
void ScalarGraph::AccumulateLocal(Op op, const T& a, const T& b, const T& value, const T& g, T& grad_a, T& grad_b) {
  switch (op) {
    case Op::kInput: break;
    case Op::kAdd:
      grad_a = grad_a + g;
      grad_b = grad_b + g;
      break;
    case Op::kMultiply:
      grad_a = grad_a + g * b;
      grad_b = grad_b + g * a;
      break;
    case Op::kCube: grad_a = grad_a + g * T(3.0) * a * a; break;                 // d a³ = 3a²
    case Op::kSigmoid: grad_a = grad_a + g * value * (T(1.0) - value); break;  // s' = s (1 - s)
    case Op::kSubtract:
      grad_a = grad_a + g;
      grad_b = grad_b - g;
      break;
    case Op::kHalfSquare: grad_a = grad_a + g * a; break;  // d ½a² = a
  }
}

// The lecture's example: u_in = w1 x1³ + w2 x2, u_out = sigmoid(u_in), L = 1/2 (u_out - y)².
struct LectureExample {
  ScalarGraph graph;
  int x1, x2, w1, w2, y, u_in, u_out, loss;
};
LectureExample BuildLectureExample(double w1, double w2, double x1, double x2, double y);

}  // namespace netlab
