#pragma once
// Reading the shipped and installed data files from tests. The WASM test build runs under node with
// NODERAWFS, so plain file streams reach the same paths there. Gunzipping uses zlib (engine/cli/gzip_file.h) and exists only in
// the native build (NETLAB_HAVE_ZLIB), which is where the Fashion-MNIST tests run.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifdef NETLAB_HAVE_ZLIB
#include <catch2/catch.hpp>

#include "data/from_files.h"
#include "data/idx.h"
#include "data/labeled.h"
#include "cli/gzip_file.h"
#endif

#include "core/file_bytes.h"

namespace netlab {

inline std::string SourcePath(const std::string& relative) { return std::string(NETLAB_SOURCE_DIR) + "/" + relative; }

inline bool ReadTextFile(const std::string& path, std::string& text) {
  std::string error;
  return ReadFileBytes(path, text, error);
}

#ifdef NETLAB_HAVE_ZLIB
// Debian's Fashion-MNIST, through the desktop's bounded reader (the training images unpack to 47 MB).
inline bool ReadGzipFile(const std::string& path, std::vector<uint8_t>& bytes) {
  std::string error;
  return ReadMaybeGzippedFile(path, kMaxDataFileBytes, bytes, error);
}

// One split ("train" or "t10k") of Debian's Fashion-MNIST, pixels scaled to [0, 1]; the first `limit`
// images, or all of them with 0.
inline LabeledData LoadFashion(const std::string& split, int limit) {
  const std::string dir = "/usr/share/datasets/fashion-mnist/";
  std::vector<uint8_t> image_bytes, label_bytes, labels;
  IdxImages images;
  LabeledData data;
  std::string error;
  REQUIRE(ReadGzipFile(dir + split + "-images-idx3-ubyte.gz", image_bytes));
  REQUIRE(ReadGzipFile(dir + split + "-labels-idx1-ubyte.gz", label_bytes));
  REQUIRE(ParseIdxImages(image_bytes, images, error));
  REQUIRE(ParseIdxLabels(label_bytes, labels, error));
  REQUIRE(MakeIdxDataset(images, labels, 10, limit, data, error));
  return data;
}
#endif

}  // namespace netlab
