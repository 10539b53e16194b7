#pragma once
#include <vector>

#include "nn/layer.h"

namespace netlab {

// Maxout (Goodfellow et al. 2013): the preceding dense layer produces units * pieces values; unit j
// outputs the max of its pieces j*k .. j*k+k-1. The gradient flows only to the winning piece.
class Maxout : public Layer {
 public:
  Maxout(int units, int pieces) : units_(units), pieces_(pieces) {}
  const char* kind() const override { return "maxout"; }
  bool smooth() const override { return false; }
  void Forward(const Matrix& input, Matrix& output) override {
    output.resize(input.rows(), units_);
    winner_.resize(size_t(input.rows() * units_));
    input_columns_ = input.cols();
    for (Eigen::Index r = 0; r < input.rows(); ++r)
      for (int j = 0; j < units_; ++j) {
        int best = j * pieces_;
        for (int p = 1; p < pieces_; ++p)
          if (input(r, j * pieces_ + p) > input(r, best)) best = j * pieces_ + p;
        output(r, j) = input(r, best);
        winner_[size_t(r * units_ + j)] = best;
      }
  }
  int units() const { return units_; }
  int pieces() const { return pieces_; }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    grad_input = Matrix::Zero(grad_output.rows(), input_columns_);
    for (Eigen::Index r = 0; r < grad_output.rows(); ++r)
      for (int j = 0; j < units_; ++j) grad_input(r, winner_[size_t(r * units_ + j)]) = grad_output(r, j);
  }

 private:
  int units_, pieces_;
  Eigen::Index input_columns_ = 0;
  std::vector<int> winner_;
};

}  // namespace netlab
