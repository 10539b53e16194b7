#pragma once
// An ONNX graph under construction and its serialisation as a ModelProto (onnx/onnx.proto, IR version 8,
// default-domain opset 17, the newest that Debian's python3-onnx 1.12 checks). Values are named by
// strings; each node here has one output, so Node() returns the name of the value it makes.
#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace netlab {

constexpr int64_t kOnnxIrVersion = 8;
constexpr int64_t kOnnxOpset = 17;

struct OnnxAttribute {
  enum Type { kFloat = 1, kInt = 2, kInts = 7 };  // AttributeProto.AttributeType
  std::string name;
  Type type = kFloat;
  float f = 0.0f;
  int64_t i = 0;
  std::vector<int64_t> ints;
};
OnnxAttribute FloatAttribute(const std::string& name, float value);
OnnxAttribute IntAttribute(const std::string& name, int64_t value);
OnnxAttribute IntsAttribute(const std::string& name, std::vector<int64_t> values);

class OnnxGraph {
 public:
  // Adds a node with one output, named `output` or else after `op` and a counter; returns that name.
  std::string Node(const std::string& op, const std::vector<std::string>& inputs,
                   const std::vector<OnnxAttribute>& attributes = {}, const std::string& output = "");
  // Float initializers: a matrix keeps its (rows x cols) shape, Vector() is 1-D, Scalar() 0-D.
  std::string Weights(const std::string& stem, const Matrix& values);
  std::string Vector(const std::string& stem, const Matrix& values);
  std::string Scalar(const std::string& stem, float value);
  // The matrix's row-major values under any shape with as many entries (a conv kernel's 4-D one).
  std::string Tensor(const std::string& stem, const Matrix& values, const std::vector<int64_t>& dims);
  std::string Int64Vector(const std::string& stem, const std::vector<int64_t>& values);

  // The graph's one input and one output: float tensors of shape (batch x columns), batch symbolic;
  // with `columns_name` the columns are symbolic too (a sequence's steps), named so.
  void SetInput(const std::string& name, int64_t columns, const std::string& columns_name = "");
  void SetOutput(const std::string& name, int64_t columns, const std::string& columns_name = "");
  std::string Serialize(const std::string& graph_name, const std::string& doc) const;

  // Set by the exporters when something cannot be written; the first message wins.
  void Fail(const std::string& message) {
    if (error.empty()) error = message;
  }
  std::string error;

 private:
  struct NodeEntry {
    std::string op, output;
    std::vector<std::string> inputs;
    std::vector<OnnxAttribute> attributes;
  };
  struct Initializer {
    std::string name;
    std::vector<int64_t> dims;
    int data_type;  // TensorProto.DataType: 1 float, 7 int64
    std::string raw;  // little-endian values, row-major
  };
  std::string FreshName(const std::string& stem);
  std::string AddInitializer(const std::string& stem, std::vector<int64_t> dims, int data_type, std::string raw);

  std::vector<NodeEntry> nodes_;
  std::vector<Initializer> initializers_;
  std::string input_, output_, input_columns_name_, output_columns_name_;
  int64_t input_columns_ = 0, output_columns_ = 0;
  int counter_ = 0;
};

}  // namespace netlab
