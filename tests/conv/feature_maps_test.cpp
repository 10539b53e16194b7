// ConvolutionsOf (conv/feature_maps.h), what the classification task's Model tab draws: it finds the
// convolution a `:res` row wraps in a residual skip, and that block's maps are y = x + F(x), here worked
// out by hand from the block's own filters (the cross-correlation sum of conv2d.h, written as loops, and
// tanh) on a tiny 1x4x4 image.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "conv/feature_maps.h"
#include "support/config_text.h"
#include "support/test_support.h"
#include "networks/network_builder.h"

using namespace netlab;

TEST_CASE("ConvolutionsOf reaches the convolution inside a residual block, whose maps are x + F(x)",
          "[conv][feature_maps][residual]") {
  const Config c = DigitsStack("conv:2:tanh:3x3:s1:p1,conv:2:tanh:3x3:s1:p1:res,flatten");
  const DataShape tiny{1, 4, 4, 3};
  Rng rng(8);
  Network net = BuildStack(c, tiny, 3, rng);
  const Matrix images = RandomMatrix(2, 16, rng);
  net.Forward(images);
  const std::vector<ConvolutionMaps> convs = ConvolutionsOf(net);
  REQUIRE(convs.size() == 2);  // the plain one and the one inside the skip; the output dense is none
  CHECK(!convs[0].residual);
  REQUIRE(convs[1].residual);
  // A bias off zero, so that a map without it (or with the skip's x left out) cannot pass.
  Conv2d& conv = *convs[1].conv;
  REQUIRE(conv.input_shape().channels == 2);
  REQUIRE(conv.output_shape().channels == 2);
  conv.bias << 0.3f, -0.2f;
  net.Forward(images);
  // conv, tanh, then the skip: the block's input x is the tanh's output.
  REQUIRE(std::string(net.layer(2).kind()) == "residual");
  const Matrix& x = net.LayerOutput(1);
  const Matrix& y = *ConvolutionsOf(net)[1].maps;
  REQUIRE(y.rows() == 2);
  REQUIRE(y.cols() == 2 * 4 * 4);
  const int k = 3, p = 1, side = 4;
  float worst = 0.0f, skip_size = 0.0f;
  for (int n = 0; n < 2; ++n)
    for (int o = 0; o < 2; ++o)
      for (int i = 0; i < side; ++i)
        for (int j = 0; j < side; ++j) {
          // F(x)[o, i, j] = tanh(b[o] + sum_{c, u, v} W[c k k + u k + v, o] x[c, i + u - p, j + v - p])
          double sum = conv.bias(0, o);
          for (int ch = 0; ch < 2; ++ch)
            for (int u = 0; u < k; ++u)
              for (int v = 0; v < k; ++v) {
                const int r = i + u - p, s = j + v - p;
                if (r < 0 || r >= side || s < 0 || s >= side) continue;  // zero padding
                sum += double(conv.weights(ch * k * k + u * k + v, o)) * x(n, ch * side * side + r * side + s);
              }
          const int at = o * side * side + i * side + j;
          const double expected = x(n, at) + std::tanh(sum);  // y = x + F(x)
          worst = std::max(worst, float(std::abs(y(n, at) - expected)));
          skip_size = std::max(skip_size, std::abs(x(n, at)));
        }
  CHECK(worst < 1e-5f);
  CHECK(skip_size > 0.1f);  // the skip adds something the check would miss
}

TEST_CASE("ConvolutionsOf gives a plain convolution's own output and skips a residual around dense layers",
          "[conv][feature_maps]") {
  const Config c = DigitsStack("conv:3:relu:3x3:s1:p0,flatten,8:tanh:res");
  Rng rng(3);
  Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
  net.Forward(RandomMatrix(4, 64, rng));
  const std::vector<ConvolutionMaps> convs = ConvolutionsOf(net);
  REQUIRE(convs.size() == 1);
  CHECK(!convs[0].residual);
  CHECK(convs[0].maps == &net.LayerOutput(0));
  CHECK(convs[0].maps->cols() == 3 * 6 * 6);  // (8 - 3)/1 + 1 = 6 per side
}
