#pragma once
// Images travel through the layer stack as ordinary rows: one sample per row, its values laid out
// channel by channel, each channel row-major (C x H x W, "NCHW" flattened). Dense layers can therefore
// follow convolutions directly, and Flatten is only a change of the shape's name.
namespace netlab {

struct ImageShape {
  int channels = 1, height = 1, width = 1;
  int size() const { return channels * height * width; }
};

// Output side length of a sliding window: floor((n + 2 padding - kernel) / stride) + 1.
inline int SlidingOutputSize(int n, int kernel, int stride, int padding) {
  return (n + 2 * padding - kernel) / stride + 1;
}

}  // namespace netlab
