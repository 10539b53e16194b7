// Writes image networks (conv, max and average pooling, strides, padding, flatten, residual and dense
// skips) as ONNX files with inputs and Netlab's outputs beside them, for tests/cli/onnx_export_test.sh to
// run in ONNX Runtime.
// Hidden ([.]): it needs the directory NETLAB_ONNX_DIR and the script that reads what it writes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <memory>

#include "conv/conv2d.h"
#include "conv/pooling.h"
#include "conv/small_cnn.h"
#include "core/rng.h"
#include "export/onnx_export.h"
#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "support/onnx_files.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

void WriteCase(const std::string& dir, const std::string& name, Network& network, ImageShape image, Rng& rng) {
  Matrix images(7, image.size());  // 7 images: a batch size no layer is shaped for
  for (Eigen::Index i = 0; i < images.size(); ++i) images.data()[i] = rng.Uniform(-1.0f, 1.0f);
  network.SetTraining(false);
  const Matrix outputs = network.Forward(images);
  std::string bytes, error;
  REQUIRE(ExportNetworkOnnx(network, image.size(), name, bytes, error));
  WriteOnnxCase(dir, name, bytes, images, outputs);
}

}  // namespace

TEST_CASE("image networks written as ONNX files with Netlab's outputs", "[.][onnx_files]") {
  const char* dir = std::getenv("NETLAB_ONNX_DIR");
  REQUIRE(dir);
  Rng rng(11);
  // The lecture's CNN: conv 3x3 pad 1, ReLU, max pool 2, twice, flatten, dense, ReLU, dense.
  Network cnn = BuildSmallCnn({1, 8, 8}, 3, 4, 6, 10, rng);
  WriteCase(dir, "small_cnn", cnn, {1, 8, 8}, rng);
  // Strides, no padding, average pooling, several input channels and a pool that drops a border.
  Network strided;
  auto conv = std::make_unique<Conv2d>(ImageShape{2, 9, 9}, 3, 3, 2, 0);  // 9x9 -> 4x4
  conv->InitializeHe(rng);
  for (Eigen::Index i = 0; i < conv->bias.size(); ++i) conv->bias.data()[i] = rng.Normal(0.0f, 0.1f);
  const ImageShape after_conv = conv->output_shape();
  strided.Add(std::move(conv));
  strided.Add(std::make_unique<ActivationLayer>(*FindActivation("tanh")));
  strided.Add(std::make_unique<AveragePool2d>(after_conv, 3, 1));  // 4x4 -> 2x2
  strided.Add(std::make_unique<Flatten>());
  auto dense = std::make_unique<Dense>(3 * 2 * 2, 2);
  for (Eigen::Index i = 0; i < dense->weights.size(); ++i) dense->weights.data()[i] = rng.Normal(0.0f, 0.5f);
  strided.Add(std::move(dense));
  WriteCase(dir, "strided_average", strided, {2, 9, 9}, rng);
  // A stack with batch norm per channel after one convolution and layer norm after the other, its
  // running statistics moved off 0 and 1 by a few training-mode passes.
  Config c;
  std::string parse_error;
  REQUIRE(ParseConfig("task=classify&dataset=digits&loss=softmax_ce&layers=conv:3:relu:3x3:s1:p1:bn,"
                      "conv:2:tanh:3x3:s1:p0:ln,flatten",
                      c, parse_error));
  Network normed = BuildStack(c, KnownDataShape("digits"), 10, rng);
  Matrix batch(16, 64);
  for (int pass = 0; pass < 5; ++pass) {
    for (Eigen::Index i = 0; i < batch.size(); ++i) batch.data()[i] = rng.Uniform(0.0f, 1.0f) * float(pass + 1);
    normed.SetTraining(true);
    normed.Forward(batch);
  }
  WriteCase(dir, "conv_norms", normed, {1, 8, 8}, rng);
  // Residual convolutions (conv ... :res, y = x + F(x)): the skip is an ONNX Add of F's rows and the
  // block's input rows. The first F holds batch norm; every parameter, biases and the norm's gain and
  // shift too, is redrawn from N(0, 0.25^2), off any init's zeros and symmetries (at 0.5 the logits
  // reach 20, where float rounding alone nears the script's absolute 1e-5), and a few training-mode
  // passes move the running statistics off 0 and 1.
  REQUIRE(ParseConfig("task=classify&dataset=digits&loss=softmax_ce&layers=conv:3:relu:3x3:s1:p1,"
                      "conv:3:tanh:3x3:s1:p1:bn:res,conv:3:relu:3x3:s1:p1:res,maxpool:2x2:s2,flatten",
                      c, parse_error));
  Network residual = BuildStack(c, KnownDataShape("digits"), 10, rng);
  for (const ParameterRef& p : residual.Parameters())
    for (Eigen::Index i = 0; i < p.value->size(); ++i) p.value->data()[i] = rng.Normal(0.0f, 0.25f);
  for (int pass = 0; pass < 5; ++pass) {
    for (Eigen::Index i = 0; i < batch.size(); ++i) batch.data()[i] = rng.Uniform(0.0f, 1.0f) * float(pass + 1);
    residual.SetTraining(true);
    residual.Forward(batch);
  }
  WriteCase(dir, "conv_residual", residual, {1, 8, 8}, rng);
  // Dense skips (DenseNet): each block's output is [x, F(x)], written as an ONNX Concat.
  REQUIRE(ParseConfig("task=classify&dataset=digits&loss=softmax_ce&layers=conv:2:relu:3x3:s1:p1,6:tanh:cat,4:relu:ln:cat",
                      c, parse_error));
  Network concatenated = BuildStack(c, KnownDataShape("digits"), 10, rng);
  WriteCase(dir, "dense_concat", concatenated, {1, 8, 8}, rng);
}
