#pragma once
// The lecture's small image classifier:
//   conv 3x3 (filters1, pad 1) - ReLU - max pool 2 - conv 3x3 (filters2, pad 1) - ReLU - max pool 2
// (each ReLU fused into its convolution, Conv2d(..., relu = true))
//   - flatten - dense (hidden) - ReLU - dense (classes logits)
// He-initialised, Xavier for the output layer. Image sides must be multiples of 4.
#include "conv/conv2d.h"
#include "nn/network.h"

namespace netlab {

// `first_convolution`, when not null, receives the first Conv2d (for drawing its filters); it stays
// valid as long as the returned network.
Network BuildSmallCnn(ImageShape image, int classes, int filters1, int filters2, int hidden, Rng& rng,
                      Conv2d** first_convolution = nullptr);

}  // namespace netlab
