#pragma once
// Every network a Config describes, built in one place. BuildNetwork: the playground's dense stack,
// [Dense, activation] per hidden layer, then a Dense output layer and, for losses without their own
// link, the output activation. The classification task's network from its config: the hidden layers as listed (dense blocks,
// convolutions, pooling, flatten), then a dense layer with one logit per class. PlanStack says, layer
// by layer, what comes out and how many parameters it has, or names the first layer that cannot work
// (a 5x5 kernel on a 3x3 map, a convolution after the data was flattened, a recurrent cell on images,
// too many parameters) without building anything, so the panel can show it on every frame.
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "nn/network.h"
#include "data/data_shape.h"

namespace netlab {

class Dense;
// A Dense layer (DropConnect when `dropconnect` > 0) with weights drawn by the config's initializer.
std::unique_ptr<Dense> MakeDense(const Config& config, int in, int out, float dropconnect, Rng& rng);
// Appends one dense hidden block (Dense -> [norm] -> activation -> [dropout], optionally inside a
// residual, highway or dense (concatenating) skip) reading `width` inputs, and marks it as a block for the diagram.
void AddDenseBlock(Network& net, const LayerConfig& layer, int width, const Config& config, Rng& rng);

// Builds the network for `config` with `inputs` input units and `outputs` output units, drawing the
// initial weights from `rng`. The config must have passed ValidateConfig.
Network BuildNetwork(const Config& config, int inputs, int outputs, Rng& rng);

// A network built for `config` holding `source`'s weights and running statistics (`source` must have
// been built for `config`): what the view checks while the trainer's own network goes on training.
std::unique_ptr<Network> CopyOfNetwork(const Config& config, Network& source);

struct StackRow {
  std::string layer;   // e.g. "conv 8 3x3 s1 p1 relu"
  std::string output;  // e.g. "8x8x8" (channels x height x width) or "64"
  long parameters = 0;
};

struct StackPlan {
  std::vector<StackRow> rows;  // one per hidden layer, then the output layer
  long parameters = 0;
  int failed_layer = -1;  // index into config.hidden of the layer that cannot work; -1 when all can
  std::string error;      // "Layer 2 (conv 5x5): ...", empty when the stack can be built
};

// `input` is the data's shape (images or table rows), `classes` the number of output logits.
StackPlan PlanStack(const Config& config, DataShape input, int classes);
// The network PlanStack described; the plan must have no error.
Network BuildStack(const Config& config, DataShape input, int classes, Rng& rng);
// A second network of the same stack holding `source`'s weights and running statistics (what the
// gradient check differentiates while the original goes on training).
std::unique_ptr<Network> CopyOfStack(const Config& config, DataShape input, int classes, Network& source);

// How a layer reads in a config's text and in the panel, e.g. "conv 16 5x5 s1 p2 relu".
std::string DescribeLayer(const LayerConfig& layer);

}  // namespace netlab
