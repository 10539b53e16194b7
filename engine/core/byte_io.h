#pragma once
// Little-endian binary writing and bounds-checked reading, for the files Netlab writes itself (weights
// files, run snapshots). Reading never throws and never reads past the end: each call returns false
// instead, and sizes are checked against what is left before anything is allocated.
#include <cstdint>
#include <cstring>
#include <string>

#include "core/tensor.h"

namespace netlab {

struct ByteWriter {
  std::string bytes;
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes += char((v >> (8 * i)) & 0xff);
  }
  void U64(uint64_t v) {
    U32(uint32_t(v));
    U32(uint32_t(v >> 32));
  }
  void I64(int64_t v) { U64(uint64_t(v)); }
  void F32(float v) {
    uint32_t bits = 0;
    std::memcpy(&bits, &v, 4);
    U32(bits);
  }
  void F64(double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, 8);
    U64(bits);
  }
  // u32 length, then the bytes.
  void Text(const std::string& text) {
    U32(uint32_t(text.size()));
    bytes += text;
  }
  // u32 rows, u32 cols, rows * cols float32 in row-major order (Matrix is row-major).
  void Floats(const Matrix& m) {
    U32(uint32_t(m.rows()));
    U32(uint32_t(m.cols()));
    for (Eigen::Index i = 0; i < m.size(); ++i) F32(m.data()[i]);
  }
};

struct ByteReader {
  const std::string& bytes;
  size_t at = 0;
  size_t left() const { return bytes.size() - at; }
  bool U32(uint32_t& v) {
    if (left() < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t(uint8_t(bytes[at + size_t(i)])) << (8 * i);
    at += 4;
    return true;
  }
  bool U64(uint64_t& v) {
    uint32_t low = 0, high = 0;
    if (left() < 8 || !U32(low) || !U32(high)) return false;
    v = uint64_t(low) | (uint64_t(high) << 32);
    return true;
  }
  bool I64(int64_t& v) {
    uint64_t u = 0;
    if (!U64(u)) return false;
    v = int64_t(u);
    return true;
  }
  bool F32(float& v) {
    uint32_t bits = 0;
    if (!U32(bits)) return false;
    std::memcpy(&v, &bits, 4);
    return true;
  }
  bool F64(double& v) {
    uint64_t bits = 0;
    if (!U64(bits)) return false;
    std::memcpy(&v, &bits, 8);
    return true;
  }
  // At most `max_size` bytes.
  bool Text(std::string& text, size_t max_size) {
    uint32_t size = 0;
    if (!U32(size) || size > max_size || size > left()) return false;
    text = bytes.substr(at, size);
    at += size;
    return true;
  }
  // A matrix of exactly rows x cols (the shape the reader expects, never the file's own numbers alone).
  bool Floats(Matrix& m, Eigen::Index rows, Eigen::Index cols) {
    uint32_t r = 0, c = 0;
    if (!U32(r) || !U32(c) || Eigen::Index(r) != rows || Eigen::Index(c) != cols) return false;
    if (uint64_t(r) * c * 4 > left()) return false;
    m.resize(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) F32(m.data()[i]);
    return true;
  }
};

}  // namespace netlab
