#include "core/checksums.h"

#include <array>

namespace netlab {

uint32_t Crc32(const uint8_t* bytes, size_t size, uint32_t crc) {
  // One table of the 256 byte remainders, computed once (the "sample code" of PNG's annex D).
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> built{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      built[n] = c;
    }
    return built;
  }();
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

// Two sums modulo 65521, the largest prime below 2^16.
uint32_t Adler32(const uint8_t* bytes, size_t size) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < size; ++i) {
    a = (a + bytes[i]) % 65521u;
    b = (b + a) % 65521u;
  }
  return (b << 16) | a;
}

}  // namespace netlab
