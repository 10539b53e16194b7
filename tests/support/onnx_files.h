#pragma once
// What the hidden [onnx_files] tests write for tests/cli/onnx_export_test.sh: an exported model with its
// inputs and Netlab's outputs beside it as CSV files (NAME.onnx, NAME.in.csv, NAME.out.csv).
#include <cstdio>
#include <fstream>
#include <string>

#include "core/tensor.h"

namespace netlab {

inline void WriteMatrixCsv(const std::string& path, const Matrix& m) {
  std::ofstream out(path);
  char number[32];
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
      std::snprintf(number, sizeof number, "%.9g", m(r, c));  // 9 digits: the exact float
      out << number << (c + 1 < m.cols() ? ',' : '\n');
    }
}

inline void WriteOnnxCase(const std::string& dir, const std::string& name, const std::string& bytes,
                          const Matrix& inputs, const Matrix& outputs) {
  std::ofstream(dir + "/" + name + ".onnx", std::ios::binary) << bytes;
  WriteMatrixCsv(dir + "/" + name + ".in.csv", inputs);
  WriteMatrixCsv(dir + "/" + name + ".out.csv", outputs);
}

}  // namespace netlab
