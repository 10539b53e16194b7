#pragma once
// Deep belief net (Hinton, Osindero & Teh 2006): a stack of RBMs trained greedily, layer by layer, each
// on the hidden probabilities p(h | v) the layer below produces for the data. Unrolled (Hinton &
// Salakhutdinov 2006) it initialises a deep autoencoder — encoder W1..WL, decoder WLᵀ..W1ᵀ with the
// visible biases — or the hidden layers of a classifier, which backprop then fine-tunes.
#include <functional>
#include <vector>

#include "network.h"
#include "rbm.h"

namespace netlab {

struct DbnPretraining {
  std::vector<int> hidden_sizes;  // units per RBM, bottom to top
  int epochs = 5;                 // per layer
  int batch_size = 20;
  RbmTrainingSettings rbm;
};

class Dbn {
 public:
  // Greedy layer-wise pretraining on `data` (rows in [0, 1]). `on_epoch(layer, epoch, reconstruction)`
  // reports each layer's reconstruction error on its own input.
  void Pretrain(const Matrix& data, const DbnPretraining& settings, Rng& rng,
                const std::function<void(int, int, double)>& on_epoch = nullptr);
  // Propagates rows up through every RBM's p(h | v).
  Matrix Encode(const Matrix& data) const;

  std::vector<Rbm> layers;
};

// Encoder [Dense(W_l, c_l), sigmoid] per layer followed by the decoder [Dense(W_lᵀ, b_l), sigmoid] in
// reverse; the last decoder layer is left linear so that sigmoid cross-entropy ("sigmoid_bce", which
// takes logits) can fine-tune it.
Network UnrollAutoencoder(const Dbn& dbn);
// The DBN's encoder with a fresh Dense output layer (Xavier normal) producing `classes` logits.
Network DbnClassifier(const Dbn& dbn, int classes, Rng& rng);
// Same architecture with every weight drawn from Xavier normal instead: the baseline for pretraining.
Network RandomSigmoidClassifier(int inputs, const std::vector<int>& hidden_sizes, int classes, Rng& rng);

}  // namespace netlab
