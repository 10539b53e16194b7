#include "export/onnx_graph.h"

#include <cstring>

#include "export/protobuf_writer.h"

namespace netlab {
namespace {

// Field numbers from onnx/onnx.proto.
namespace model { constexpr int kIrVersion = 1, kProducerName = 2, kProducerVersion = 3, kDoc = 6, kGraph = 7, kOpset = 8; }
namespace opset { constexpr int kDomain = 1, kVersion = 2; }
namespace graph { constexpr int kNode = 1, kName = 2, kInitializer = 5, kDoc = 10, kInput = 11, kOutput = 12; }
namespace node { constexpr int kInput = 1, kOutput = 2, kName = 3, kOpType = 4, kAttribute = 5; }
namespace attribute { constexpr int kName = 1, kF = 2, kI = 3, kInts = 8, kType = 20; }
namespace tensor { constexpr int kDims = 1, kDataType = 2, kName = 8, kRawData = 9; }
namespace value_info { constexpr int kName = 1, kType = 2; }
namespace type_proto { constexpr int kTensorType = 1; }
namespace tensor_type { constexpr int kElemType = 1, kShape = 2; }
namespace shape { constexpr int kDim = 1; }
namespace dimension { constexpr int kValue = 1, kParam = 2; }
constexpr int kFloatType = 1, kInt64Type = 7;

// ValueInfoProto of a float tensor (batch x columns) with a symbolic batch size, and symbolic columns
// named `columns_name` when that is not empty.
ProtobufWriter BatchTensorInfo(const std::string& name, int64_t columns, const std::string& columns_name) {
  ProtobufWriter batch, width, dims, tensor_info, type, info;
  batch.Bytes(dimension::kParam, "batch");
  if (columns_name.empty())
    width.Varint(dimension::kValue, uint64_t(columns));
  else
    width.Bytes(dimension::kParam, columns_name);
  dims.Message(shape::kDim, batch);
  dims.Message(shape::kDim, width);
  tensor_info.Varint(tensor_type::kElemType, kFloatType);
  tensor_info.Message(tensor_type::kShape, dims);
  type.Message(type_proto::kTensorType, tensor_info);
  info.Bytes(value_info::kName, name);
  info.Message(value_info::kType, type);
  return info;
}

std::string FloatBytes(const Matrix& values) {
  std::string raw(size_t(values.size()) * 4, '\0');
  std::memcpy(raw.data(), values.data(), raw.size());  // Matrix is row-major, as ONNX tensors are
  return raw;
}

}  // namespace

OnnxAttribute FloatAttribute(const std::string& name, float value) { return {name, OnnxAttribute::kFloat, value, 0, {}}; }
OnnxAttribute IntAttribute(const std::string& name, int64_t value) { return {name, OnnxAttribute::kInt, 0.0f, value, {}}; }
OnnxAttribute IntsAttribute(const std::string& name, std::vector<int64_t> values) {
  return {name, OnnxAttribute::kInts, 0.0f, 0, std::move(values)};
}

std::string OnnxGraph::FreshName(const std::string& stem) { return stem + "_" + std::to_string(counter_++); }

std::string OnnxGraph::Node(const std::string& op, const std::vector<std::string>& inputs,
                            const std::vector<OnnxAttribute>& attributes, const std::string& output) {
  nodes_.push_back({op, output.empty() ? FreshName(op) : output, inputs, attributes});
  return nodes_.back().output;
}

std::string OnnxGraph::AddInitializer(const std::string& stem, std::vector<int64_t> dims, int data_type,
                                      std::string raw) {
  initializers_.push_back({FreshName(stem), std::move(dims), data_type, std::move(raw)});
  return initializers_.back().name;
}

std::string OnnxGraph::Weights(const std::string& stem, const Matrix& values) {
  return AddInitializer(stem, {int64_t(values.rows()), int64_t(values.cols())}, kFloatType, FloatBytes(values));
}

std::string OnnxGraph::Vector(const std::string& stem, const Matrix& values) {
  return AddInitializer(stem, {int64_t(values.size())}, kFloatType, FloatBytes(values));
}

std::string OnnxGraph::Tensor(const std::string& stem, const Matrix& values, const std::vector<int64_t>& dims) {
  return AddInitializer(stem, dims, kFloatType, FloatBytes(values));
}

std::string OnnxGraph::Scalar(const std::string& stem, float value) {
  return AddInitializer(stem, {}, kFloatType, FloatBytes(Matrix::Constant(1, 1, value)));
}

std::string OnnxGraph::Int64Vector(const std::string& stem, const std::vector<int64_t>& values) {
  std::string raw(values.size() * 8, '\0');
  std::memcpy(raw.data(), values.data(), raw.size());
  return AddInitializer(stem, {int64_t(values.size())}, kInt64Type, raw);
}

void OnnxGraph::SetInput(const std::string& name, int64_t columns, const std::string& columns_name) {
  input_ = name;
  input_columns_ = columns;
  input_columns_name_ = columns_name;
}

void OnnxGraph::SetOutput(const std::string& name, int64_t columns, const std::string& columns_name) {
  output_ = name;
  output_columns_ = columns;
  output_columns_name_ = columns_name;
}

std::string OnnxGraph::Serialize(const std::string& graph_name, const std::string& doc) const {
  ProtobufWriter g;
  for (const NodeEntry& n : nodes_) {
    ProtobufWriter w;
    for (const std::string& in : n.inputs) w.Bytes(node::kInput, in);
    w.Bytes(node::kOutput, n.output);
    w.Bytes(node::kName, n.output);
    w.Bytes(node::kOpType, n.op);
    for (const OnnxAttribute& a : n.attributes) {
      ProtobufWriter aw;
      aw.Bytes(attribute::kName, a.name);
      if (a.type == OnnxAttribute::kFloat) aw.Float(attribute::kF, a.f);
      if (a.type == OnnxAttribute::kInt) aw.Varint(attribute::kI, uint64_t(a.i));
      if (a.type == OnnxAttribute::kInts) aw.PackedVarints(attribute::kInts, a.ints);
      aw.Varint(attribute::kType, uint64_t(a.type));
      w.Message(node::kAttribute, aw);
    }
    g.Message(graph::kNode, w);
  }
  g.Bytes(graph::kName, graph_name);
  for (const Initializer& init : initializers_) {
    ProtobufWriter t;
    if (!init.dims.empty()) t.PackedVarints(tensor::kDims, init.dims);
    t.Varint(tensor::kDataType, uint64_t(init.data_type));
    t.Bytes(tensor::kName, init.name);
    t.Bytes(tensor::kRawData, init.raw);
    g.Message(graph::kInitializer, t);
  }
  g.Bytes(graph::kDoc, doc);
  g.Message(graph::kInput, BatchTensorInfo(input_, input_columns_, input_columns_name_));
  g.Message(graph::kOutput, BatchTensorInfo(output_, output_columns_, output_columns_name_));

  ProtobufWriter opset_id, m;
  opset_id.Bytes(opset::kDomain, "");
  opset_id.Varint(opset::kVersion, kOnnxOpset);
  m.Varint(model::kIrVersion, kOnnxIrVersion);
  m.Bytes(model::kProducerName, "netlab");
  m.Bytes(model::kProducerVersion, "1");
  m.Bytes(model::kDoc, doc);
  m.Message(model::kGraph, g);
  m.Message(model::kOpset, opset_id);
  return m.bytes();
}

}  // namespace netlab
