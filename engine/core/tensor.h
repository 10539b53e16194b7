#pragma once
// Float32 tensors on Eigen. A batch is a matrix with one sample per row (batch x features), so a dense
// layer is Y = X W + b with W of shape (fan_in x fan_out), as in the lecture notes.
#include <Eigen/Dense>

namespace netlab {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

}  // namespace netlab
