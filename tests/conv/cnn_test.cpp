// Convolution, pooling and flatten: backward passes against finite differences, shapes against the
// formula floor((n + 2p - k) / s) + 1, and small CNNs that learn real images.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "train/classifier_training.h"
#include "conv/conv2d.h"
#include "data/idx.h"
#include "core/finite_difference.h"
#include "core/gemm.h"
#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "support/model_test_helpers.h"
#include "conv/pooling.h"
#include "conv/small_cnn.h"

using namespace netlab;

namespace {

// The relative error of a parameterless layer's dX against finite differences of step `step`, under a
// random probe of the `output` it just gave for `input` (the probe is drawn from `rng`).
template <class Layer>
double InputGradientError(Layer& layer, Matrix& input, const Matrix& output, Rng& rng, double step = 1e-2) {
  const Matrix probe = RandomMatrix(int(output.rows()), int(output.cols()), rng);
  Matrix grad_input;
  layer.Backward(probe, grad_input);
  return GradientRelativeError(input, grad_input, ProbeLoss(layer, input, probe), step);
}

// One hidden ReLU layer between `inputs` and the ten classes: the MLP the CNNs are measured against.
Network Mlp(int inputs, int hidden, Rng& rng) {
  Network net;
  AddDense(net, inputs, hidden, rng);
  AddActivation(net, "relu");
  AddDense(net, hidden, 10, rng, "xavier_normal");
  return net;
}

ClassifierTrainingSettings Training(int epochs, float learning_rate) {
  ClassifierTrainingSettings settings;
  settings.epochs = epochs;
  settings.optimizer.learning_rate = learning_rate;
  return settings;
}

}  // namespace

TEST_CASE("conv2d gradients for weights, bias and input match finite differences", "[cnn][gradient]") {
  struct Case {
    int stride, padding, kernel;
  };
  for (Case c : {Case{1, 0, 3}, Case{2, 1, 3}, Case{1, 2, 2}}) {
    INFO("stride " << c.stride << " padding " << c.padding << " kernel " << c.kernel);
    Rng rng(21);
    Conv2d conv({2, 5, 6}, 3, c.kernel, c.stride, c.padding);
    conv.weights = RandomMatrix(int(conv.weights.rows()), 3, rng);
    conv.bias = RandomMatrix(1, 3, rng);
    Matrix input = RandomMatrix(3, 2 * 5 * 6, rng), output, grad_input;
    conv.Forward(input, output);
    REQUIRE(output.cols() == conv.output_shape().size());
    Matrix probe = RandomMatrix(3, int(output.cols()), rng);
    std::vector<ParameterRef> params;
    conv.CollectParameters(params);
    conv.Backward(probe, grad_input);
    const auto loss = ProbeLoss(conv, input, probe);
    // The probe loss is linear in each of weights, bias and input, so a large step has no truncation
    // error and keeps float rounding of the ~50-sized loss small against the difference.
    CHECK(GradientRelativeError(conv.weights, conv.weights_gradient, loss, 0.25) < 1e-3);
    CHECK(GradientRelativeError(conv.bias, conv.bias_gradient, loss, 0.25) < 1e-3);
    CHECK(GradientRelativeError(input, grad_input, loss, 0.25) < 1e-3);
  }
}

TEST_CASE("conv2d with its ReLU fused matches conv2d then a ReLU layer, and its gradients finite differences",
          "[cnn][gradient]") {
  for (int stride : {1, 2}) {
    INFO("stride " << stride);
    Rng rng(22);
    const ImageShape image{2, 6, 5};
    Conv2d fused(image, 4, 3, stride, 1, /*relu=*/true), plain(image, 4, 3, stride, 1);
    plain.weights = fused.weights = RandomMatrix(int(fused.weights.rows()), 4, rng);
    plain.bias = fused.bias = RandomMatrix(1, 4, rng);
    ActivationLayer relu(*FindActivation("relu"));
    Matrix input = RandomMatrix(3, image.size(), rng), output, pre, reference, grad_input;
    fused.Forward(input, output);
    plain.Forward(input, pre);
    relu.Forward(pre, reference);
    // Same sums in the same order, then max(0, .): equal to the bit.
    CHECK((output.array() == reference.array()).all());
    CHECK((output.array() == 0.0f).count() > 0);  // the probe below crosses the kink for some units
    Matrix probe = RandomMatrix(3, int(output.cols()), rng);
    std::vector<ParameterRef> params;
    fused.CollectParameters(params);
    fused.Backward(probe, grad_input);
    const auto loss = ProbeLoss(fused, input, probe);
    // Small step: the ReLU is only differentiable away from 0 (as for max pooling below).
    CHECK(GradientRelativeError(fused.weights, fused.weights_gradient, loss, 1e-3) < 1e-2);
    CHECK(GradientRelativeError(fused.bias, fused.bias_gradient, loss, 1e-3) < 1e-2);
    // dX from a step of 1e-3 drowns in float rounding (each pixel moves only ~36 outputs by ~1e-3). The
    // layer is piecewise linear in X, so a large step is exact for every pixel whose step leaves all
    // ReLUs on their side; those pixels are checked, and most pixels must be among them.
    const float step = 0.2f;
    int checked = 0;
    double worst = 0.0;
    for (Eigen::Index e = 0; e < input.size(); ++e) {
      const float original = input.data()[e];
      Matrix plus, minus;
      input.data()[e] = original + step;
      fused.Forward(input, plus);
      input.data()[e] = original - step;
      fused.Forward(input, minus);
      input.data()[e] = original;
      if (((plus.array() > 0.0f) != (output.array() > 0.0f)).any() ||
          ((minus.array() > 0.0f) != (output.array() > 0.0f)).any())
        continue;
      ++checked;
      const double numeric = (Probe(plus, probe) - Probe(minus, probe)) / (2.0 * step);
      const double analytic = grad_input.data()[e];
      worst = std::max(worst, std::fabs(numeric - analytic) / std::max({std::fabs(numeric), std::fabs(analytic), 1e-2}));
    }
    INFO("pixels checked " << checked << " of " << input.size());
    CHECK(checked > input.size() / 2);
    CHECK(worst < 1e-3);
    fused.Forward(input, output);
    // As a first layer it skips dX (left empty) and still gives the same parameter gradients.
    const Matrix weights_gradient = fused.weights_gradient, bias_gradient = fused.bias_gradient;
    fused.set_input_gradient_needed(false);
    fused.Forward(input, output);
    fused.Backward(probe, grad_input);
    CHECK((fused.weights_gradient.array() == weights_gradient.array()).all());
    CHECK((fused.bias_gradient.array() == bias_gradient.array()).all());
    CHECK(grad_input.size() == 0);
  }
}

TEST_CASE("conv2d split over threads gives the same bits as on one thread", "[cnn][gemm]") {
  // The batch is cut into the same parts for any thread count and the parts' gradients are added in
  // part order, so 1 and 3 threads must agree exactly (determinism, not closeness).
  Rng rng(23);
  Conv2d conv({3, 9, 9}, 8, 3, 1, 1, /*relu=*/true);
  conv.InitializeHe(rng);
  const Matrix input = RandomMatrix(7, 3 * 9 * 9, rng);
  Matrix probe, output[2], grad_input[2], weights_gradient[2], bias_gradient[2];
  for (int run = 0; run < 2; ++run) {
    SetGemmThreads(run == 0 ? 1 : 3);
    conv.Forward(input, output[run]);
    if (run == 0) probe = RandomMatrix(7, int(output[0].cols()), rng);
    conv.Backward(probe, grad_input[run]);
    weights_gradient[run] = conv.weights_gradient;
    bias_gradient[run] = conv.bias_gradient;
  }
  SetGemmThreads(1);
  CHECK((output[0].array() == output[1].array()).all());
  CHECK((grad_input[0].array() == grad_input[1].array()).all());
  CHECK((weights_gradient[0].array() == weights_gradient[1].array()).all());
  CHECK((bias_gradient[0].array() == bias_gradient[1].array()).all());
}

TEST_CASE("a same-padded conv2d (its shifted-plane im2col) equals the cross-correlation sum", "[cnn]") {
  // conv2d.h's formula, summed directly: Y[n, o, i, j] = b[o] + sum_{c, u, v} W[c k k + u k + v, o]
  // X[n, c, i + u - p, j + v - p], zero outside the image. Kernel 3 with padding 1 and kernel 5 with
  // padding 2 keep the image's size, which takes Im2col's shifted-plane path; 5x5 on a 4-wide image
  // also has taps entirely outside it.
  for (int kernel : {3, 5}) {
    INFO("kernel " << kernel);
    const int padding = kernel / 2;
    const ImageShape image{2, 5, 4};
    Rng rng(24);
    Conv2d conv(image, 3, kernel, 1, padding);
    REQUIRE(conv.output_shape().height == image.height);
    REQUIRE(conv.output_shape().width == image.width);
    conv.weights = RandomMatrix(int(conv.weights.rows()), 3, rng);
    conv.bias = RandomMatrix(1, 3, rng);
    const Matrix input = RandomMatrix(2, image.size(), rng);
    Matrix output;
    conv.Forward(input, output);
    double worst = 0.0;
    for (int n = 0; n < 2; ++n)
      for (int o = 0; o < 3; ++o)
        for (int i = 0; i < image.height; ++i)
          for (int j = 0; j < image.width; ++j) {
            double sum = conv.bias(0, o);
            for (int c = 0; c < image.channels; ++c)
              for (int u = 0; u < kernel; ++u)
                for (int v = 0; v < kernel; ++v) {
                  const int y = i + u - padding, x = j + v - padding;
                  if (y < 0 || y >= image.height || x < 0 || x >= image.width) continue;
                  sum += double(conv.weights((c * kernel + u) * kernel + v, o)) *
                         input(n, (c * image.height + y) * image.width + x);
                }
            const double got = output(n, (o * image.height + i) * image.width + j);
            worst = std::max(worst, std::abs(got - sum));
          }
    // At most 2 x 25 float products of values below 1 in size: float rounding stays far below 1e-5.
    CHECK(worst < 1e-5);
  }
}

TEST_CASE("conv2d computes the cross-correlation of the lecture example", "[cnn]") {
  // 3x3 image 1..9, 2x2 kernel [[1, 0], [0, -1]]: each output is x[i][j] - x[i+1][j+1] = -4.
  Conv2d conv({1, 3, 3}, 1, 2);
  conv.weights << 1, 0, 0, -1;
  Matrix image(1, 9), output;
  image << 1, 2, 3, 4, 5, 6, 7, 8, 9;
  conv.Forward(image, output);
  REQUIRE(output.cols() == 4);
  CHECK((output.array() == -4.0f).all());
  // With padding 1 and stride 2 the output is 2x2: corners see one or two pixels of the image.
  Conv2d padded({1, 3, 3}, 1, 2, 2, 1);
  padded.weights << 1, 0, 0, -1;
  padded.Forward(image, output);
  REQUIRE(output.cols() == 4);
  CHECK(output(0, 0) == -1.0f);  // rows -1..0, cols -1..0: only -x[0][0] is inside
  CHECK(output(0, 1) == -3.0f);  // rows -1..0, cols 1..2: -x[0][2]
  CHECK(output(0, 2) == -7.0f);  // rows 1..2, cols -1..0: -x[2][0]
  CHECK(output(0, 3) == -4.0f);  // rows 1..2, cols 1..2: x[1][1] - x[2][2]
}

TEST_CASE("impossible conv and pool shapes are refused with a message", "[cnn]") {
  CHECK(Conv2dShapeError({1, 3, 3}, 1, 5, 1, 0).find("does not fit a 3x3 image") != std::string::npos);
  CHECK(Conv2dShapeError({1, 3, 3}, 1, 5, 1, 1) == "");  // padding 1 makes it 5x5: one output
  // Every kernel larger than the padded side, for every stride: (3 + 2p - k) / s truncates to 0 for
  // k = 4 + 2p, s >= 2, which once passed as "one output".
  for (int padding = 0; padding <= 2; ++padding)
    for (int stride = 1; stride <= 4; ++stride)
      for (int kernel = 1; kernel <= 10; ++kernel) {
        INFO("kernel " << kernel << " stride " << stride << " padding " << padding);
        const bool fits = kernel <= 3 + 2 * padding;  // the padded image is (3 + 2p) x (3 + 2p)
        CHECK(Conv2dShapeError({1, 3, 3}, 1, kernel, stride, padding).empty() == fits);
        CHECK(Conv2dShapeError({1, 3, 6}, 1, kernel, stride, padding).empty() == fits);  // the short side decides
      }
  CHECK(Conv2dShapeError({1, 3, 3}, 0, 2, 1, 0) != "");
  CHECK(Conv2dShapeError({1, 3, 3}, 1, 2, 0, 0) != "");
  CHECK(PoolShapeError({1, 2, 2}, 3, 1).find("does not fit") != std::string::npos);
  CHECK(PoolShapeError({1, 4, 4}, 2, 2) == "");
  // Built anyway, the layers clamp to shapes that fit and run without reading out of bounds.
  Conv2d conv({1, 3, 3}, 1, 5);
  MaxPool2d pool({1, 2, 2}, 3, 1);
  Matrix image = Matrix::Ones(1, 9), out;
  conv.Forward(image, out);
  CHECK(out.cols() == 1);
  pool.Forward(Matrix::Ones(1, 4), out);
  CHECK(out.cols() == 1);
}

TEST_CASE("max and average pooling gradients match finite differences", "[cnn][gradient]") {
  Rng rng(5);
  Matrix input = RandomMatrix(2, 3 * 6 * 6, rng), output;
  SECTION("max pool 2x2 stride 2") {
    MaxPool2d pool({3, 6, 6}, 2, 2);
    pool.Forward(input, output);
    REQUIRE(output.cols() == 3 * 3 * 3);
    // Small step: the max is only differentiable while the winner stays the winner.
    CHECK(InputGradientError(pool, input, output, rng, 1e-3) < 1e-2);
  }
  SECTION("average pool 3x3 stride 1 (overlapping windows)") {
    AveragePool2d pool({3, 6, 6}, 3, 1);
    pool.Forward(input, output);
    REQUIRE(output.cols() == 3 * 4 * 4);
    CHECK(InputGradientError(pool, input, output, rng) < 1e-3);
  }
  SECTION("flatten") {
    Flatten flatten;
    flatten.Forward(input, output);
    CHECK(InputGradientError(flatten, input, output, rng) < 1e-3);
  }
}


TEST_CASE("max pooling gradients match finite differences where windows overlap or leave a border",
          "[cnn][gradient]") {
  struct Case {
    int kernel, stride;
  };
  // 3x3 stride 2 windows share pixels; 2x2 stride 2 on a 7x7 image drops the last row and column. Both
  // take the general backward (adds), not the exact-tiling one.
  for (Case c : {Case{3, 2}, Case{2, 2}}) {
    INFO("kernel " << c.kernel << " stride " << c.stride);
    Rng rng(6);
    MaxPool2d pool({2, 7, 7}, c.kernel, c.stride);
    Matrix input = RandomMatrix(2, 2 * 7 * 7, rng), output;
    pool.Forward(input, output);
    REQUIRE(output.cols() == 2 * 3 * 3);  // floor((7 - k) / 2) + 1 = 3 for k = 2 and 3
    CHECK(InputGradientError(pool, input, output, rng, 1e-3) < 1e-2);
  }
}

TEST_CASE("a small CNN reaches at least 90% test accuracy on the 8x8 digits", "[cnn][training]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  Rng rng(3);
  Network net = BuildSmallCnn({1, 8, 8}, 10, 8, 16, 32, rng);
  const double loss = TrainClassifier(net, train, Training(8, 0.003f), rng);
  const double accuracy = ClassifierAccuracy(net, test);
  INFO("train loss " << loss << ", test accuracy " << accuracy);
  CHECK(accuracy >= 0.90);
}

TEST_CASE("an MLP reaches at least 90% test accuracy on the 8x8 digits", "[cnn][training]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  Rng rng(4);
  Network net = Mlp(64, 64, rng);
  TrainClassifier(net, train, Training(10, 0.003f), rng);
  const double accuracy = ClassifierAccuracy(net, test);
  INFO("test accuracy " << accuracy);
  CHECK(accuracy >= 0.90);
}

#ifdef NETLAB_HAVE_ZLIB

TEST_CASE("an MLP learns a 5000-image subset of Fashion-MNIST (fast version of the slow tests)", "[fashion][training]") {
  LabeledData train = LoadFashion("train", 5000), test = LoadFashion("t10k", 2000);
  Rng rng(2);
  Network net = Mlp(784, 128, rng);
  TrainClassifier(net, train, Training(3, 0.001f), rng);
  const double accuracy = ClassifierAccuracy(net, test);
  WARN("MLP on 5000 Fashion-MNIST images, accuracy on 2000 test images " << accuracy);
  CHECK(accuracy >= 0.78);  // ten classes: chance is 10%
}

TEST_CASE("a CNN reaches at least 88% test accuracy on Fashion-MNIST", "[.slow][fashion]") {
  LabeledData train = LoadFashion("train", 0), test = LoadFashion("t10k", 0);
  Rng rng(1);
  Network net = BuildSmallCnn({1, 28, 28}, 10, 16, 32, 128, rng);
  ClassifierTrainingSettings settings = Training(3, 0.001f);
  settings.batch_size = 64;
  TrainClassifier(net, train, settings, rng, [&](int epoch, double loss) {
    WARN("CNN epoch " << epoch + 1 << ": train loss " << loss << ", test accuracy " << ClassifierAccuracy(net, test));
  });
  const double accuracy = ClassifierAccuracy(net, test);
  WARN("CNN Fashion-MNIST test accuracy " << accuracy);
  CHECK(accuracy >= 0.88);
}

TEST_CASE("an MLP reaches at least 85% test accuracy on Fashion-MNIST", "[.slow][fashion]") {
  LabeledData train = LoadFashion("train", 0), test = LoadFashion("t10k", 0);
  Rng rng(2);
  Network net = Mlp(784, 256, rng);
  ClassifierTrainingSettings settings = Training(5, 0.001f);
  settings.batch_size = 64;
  TrainClassifier(net, train, settings, rng);
  const double accuracy = ClassifierAccuracy(net, test);
  WARN("MLP Fashion-MNIST test accuracy " << accuracy);
  CHECK(accuracy >= 0.85);
}
#endif
