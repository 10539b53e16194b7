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

struct NamedNetwork {
  std::string name;  // "encoder", "generator", ...
  NetworkInTraining network;
};

// |dL/dW| per weight matrix every few updates, for the Layers tab's curves: halved (every other record
// dropped) when full, so a long run keeps its whole span in a bounded memory.
class GradientNormHistory {
 public:
  // Records the weight matrices' gradient norms (is_weight parameters) every kEvery-th update.
  void Record(long update, const std::vector<ParameterRef>& parameters);
  void Record(long update, std::vector<float> norms);
  void Clear() { records_.clear(); }
  void AppendTo(std::vector<GradientNormsAt>& out) const;
  static constexpr long kEvery = 10;

 private:
  static constexpr size_t kMax = 400;
  std::vector<std::pair<long, std::vector<float>>> records_;
};

// |g| per is_weight parameter.
std::vector<float> WeightGradientNorms(const std::vector<ParameterRef>& parameters);

struct NetworkTabsState {
  size_t chosen = 0;  // index into the view's networks
  LayerStatisticsState layers;
  GradientCheckViewState check;
};
// The tab `view` ("layers" or "gradient_check") of one of `networks`, with the choice of which where
// there are two or more. Choosing another network starts its views afresh.
void DrawNetworkTab(const std::string& view, NetworkTabsState& state, const std::vector<NamedNetwork>& networks);

}  // namespace netlab
