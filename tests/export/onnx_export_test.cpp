// The hand-written protobuf encoder against the wire format's published examples, and the ONNX
// exporter's refusals (a layer kind it does not know gets a message naming it, no file).
#include <catch2/catch.hpp>

#include <memory>

#include "config/config.h"
#include "export/onnx_export.h"
#include "export/onnx_layers.h"
#include "export/protobuf_writer.h"
#include "nn/activation.h"
#include "nn/dense.h"

using namespace netlab;

namespace {

std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

struct UnknownLayer : Layer {
  const char* kind() const override { return "mystery"; }
  void Forward(const Matrix& input, Matrix& output) override { output = input; }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override { grad_input = grad_output; }
};

}  // namespace

TEST_CASE("protobuf varints and fields match the wire-format examples", "[export]") {
  ProtobufWriter w;
  w.Varint(1, 150);  // protobuf.dev encoding guide: field 1 = 150 is 08 96 01
  CHECK(Hex(w.bytes()) == "089601");
  ProtobufWriter s;
  s.Bytes(2, "testing");  // the guide's string example: 12 07 74 65 73 74 69 6e 67
  CHECK(Hex(s.bytes()) == "120774657374696e67");
  ProtobufWriter n;
  n.Varint(1, uint64_t(int64_t(-1)));  // int64 -1: ten bytes, nine ff-continued 7-bit groups then 01
  CHECK(Hex(n.bytes()) == "08ffffffffffffffffff01");
  ProtobufWriter p;
  p.PackedVarints(4, {3, 270, 86942});  // the guide's packed example: 22 06 03 8e 02 9e a7 05
  CHECK(Hex(p.bytes()) == "2206038e029ea705");
  ProtobufWriter f;
  f.Float(2, 1.0f);  // 1.0f is 0x3f800000, little-endian after key (2 << 3 | 5) = 0x15
  CHECK(Hex(f.bytes()) == "150000803f");
}

TEST_CASE("every element-wise activation has an ONNX writer", "[export]") {
  for (const Activation& a : Activations()) {
    INFO(a.name);
    bool found = false;
    for (const OnnxLayerWriter& w : OnnxLayerWriters()) found = found || std::string(w.name) == a.name;
    CHECK(found);
  }
}

TEST_CASE("a layer kind without an ONNX writer is refused with its name", "[export]") {
  Config config;
  config.hidden.clear();
  Network network;
  network.Add(std::make_unique<Dense>(2, 1));
  network.Add(std::make_unique<UnknownLayer>());
  std::string bytes, error;
  CHECK_FALSE(ExportOnnx(config, network, bytes, error));
  CHECK(error.find("mystery") != std::string::npos);
  CHECK(bytes.empty());
}

TEST_CASE("an exported model starts with IR version 8 and names its opset 17", "[export]") {
  Config config;
  config.hidden.clear();
  Network network;
  network.Add(std::make_unique<Dense>(2, 1));
  std::string bytes, error;
  REQUIRE(ExportOnnx(config, network, bytes, error));
  CHECK(Hex(bytes.substr(0, 2)) == "0808");  // ModelProto field 1 (ir_version), varint 8
  // OperatorSetIdProto {domain: "", version: 17} = 0a 00 10 11, inside field 8 (key 0x42), 4 bytes long.
  CHECK(Hex(bytes).find("42040a001011") != std::string::npos);
}
