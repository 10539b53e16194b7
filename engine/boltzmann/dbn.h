#pragma once
// Deep belief net (Hinton, Osindero & Teh 2006): a stack of RBMs trained greedily, layer by layer, each
// on the hidden probabilities p(h | v) the layer below produces for the data. Unrolled (Hinton &
// Salakhutdinov 2006) it initialises a deep autoencoder — encoder W1..WL, decoder WLᵀ..W1ᵀ with the
// visible biases — or the hidden layers of a classifier, which backprop then fine-tunes.
#include <functional>
#include <vector>

#include "nn/network.h"
#include "boltzmann/rbm.h"

namespace netlab {

struct DbnPretraining {
  std::vector<int> hidden_sizes;  // units per RBM, bottom to top
  int epochs = 5;                 // per layer
  int batch_size = 20;
  RbmTrainingSettings rbm;
  // Hinton & Salakhutdinov (2006): the top RBM, whose hidden units become the autoencoder's code, has
  // linear units with Gaussian noise, so the code is not squashed into [0, 1]; they train it with a
  // smaller learning rate (0.001 against 0.1), its unbounded units being less stable under CD.
  bool linear_top = false;
  float top_learning_rate = 0.0f;  // the top RBM's rate when > 0; otherwise rbm.learning_rate
};

class Dbn {
 public:
  // Greedy layer-wise pretraining on `data` (rows in [0, 1]), all of it in one call (DbnPretrainer
  // spreads the same updates over many calls). `on_epoch(layer, epoch, reconstruction)` reports each
  // layer's reconstruction error on its own input.
  void Pretrain(const Matrix& data, const DbnPretraining& settings, Rng& rng,
                const std::function<void(int, int, double)>& on_epoch = nullptr);
  // Propagates rows up through every RBM's p(h | v).
  Matrix Encode(const Matrix& data) const;

  std::vector<Rbm> layers;
};

// Greedy layer-wise pretraining one minibatch at a time, so that a UI can spread it over frames. The
// updates and random draws are exactly those of Dbn::Pretrain, which runs it to the end.
class DbnPretrainer {
 public:
  // Keeps a copy of `data`; draws the first RBM's initial weights from `rng`.
  DbnPretrainer(const Matrix& data, const DbnPretraining& settings, Rng& rng);

  // One CD update of the layer being trained on its next minibatch (reshuffled at each epoch's start).
  // After an epoch's last minibatch it measures that layer's reconstruction error and returns true;
  // after the layer's last epoch it also moves on: the next RBM learns from p(h | v) of this one.
  bool Step(Rng& rng);

  bool done() const { return layer_ >= int(settings_.hidden_sizes.size()); }
  int layers() const { return int(settings_.hidden_sizes.size()); }
  int layer() const { return layer_; }  // the RBM being trained; layers() once done
  int epochs() const { return settings_.epochs; }  // per layer
  int EpochsDone(int layer) const;
  // Fraction of the current epoch's minibatches done, for a progress bar.
  double EpochFraction() const;
  // The layer's reconstruction error on its own input after its latest epoch; NaN before its first.
  double ReconstructionError(int layer) const { return errors_[size_t(layer)]; }
  // The RBMs started so far, bottom to top; the last is still training until done().
  const Dbn& dbn() const { return dbn_; }
  Dbn& dbn() { return dbn_; }

 private:
  void StartLayer(Rng& rng);

  DbnPretraining settings_;
  Dbn dbn_;
  Matrix input_;            // the current layer's training data: p(h | v) of the layer below
  std::vector<int> order_;  // row order of the current epoch (carried over: each epoch shuffles it)
  std::vector<double> errors_;
  Matrix batch_;
  int layer_ = 0, epoch_ = 0;
  size_t next_row_ = 0;  // start of the next minibatch in order_
};

// Encoder [Dense(W_l, c_l), sigmoid] per layer followed by the decoder [Dense(W_lᵀ, b_l), sigmoid] in
// reverse; the last decoder layer is left linear so that sigmoid cross-entropy ("sigmoid_bce", which
// takes logits) can fine-tune it. An RBM with linear hidden units encodes without the sigmoid.
Network UnrollAutoencoder(const Dbn& dbn);
// The DBN's encoder with a fresh Dense output layer (Xavier normal) producing `classes` logits.
Network DbnClassifier(const Dbn& dbn, int classes, Rng& rng);
// Same architecture with every weight drawn from Xavier normal instead: the baseline for pretraining.
Network RandomSigmoidClassifier(int inputs, const std::vector<int>& hidden_sizes, int classes, Rng& rng);

}  // namespace netlab
