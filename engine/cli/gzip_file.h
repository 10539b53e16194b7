#pragma once
// Reading a data file on the desktop, gunzipping it when it is gzipped (zlib reads plain files
// unchanged), with a cap on the unpacked size: a few hundred kilobytes of .gz can unpack to gigabytes,
// so reading stops as soon as the output passes `max_bytes` (engine/data/from_files.h's
// kMaxDataFileBytes for the Models window). Native only; the page unpacks with DecompressionStream.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace netlab {

inline bool ReadMaybeGzippedFile(const std::string& path, size_t max_bytes, std::vector<uint8_t>& bytes,
                                 std::string& error) {
  gzFile in = gzopen(path.c_str(), "rb");
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  bytes.clear();
  unsigned char chunk[1 << 16];
  int got;
  while ((got = gzread(in, chunk, sizeof chunk)) > 0) {
    if (bytes.size() + size_t(got) > max_bytes) {
      gzclose(in);
      bytes.clear();
      error = path + " unpacks to more than " + std::to_string(max_bytes >> 20) + " MB, the limit for a data file";
      return false;
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  gzclose(in);
  if (got < 0) error = "cannot unpack " + path;
  return got == 0;
}

}  // namespace netlab
