#include "conv/feature_maps.h"

#include "nn/skip.h"

namespace netlab {

std::vector<ConvolutionMaps> ConvolutionsOf(Network& network) {
  std::vector<ConvolutionMaps> found;
  for (size_t i = 0; i < network.size(); ++i) {
    Layer& layer = network.layer(i);
    if (auto* conv = dynamic_cast<Conv2d*>(&layer)) {
      found.push_back({conv, &network.LayerOutput(i), false});
    } else if (auto* residual = dynamic_cast<Residual*>(&layer)) {
      // The stack puts the convolution first in F; a residual around dense layers has none.
      Network& block = residual->block();
      auto* inner = block.size() > 0 ? dynamic_cast<Conv2d*>(&block.layer(0)) : nullptr;
      if (inner) found.push_back({inner, &network.LayerOutput(i), true});
    }
  }
  return found;
}

}  // namespace netlab
