#pragma once
// 2-D convolution (cross-correlation, as in every deep-learning library) by im2col:
//   Y[n, o, i, j] = b[o] + sum_{c, u, v} W[c u v, o] X[n, c, i s + u - p, j s + v - p]
// For each image n the receptive fields become the columns of cols_n ((C k k) x (out_h out_w): row
// c k k + u k + v holds, for every output position, the pixel that kernel tap sees), so the image's
// output, channel-major as the next layer reads it, is one product written straight into its row:
//   Y_n = Wᵀ cols_n + b                       (out_channels x positions)
// and backward is the dense layer's: dW = sum_n cols_n dY_nᵀ, db = sum dY, dcols_n = W dY_n, added back
// (col2im) into dX, each entry to the pixel it came from (Chellapilla et al. 2006; Caffe's layout).
// With `relu` the layer also applies max(0, ·) in the same pass (and masks dY by it in backward),
// which saves the separate activation layer's copies.
#include <cstdint>
#include <string>
#include <vector>

#include "conv/image_shape.h"
#include "nn/layer.h"
#include "core/rng.h"

namespace netlab {

// Why a convolution of these sizes is impossible, or "" if it is fine. Checked before building a layer:
// the WASM build runs without C++ exceptions, so bad shapes are reported, not thrown.
std::string Conv2dShapeError(ImageShape input, int out_channels, int kernel, int stride, int padding);

class Conv2d : public Layer {
 public:
  // The sizes must pass Conv2dShapeError; impossible ones are clamped to a 1x1 output so nothing
  // reads out of bounds.
  Conv2d(ImageShape input, int out_channels, int kernel, int stride = 1, int padding = 0, bool relu = false);
  const char* kind() const override { return "conv2d"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;

  ImageShape input_shape() const { return input_; }
  ImageShape output_shape() const { return output_; }
  int kernel() const { return kernel_; }
  int stride() const { return stride_; }
  int padding() const { return padding_; }
  bool relu() const { return relu_; }
  // The first layer of a network reads the data, whose gradient nobody needs: with false, Backward skips
  // the product and col2im for dX and leaves grad_input empty.
  void set_input_gradient_needed(bool needed) { input_gradient_needed_ = needed; }
  // He initialisation for the ReLU networks this layer usually sits in: W ~ N(0, 2 / fan_in).
  void InitializeHe(Rng& rng);

  Matrix weights;  // (channels * kernel * kernel) x out_channels; row index c k k + u k + v
  Matrix bias;     // 1 x out_channels
  Matrix weights_gradient, bias_gradient;

 private:
  struct TapRange {
    int first, last;
  };
  TapRange ValidColumns(int offset) const;
  // cols_n of one image (channel-major pixels) into `columns`, zeros where the kernel is in the padding.
  // Calls visit(c, u, v, tap) for every input channel c and kernel offset (u, v); `tap` is their row of
  // the column matrix (channel-major, then u, then v), as im2col lays them out.
  template <class Visit>
  void ForEachTap(Visit visit) const {
    for (int c = 0; c < input_.channels; ++c)
      for (int u = 0; u < kernel_; ++u)
        for (int v = 0; v < kernel_; ++v) visit(c, u, v, long((c * kernel_ + u) * kernel_ + v));
  }
  void Im2col(const float* image, float* columns) const;
  void ImageSizedIm2col(const float* image, float* columns) const;  // Im2col's stride-1 "same" case
  // The reverse gather: adds every entry of `columns` to the pixel of `image` it was read from;
  // `columns` is scratch and may be overwritten.
  void Col2imAdd(float* columns, float* image) const;
  void ImageSizedCol2imAdd(float* columns, float* image) const;  // Col2imAdd's stride-1 "same" case

  ImageShape input_, output_;
  int kernel_, stride_, padding_;
  bool relu_;
  bool input_gradient_needed_ = true;
  // The input, kept for backward, which builds each image's columns again. Keeping the whole batch's
  // columns instead (k² times the input: 7.2 MB for the bench CNN's second conv) cost more in memory
  // traffic, written once and read back from beyond the cache, than redoing im2col into a buffer that
  // stays in cache.
  Matrix images_;
  // With relu: 0xff where the output is > 0, else 0, one byte a value; it masks dY in backward.
  std::vector<std::uint8_t> positive_;
  // Forward and backward split the batch into at most kBatchParts parts (fixed, whatever the thread
  // count), each with its own sums and scratch.
  static constexpr int kBatchParts = 4;
  struct PartGradients {
    Matrix weights, bias;  // this part's dW and db
    Matrix grad_product;   // one image's dY (masked by the relu), out_channels x positions
    Matrix columns;        // one image's cols_n, then in backward its dcols: (channels * kernel * kernel) x positions
  };
  std::vector<PartGradients> part_gradients_;
  static int BatchParts(int batch);
  void ForwardImages(const Matrix& input, Matrix& output, int first, int last, PartGradients& part);
  void BackwardImages(const Matrix& grad_output, Matrix& grad_input, int first, int last, PartGradients& part);
};

}  // namespace netlab
