#pragma once
// A scalar computational graph with reverse-mode differentiation (micrograd-sized), so the backprop
// inspector can list every node's forward value and backward gradient for one sample.
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

  std::vector<Node>& nodes() { return nodes_; }
  const Node& node(int id) const { return nodes_[size_t(id)]; }
  static const char* OpLabel(Op op);

 private:
  int Push(const std::string& name, Op op, int a, int b);
  std::vector<Node> nodes_;
};

// The lecture's example: u_in = w1 x1³ + w2 x2, u_out = sigmoid(u_in), L = 1/2 (u_out - y)².
struct LectureExample {
  ScalarGraph graph;
  int x1, x2, w1, w2, y, u_in, u_out, loss;
};
LectureExample BuildLectureExample(double w1, double w2, double x1, double x2, double y);

}  // namespace netlab
