#include "data/idx.h"

namespace netlab {
namespace {

uint32_t ReadBigEndian(const std::vector<uint8_t>& bytes, size_t offset) {
  return (uint32_t(bytes[offset]) << 24) | (uint32_t(bytes[offset + 1]) << 16) |
         (uint32_t(bytes[offset + 2]) << 8) | uint32_t(bytes[offset + 3]);
}

std::string Hex(uint32_t value) {
  static const char digits[] = "0123456789abcdef";
  std::string text = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) text += digits[(value >> shift) & 0xF];
  return text;
}

}  // namespace

bool ParseIdxImages(const std::vector<uint8_t>& bytes, IdxImages& images, std::string& error) {
  if (bytes.size() < 16) {
    error = "IDX images: file too short for its 16-byte header (" + std::to_string(bytes.size()) + " bytes)";
    return false;
  }
  const uint32_t magic = ReadBigEndian(bytes, 0);
  if (magic != 0x00000803u) {
    error = "IDX images: magic number " + Hex(magic) + ", expected 0x00000803 (is it gzipped or a label file?)";
    return false;
  }
  const uint32_t count = ReadBigEndian(bytes, 4), rows = ReadBigEndian(bytes, 8), columns = ReadBigEndian(bytes, 12);
  if (count == 0 || rows == 0 || columns == 0 || rows > 4096 || columns > 4096 || count > 100000000u) {
    error = "IDX images: implausible size " + std::to_string(count) + " x " + std::to_string(rows) + " x " +
            std::to_string(columns);
    return false;
  }
  const uint64_t expected = 16 + uint64_t(count) * rows * columns;
  if (bytes.size() != expected) {
    error = "IDX images: header promises " + std::to_string(count) + " images of " + std::to_string(rows) + "x" +
            std::to_string(columns) + " (" + std::to_string(expected) + " bytes), file has " +
            std::to_string(bytes.size()) + " bytes" + (bytes.size() < expected ? " (truncated?)" : "");
    return false;
  }
  images.count = int(count);
  images.rows = int(rows);
  images.columns = int(columns);
  images.pixels.assign(bytes.begin() + 16, bytes.end());
  return true;
}

bool ParseIdxLabels(const std::vector<uint8_t>& bytes, std::vector<uint8_t>& labels, std::string& error) {
  if (bytes.size() < 8) {
    error = "IDX labels: file too short for its 8-byte header (" + std::to_string(bytes.size()) + " bytes)";
    return false;
  }
  const uint32_t magic = ReadBigEndian(bytes, 0);
  if (magic != 0x00000801u) {
    error = "IDX labels: magic number " + Hex(magic) + ", expected 0x00000801 (is it gzipped or an image file?)";
    return false;
  }
  const uint32_t count = ReadBigEndian(bytes, 4);
  if (bytes.size() != 8 + uint64_t(count)) {
    error = "IDX labels: header promises " + std::to_string(count) + " labels, file has " +
            std::to_string(bytes.size() - 8) + (bytes.size() < 8 + uint64_t(count) ? " (truncated?)" : "");
    return false;
  }
  labels.assign(bytes.begin() + 8, bytes.end());
  return true;
}

bool MakeIdxDataset(const IdxImages& images, const std::vector<uint8_t>& labels, int classes, int limit,
                    LabeledData& data, std::string& error) {
  if (size_t(images.count) != labels.size()) {
    error = "IDX: " + std::to_string(images.count) + " images but " + std::to_string(labels.size()) + " labels";
    return false;
  }
  const int count = (limit > 0 && limit < images.count) ? limit : images.count;
  const int pixels = images.rows * images.columns;
  data = LabeledData{};
  data.classes = classes;
  data.image_width = images.columns;
  data.image_height = images.rows;
  data.features.resize(count, pixels);
  data.labels.resize(size_t(count));
  for (int i = 0; i < count; ++i) {
    if (labels[size_t(i)] >= classes) {
      error = "IDX: label " + std::to_string(labels[size_t(i)]) + " of sample " + std::to_string(i) +
              " is not below " + std::to_string(classes);
      return false;
    }
    data.labels[size_t(i)] = labels[size_t(i)];
    for (int p = 0; p < pixels; ++p) data.features(i, p) = float(images.pixels[size_t(i) * size_t(pixels) + size_t(p)]) / 255.0f;
  }
  for (int c = 0; c < classes; ++c) data.class_names.push_back(std::to_string(c));
  return true;
}

}  // namespace netlab
