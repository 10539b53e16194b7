#include "teaching/scalar_graph.h"

#include <cmath>

#include "nn/logistic.h"

namespace netlab {

int ScalarGraph::Push(const std::string& name, Op op, int a, int b) {
  Node node;
  node.name = name;
  node.op = op;
  node.a = a;
  node.b = b;
  nodes_.push_back(node);
  Forward();
  return int(nodes_.size()) - 1;
}

int ScalarGraph::Input(const std::string& name, double value) {
  int id = Push(name, Op::kInput, -1, -1);
  nodes_[size_t(id)].value = value;
  return id;
}
int ScalarGraph::Add(const std::string& name, int a, int b) { return Push(name, Op::kAdd, a, b); }
int ScalarGraph::Multiply(const std::string& name, int a, int b) { return Push(name, Op::kMultiply, a, b); }
int ScalarGraph::Cube(const std::string& name, int a) { return Push(name, Op::kCube, a, -1); }
int ScalarGraph::Sigmoid(const std::string& name, int a) { return Push(name, Op::kSigmoid, a, -1); }
int ScalarGraph::Subtract(const std::string& name, int a, int b) { return Push(name, Op::kSubtract, a, b); }
int ScalarGraph::HalfSquare(const std::string& name, int a) { return Push(name, Op::kHalfSquare, a, -1); }

void ScalarGraph::Forward() {
  for (Node& n : nodes_) {
    if (n.op == Op::kInput) continue;
    const double a = n.a >= 0 ? nodes_[size_t(n.a)].value : 0.0;
    const double b = n.b >= 0 ? nodes_[size_t(n.b)].value : 0.0;
    n.value = Apply(n.op, a, b);
  }
}

void ScalarGraph::Backward(int output) {
  for (Node& n : nodes_) n.gradient = 0.0;
  nodes_[size_t(output)].gradient = 1.0;
  double unused = 0.0;
  for (size_t i = nodes_.size(); i-- > 0;) {
    const Node& n = nodes_[i];
    if (n.op == Op::kInput) continue;
    const double a = n.a >= 0 ? nodes_[size_t(n.a)].value : 0.0;
    const double b = n.b >= 0 ? nodes_[size_t(n.b)].value : 0.0;
    double& grad_a = nodes_[size_t(n.a)].gradient;
    double& grad_b = n.b >= 0 ? nodes_[size_t(n.b)].gradient : unused;
    AccumulateLocal(n.op, a, b, n.value, n.gradient, grad_a, grad_b);
  }
}

const char* ScalarGraph::OpLabel(Op op) {
  switch (op) {
    case Op::kInput: return "input";
    case Op::kAdd: return "a + b";
    case Op::kMultiply: return "a * b";
    case Op::kCube: return "a^3";
    case Op::kSigmoid: return "sigmoid(a)";
    case Op::kSubtract: return "a - b";
    case Op::kHalfSquare: return "1/2 a^2";
  }
  return "?";
}

LectureExample BuildLectureExample(double w1, double w2, double x1, double x2, double y) {
  LectureExample e;
  ScalarGraph& g = e.graph;
  e.x1 = g.Input("x1", x1);
  e.x2 = g.Input("x2", x2);
  e.w1 = g.Input("w1", w1);
  e.w2 = g.Input("w2", w2);
  e.y = g.Input("y", y);
  const int cube = g.Cube("x1^3", e.x1);
  const int left = g.Multiply("w1 x1^3", e.w1, cube);
  const int right = g.Multiply("w2 x2", e.w2, e.x2);
  e.u_in = g.Add("u_in", left, right);
  e.u_out = g.Sigmoid("u_out", e.u_in);
  const int error = g.Subtract("u_out - y", e.u_out, e.y);
  e.loss = g.HalfSquare("L", error);
  g.Backward(e.loss);
  return e;
}

}  // namespace netlab
