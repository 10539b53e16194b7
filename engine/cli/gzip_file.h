#pragma once
// Reading a data file from disk, gunzipped when it is gzipped (links/deflate.h's Gunzip: the same code
// in the native and the WASM command line), with a cap on the unpacked size: a few hundred kilobytes of
// .gz can unpack to gigabytes, so unpacking stops as soon as the output passes `max_bytes`
// (engine/data/from_files.h's kMaxDataFileBytes). The page unpacks with DecompressionStream.
#include <cstdint>
#include <string>
#include <vector>

#include "core/file_bytes.h"
#include "links/deflate.h"

namespace netlab {

inline bool ReadMaybeGzippedFile(const std::string& path, size_t max_bytes, std::vector<uint8_t>& bytes,
                                 std::string& error) {
  bytes.clear();
  std::string packed, unpacked;
  if (!ReadFileBytes(path, packed, error, max_bytes)) return false;
  if (!LooksGzipped(packed)) {
    bytes.assign(packed.begin(), packed.end());
    return true;
  }
  std::string why;
  if (!Gunzip(packed, max_bytes, unpacked, why)) {
    error = why.rfind("it expands to more than", 0) == 0
                ? path + " unpacks to more than " + std::to_string(max_bytes >> 20) + " MB, the limit for a data file"
                : "cannot unpack " + path + ": " + why;
    return false;
  }
  bytes.assign(unpacked.begin(), unpacked.end());
  return true;
}

}  // namespace netlab
