#pragma once
// The Layers and Gradient check tabs (views/views.h) for the tasks whose model is more than one layer
// stack or is built outside one: the VAE (encoder, decoder), the GAN (generator, discriminator), the
// sequence model and the unrolled deep autoencoder. Each
// view names its networks (ModelView::Networks) with the loss each is trained on; the tab offers the
// choice between them.
#include <string>
#include <utility>
#include <vector>

#include "tabs/tabs.h"

namespace netlab {

struct NetworkTabsState {
  size_t chosen = 0;  // index into the view's networks: the one the views below were drawn for
  LayerStatisticsState layers;
  GradientCheckViewState check;
};
// The tab `view` ("layers" or "gradient_check") of one of `networks`, with the choice of which where
// there are two or more. Choosing another network starts its views afresh.
// `chosen` is the config's `network` key, which the choice edits.
void DrawNetworkTab(const std::string& view, NetworkTabsState& state, const std::vector<NamedNetwork>& networks,
                    int& chosen);

}  // namespace netlab
