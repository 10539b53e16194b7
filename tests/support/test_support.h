#pragma once
// Helpers shared by the gradient and model tests.
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

inline Matrix RandomMatrix(int rows, int cols, Rng& rng, float scale = 1.0f) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Normal(0.0f, scale);
  return m;
}

// Entries uniform in [0, 1), drawn in storage order.
inline Matrix UniformMatrix(int rows, int cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Uniform();
  return m;
}

// Row s of the result is the binary expansion of s (bit d = x_d): all 2^inputs vectors.
inline Matrix AllBinaryVectors(int inputs) {
  Matrix x(1 << inputs, inputs);
  for (int s = 0; s < (1 << inputs); ++s)
    for (int d = 0; d < inputs; ++d) x(s, d) = float((s >> d) & 1);
  return x;
}

// Scalar probe loss sum(output ⊙ weights), accumulated in double, so that dL/d(output) = weights.
inline double Probe(const Matrix& output, const Matrix& weights) {
  return output.cast<double>().cwiseProduct(weights.cast<double>()).sum();
}

// The same over every step of a sequence (recurrent/recurrent.h), L = Σ_t <h_t, P_t>, summed in step order.
inline double Probe(const std::vector<Matrix>& outputs, const std::vector<Matrix>& weights) {
  double total = 0.0;
  for (size_t t = 0; t < outputs.size(); ++t) total += Probe(outputs[t], weights[t]);
  return total;
}

// The probe loss of `layer`'s output for `input` as a function for finite differences: each call runs the
// layer forward again, so it sees whatever entry of `input` or of the layer's parameters was moved.
template <class Layer, class Value>
auto ProbeLoss(Layer& layer, const Value& input, const Value& probe) {
  return [&layer, &input, &probe] {
    Value out;
    layer.Forward(input, out);
    return Probe(out, probe);
  };
}

}  // namespace netlab
