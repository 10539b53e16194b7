#pragma once
// The IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian header
//   magic = 0x00000803 (unsigned bytes, 3 dimensions) then count, rows, columns for images;
//   magic = 0x00000801 then count for labels; then the raw bytes.
// The parser takes the uncompressed bytes, so it is platform-free; gunzipping is the caller's job.
#include <cstdint>
#include <string>
#include <vector>

#include "data/labeled.h"

namespace netlab {

struct IdxImages {
  int count = 0, rows = 0, columns = 0;
  std::vector<uint8_t> pixels;  // count * rows * columns, row-major per image
};

bool ParseIdxImages(const std::vector<uint8_t>& bytes, IdxImages& images, std::string& error);
bool ParseIdxLabels(const std::vector<uint8_t>& bytes, std::vector<uint8_t>& labels, std::string& error);

// Pairs images with labels (counts must match) into LabeledData with pixels scaled to [0, 1].
// `limit` > 0 keeps only the first `limit` samples.
bool MakeIdxDataset(const IdxImages& images, const std::vector<uint8_t>& labels, int classes, int limit,
                    LabeledData& data, std::string& error);

}  // namespace netlab
