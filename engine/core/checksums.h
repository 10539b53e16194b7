#pragma once
// The checksums the file and link formats carry: CRC-32 (ISO 3309 / ITU-T V.42, reflected polynomial
// 0xEDB88320, as gzip, PNG section 5.5 and zlib's crc32()) and Adler-32 (RFC 1950 section 8.2).
#include <cstddef>
#include <cstdint>
#include <string>

namespace netlab {

// `crc` continues an earlier CRC over bytes that came before (0 to start).
uint32_t Crc32(const uint8_t* bytes, size_t size, uint32_t crc = 0);
inline uint32_t Crc32(const std::string& bytes) {
  return Crc32(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}
uint32_t Adler32(const uint8_t* bytes, size_t size);

}  // namespace netlab
