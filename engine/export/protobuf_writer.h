#pragma once
// The few protocol-buffer encodings an ONNX file needs, written by hand (docs/onnx.md says why):
// varints, length-delimited fields (strings, bytes, nested messages) and packed repeated int64s.
// Wire format: https://protobuf.dev/programming-guides/encoding/ — each field is a key
// (field_number << 3 | wire_type) followed by its value.
#include <cstdint>
#include <string>
#include <vector>

namespace netlab {

class ProtobufWriter {
 public:
  void Varint(int field, uint64_t value);   // wire type 0: int32, int64, enums
  void Float(int field, float value);       // wire type 5: 4 bytes little-endian
  void Bytes(int field, const std::string& bytes);  // wire type 2: strings, bytes, nested messages
  void Message(int field, const ProtobufWriter& nested) { Bytes(field, nested.bytes()); }
  void PackedVarints(int field, const std::vector<int64_t>& values);  // wire type 2, one block
  const std::string& bytes() const { return bytes_; }

 private:
  void Key(int field, int wire_type);
  void RawVarint(uint64_t value);
  std::string bytes_;
};

}  // namespace netlab
