#pragma once
// Reading the shipped and installed data files from tests. The WASM test build runs under node with
// NODERAWFS, so plain file streams reach the same paths there. Gunzipping uses zlib (ui/platform/gzip_file.h) and exists only in
// the native build (NETLAB_HAVE_ZLIB), which is where the Fashion-MNIST tests run.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifdef NETLAB_HAVE_ZLIB
#include "data/from_files.h"
#include "platform/gzip_file.h"
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
// Debian's Fashion-MNIST, through the desktop's bounded reader (the training images unpack to 47 MB).
inline bool ReadGzipFile(const std::string& path, std::vector<uint8_t>& bytes) {
  std::string error;
  return ReadMaybeGzippedFile(path, kMaxDataFileBytes, bytes, error);
}
#endif

}  // namespace netlab
