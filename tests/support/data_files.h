#pragma once
// Reading the shipped and installed data files from tests. The WASM test build runs under node with
// NODERAWFS, so plain file streams reach the same paths there. Gunzipping uses zlib and exists only in
// the native build (NETLAB_HAVE_ZLIB), which is where the Fashion-MNIST tests run.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifdef NETLAB_HAVE_ZLIB
#include <zlib.h>
#endif

namespace netlab {

inline std::string SourcePath(const std::string& relative) { return std::string(NETLAB_SOURCE_DIR) + "/" + relative; }

inline bool ReadTextFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

#ifdef NETLAB_HAVE_ZLIB
inline bool ReadGzipFile(const std::string& path, std::vector<uint8_t>& bytes) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) return false;
  bytes.clear();
  uint8_t chunk[1 << 16];
  int got;
  while ((got = gzread(file, chunk, sizeof chunk)) > 0) bytes.insert(bytes.end(), chunk, chunk + got);
  gzclose(file);
  return got == 0;
}
#endif

}  // namespace netlab
