#pragma once
// A whole file's bytes, for the readers that parse them (configs, weights, data sets); binary mode, so
// the bytes are what is on disk on every platform. Reading stops past `max_bytes`, so that a huge file,
// a device such as /dev/zero or a pipe that never ends is refused instead of filling the memory.
#include <fstream>
#include <string>

namespace netlab {

// The most any reader here takes: a weights file of the largest network (12 layers of 256 x 256 and
// their optimizer-free state) is a few MB, and a data file is at most kMaxDataFileBytes (128 MB).
constexpr size_t kMaxFileBytes = size_t(128) << 20;

// False with `error` set when the file cannot be opened or read, or holds more than `max_bytes`.
inline bool ReadFileBytes(const std::string& path, std::string& bytes, std::string& error,
                          size_t max_bytes = kMaxFileBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  bytes.clear();
  char chunk[1 << 16];
  while (in) {
    in.read(chunk, sizeof chunk);
    if (bytes.size() + size_t(in.gcount()) > max_bytes) {
      bytes.clear();
      error = path + " is larger than " + std::to_string(max_bytes) + " bytes, the most it may hold";
      return false;
    }
    bytes.append(chunk, size_t(in.gcount()));
  }
  if (in.bad()) {
    error = "cannot read " + path;
    return false;
  }
  return true;
}

}  // namespace netlab
