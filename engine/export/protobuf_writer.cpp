#include "export/protobuf_writer.h"

#include <cstring>

namespace netlab {

// Seven bits per byte, least significant group first; the high bit says "more bytes follow".
void ProtobufWriter::RawVarint(uint64_t value) {
  while (value >= 0x80) {
    bytes_.push_back(char((value & 0x7f) | 0x80));
    value >>= 7;
  }
  bytes_.push_back(char(value));
}

void ProtobufWriter::Key(int field, int wire_type) { RawVarint((uint64_t(field) << 3) | uint64_t(wire_type)); }

// A negative int64 is its two's complement as a 10-byte varint, as protobuf's int64 is.
void ProtobufWriter::Varint(int field, uint64_t value) {
  Key(field, 0);
  RawVarint(value);
}

void ProtobufWriter::Float(int field, float value) {
  Key(field, 5);
  char raw[4];
  std::memcpy(raw, &value, 4);  // x86 and wasm32 are little-endian, as the format is
  bytes_.append(raw, 4);
}

void ProtobufWriter::Bytes(int field, const std::string& bytes) {
  Key(field, 2);
  RawVarint(bytes.size());
  bytes_ += bytes;
}

void ProtobufWriter::PackedVarints(int field, const std::vector<int64_t>& values) {
  ProtobufWriter block;
  for (int64_t v : values) block.RawVarint(uint64_t(v));
  Bytes(field, block.bytes_);
}

}  // namespace netlab
