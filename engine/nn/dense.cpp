#include "nn/dense.h"

#include <algorithm>

#include "core/gemm.h"
#include "core/parallel_ranges.h"

namespace netlab {

void Dense::Forward(const Matrix& input, Matrix& output) { ForwardWith(weights, input, output); }

void Dense::Backward(const Matrix& grad_output, Matrix& grad_input) { BackwardWith(weights, grad_output, grad_input); }

void Dense::ForwardWith(const Matrix& used_weights, const Matrix& input, Matrix& output) {
  Multiply(input, false, used_weights, false, output);
  // The copy Backward needs and the bias, split by rows over the GEMM's threads.
  input_.resize(input.rows(), input.cols());
  const long in_width = long(input.cols()), out_width = long(output.cols());
  ForEachRange(long(input.rows()), [&](long first, long last) {
    std::copy(input.data() + first * in_width, input.data() + last * in_width, input_.data() + first * in_width);
    for (long r = first; r < last; ++r) {
      float* row = output.data() + r * out_width;
      for (long j = 0; j < out_width; ++j) row[j] += bias.data()[j];
    }
  }, std::max(1L, kMinElementsPerRange / std::max(1L, in_width + out_width)));
}

void Dense::BackwardWith(const Matrix& used_weights, const Matrix& grad_output, Matrix& grad_input) {
  // dW = Xᵀ dY with db; db = column sums of dY: a few thousand additions, left to Eigen (its summation
  // order is what the tests' trained models were measured with).
  auto parameter_gradients = [&] {
    Multiply(input_, true, grad_output, false, weights_gradient);
    bias_gradient = grad_output.colwise().sum();
  };
  if (!input_gradient_needed_) {
    parameter_gradients();
    grad_input.resize(0, 0);
    return;
  }
  const int batch = int(grad_output.rows()), inputs = int(used_weights.rows()), outputs = int(used_weights.cols());
  // dW and dX = dY Wᵀ do the same number of multiply-adds and do not depend on each other. With two
  // threads, one product each beats splitting both (each half of a split product packs the whole of one
  // operand, and each split is a wake-up); with more, each product is split over all of them.
  const bool one_each = ActiveGemmThreads() == 2 && WorthAThread({batch, inputs, outputs});
  if (!one_each) {
    parameter_gradients();
    Multiply(grad_output, false, used_weights, true, grad_input);
    return;
  }
  // Part 0 runs on this thread; a product inside a part stays on its thread and has the same bits.
  auto product = [&](int part) {
    if (part == 0) parameter_gradients();
    else Multiply(grad_output, false, used_weights, true, grad_input);
  };
  RunParts(2, product);
}

void Dense::CollectParameters(std::vector<ParameterRef>& out) {
  if (weights_gradient.size() != weights.size()) weights_gradient = Matrix::Zero(weights.rows(), weights.cols());
  if (bias_gradient.size() != bias.size()) bias_gradient = Matrix::Zero(bias.rows(), bias.cols());
  out.push_back({&weights, &weights_gradient});
  out.push_back({&bias, &bias_gradient, false});
}

}  // namespace netlab
