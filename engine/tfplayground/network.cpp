#include "tfplayground/network.h"

#include <algorithm>
#include <cmath>

namespace netlab {
namespace tfplayground {
namespace {

enum Activation { kTanh, kRelu, kSigmoid, kLinear };

int ActivationOf(const std::string& name) {
  if (name == "relu") return kRelu;
  if (name == "sigmoid") return kSigmoid;
  if (name == "linear") return kLinear;
  return kTanh;
}

double Output(int f, double x) {
  switch (f) {
    case kRelu: return std::max(0.0, x);
    case kSigmoid: return 1 / (1 + std::exp(-x));
    case kLinear: return x;
    default: return std::tanh(x);
  }
}

// nn.ts computes each derivative from the total input, recomputing the output where it needs it.
double Derivative(int f, double x) {
  switch (f) {
    case kRelu: return x <= 0 ? 0 : 1;
    case kSigmoid: {
      const double out = Output(kSigmoid, x);
      return out * (1 - out);
    }
    case kLinear: return 1;
    default: {
      const double out = std::tanh(x);
      return 1 - out * out;
    }
  }
}

}  // namespace

Network::Network(const std::vector<int>& shape, const std::string& activation, bool regression,
                 const std::string& regularization, bool init_zero, SeedRandom& random)
    : hidden_activation_(ActivationOf(activation)),
      output_activation_(regression ? kLinear : kTanh),
      regularization_(regularization == "L1" ? 1 : regularization == "L2" ? 2 : 0) {
  for (size_t l = 0; l < shape.size(); ++l) {
    layers_.emplace_back(size_t(shape[l]));
    if (l == 0) continue;
    const size_t fan_in = size_t(shape[l - 1]);
    for (Node& node : layers_[l]) {
      node.weights.resize(fan_in);
      for (double& w : node.weights) w = random.Next() - 0.5;  // Link's field initializer draws even for initZero
      if (init_zero) {
        node.bias = 0;
        std::fill(node.weights.begin(), node.weights.end(), 0.0);
      }
      node.dead.assign(fan_in, 0);
      node.acc_error_der.assign(fan_in, 0.0);
      node.link_accumulated.assign(fan_in, 0);
    }
  }
}

double Network::Forward(const std::vector<double>& inputs) {
  for (size_t i = 0; i < layers_[0].size(); ++i) layers_[0][i].output = inputs[i];
  for (size_t l = 1; l < layers_.size(); ++l) {
    const int f = l + 1 == layers_.size() ? output_activation_ : hidden_activation_;
    for (Node& node : layers_[l]) {
      node.total_input = node.bias;
      for (size_t j = 0; j < node.weights.size(); ++j) node.total_input += node.weights[j] * layers_[l - 1][j].output;
      node.output = Output(f, node.total_input);
    }
  }
  return layers_.back()[0].output;
}

void Network::Backward(double target) {
  Node& out = layers_.back()[0];
  out.output_der = out.output - target;  // d(1/2 (o - t)^2)/do
  for (size_t l = layers_.size() - 1; l >= 1; --l) {
    const int f = l + 1 == layers_.size() ? output_activation_ : hidden_activation_;
    for (Node& node : layers_[l]) {
      node.input_der = node.output_der * Derivative(f, node.total_input);  // dE/dtotal = dE/dout f'(total)
      node.acc_input_der += node.input_der;
      node.num_accumulated++;
    }
    for (Node& node : layers_[l])
      for (size_t j = 0; j < node.weights.size(); ++j) {
        if (node.dead[j]) continue;
        node.acc_error_der[j] += node.input_der * layers_[l - 1][j].output;  // dE/dw = dE/dtotal out_j
        node.link_accumulated[j]++;
      }
    if (l == 1) break;
    // dE/dout_j = sum over the next layer's nodes i (the order of j's output links) of w_ij dE/dtotal_i.
    for (size_t j = 0; j < layers_[l - 1].size(); ++j) {
      Node& prev = layers_[l - 1][j];
      prev.output_der = 0;
      for (const Node& node : layers_[l]) prev.output_der += node.weights[j] * node.input_der;
    }
  }
}

void Network::Update(double learning_rate, double regularization_rate) {
  for (size_t l = 1; l < layers_.size(); ++l)
    for (Node& node : layers_[l]) {
      if (node.num_accumulated > 0) {
        node.bias -= learning_rate * node.acc_input_der / node.num_accumulated;
        node.acc_input_der = 0;
        node.num_accumulated = 0;
      }
      for (size_t j = 0; j < node.weights.size(); ++j) {
        if (node.dead[j]) continue;
        double& w = node.weights[j];
        // The penalty's derivative at the weight before this update: L1 sign(w), L2 w.
        const double regularization_der =
            regularization_ == 1 ? (w < 0 ? -1 : (w > 0 ? 1 : 0)) : regularization_ == 2 ? w : 0;
        if (node.link_accumulated[j] > 0) {
          w = w - (learning_rate / node.link_accumulated[j]) * node.acc_error_der[j];
          const double next = w - (learning_rate * regularization_rate) * regularization_der;
          if (regularization_ == 1 && w * next < 0) {
            w = 0;  // the penalty pushed the weight across 0
            node.dead[j] = 1;
          } else {
            w = next;
          }
          node.acc_error_der[j] = 0;
          node.link_accumulated[j] = 0;
        }
      }
    }
}

}  // namespace tfplayground
}  // namespace netlab
