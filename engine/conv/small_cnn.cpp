#include "conv/small_cnn.h"

#include <memory>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "nn/initializer.h"
#include "conv/pooling.h"

namespace netlab {

Network BuildSmallCnn(ImageShape image, int classes, int filters1, int filters2, int hidden, Rng& rng,
                      Conv2d** first_convolution) {
  Network net;
  const Activation& relu = *FindActivation("relu");
  ImageShape shape = image;
  bool first = true;
  for (int filters : {filters1, filters2}) {
    // ReLU fused into the convolution (the same function as a separate activation layer, one pass less).
    auto conv = std::make_unique<Conv2d>(shape, filters, 3, 1, 1, /*relu=*/true);
    conv->InitializeHe(rng);
    conv->set_input_gradient_needed(!first);  // nothing reads the gradient of the images
    if (first && first_convolution) *first_convolution = conv.get();
    first = false;
    shape = conv->output_shape();
    net.Add(std::move(conv));
    auto pool = std::make_unique<MaxPool2d>(shape, 2, 2);
    shape = pool->output_shape();
    net.Add(std::move(pool));
  }
  net.Add(std::make_unique<Flatten>());
  auto dense = std::make_unique<Dense>(shape.size(), hidden);
  FindInitializer("he_normal")->fill(dense->weights, 1.0f, rng);
  net.Add(std::move(dense));
  net.Add(std::make_unique<ActivationLayer>(relu));
  auto output = std::make_unique<Dense>(hidden, classes);
  FindInitializer("xavier_normal")->fill(output->weights, 1.0f, rng);
  net.Add(std::move(output));
  return net;
}

}  // namespace netlab
