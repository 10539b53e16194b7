#pragma once
// A whole file's bytes, for the readers that parse them (configs, weights, data sets); binary mode, so
// the bytes are what is on disk on every platform.
#include <fstream>
#include <sstream>
#include <string>

namespace netlab {

// False when the file cannot be opened.
inline bool ReadFileBytes(const std::string& path, std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  bytes = buffer.str();
  return true;
}

}  // namespace netlab
