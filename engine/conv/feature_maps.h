#pragma once
// The convolutions of a network as a view shows them: each Conv2d with the feature maps that come out
// of it. A classification stack wraps a `conv:...:res` row in a residual skip (workbench/layer_stack.cpp),
// so its convolution is not a layer of the network but the first layer of the skip's block F; it is
// reached through the block, and its maps are the block's output y = x + F(x) (He et al. 2016), the
// maps the next layer reads.
#include <vector>

#include "conv/conv2d.h"
#include "nn/network.h"

namespace netlab {

struct ConvolutionMaps {
  Conv2d* conv = nullptr;       // its filters: conv->weights, (C k k) x filters
  const Matrix* maps = nullptr;  // batch x (filters · H · W), channel-major, from the network's last Forward
  bool residual = false;        // maps are x + F(x), F = conv -> [norm] -> [activation] -> [dropout]
};

// In the network's order, after at least one Forward (the maps are that pass's); the pointers stay
// valid as long as the network.
std::vector<ConvolutionMaps> ConvolutionsOf(Network& network);

}  // namespace netlab
