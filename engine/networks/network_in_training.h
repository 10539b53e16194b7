#pragma once
// The networks a run trains, as the tabs that inspect them (gradient check, layer statistics) and the
// exports read them: each with its loss, training rows, the gradient norms over time and a way to copy it.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nn/loss.h"
#include "nn/network.h"
#include "nn/parameter.h"

namespace netlab {

class CheckedLoss;  // teaching/checked_loss.h

// A network in training as the network views (Layers, Gradient check) and the exports read it, whatever
// trains it: the playground's Trainer (train/trainer.h's NetworkOf) or any task's run (TaskRun::Networks).
struct GradientNormsAt {
  long step;
  const std::vector<float>* norms;  // |dL/dW| per weight matrix at that step, input side first
};
struct NetworkInTraining {
  Network* network = nullptr;
  const Loss* loss = nullptr;
  const Matrix* inputs = nullptr;   // training rows as the network reads them; the check uses the first 16
  const Matrix* targets = nullptr;  // the loss's targets for those rows
  long step = 0;
  std::vector<GradientNormsAt> gradient_norms;      // over the evaluations so far
  std::function<std::unique_ptr<Network>()> copy;   // the same architecture holding these weights
  // Set for a model whose loss is more than loss(network(inputs), targets) (the VAE, the GAN, the
  // sequence model: teaching/model_losses.h): that loss on a copy of the model and a fixed batch, which
  // the views then read instead of network, loss, inputs, targets and copy.
  std::function<std::unique_ptr<CheckedLoss>()> checked_loss;
  std::string batch_label;  // what checked_loss's batch holds ("16 training rows"), for the Layers tab
  std::string loss_label;   // which loss that is, for the Gradient check tab
};

struct NamedNetwork {
  std::string name;  // "encoder", "generator", ...
  NetworkInTraining network;
};

// |dL/dW| per weight matrix every few updates, for the Layers tab's curves: halved (every other record
// dropped) when full, so a long run keeps its whole span in a bounded memory. Runs record as they step,
// so its slots are made at the first record and reused: a training step allocates nothing after it.
class GradientNormHistory {
 public:
  // Records the weight matrices' gradient norms (is_weight parameters) every kEvery-th update.
  void Record(long update, const std::vector<ParameterRef>& parameters);
  void Record(long update, const std::vector<float>& norms);
  void Clear() { size_ = 0; }
  void AppendTo(std::vector<GradientNormsAt>& out) const;
  static constexpr long kEvery = 10;

 private:
  static constexpr size_t kMax = 400;
  // The slot of a new record at `update` (halving the records first when they are full).
  std::vector<float>& Slot(long update, size_t count);
  std::vector<std::pair<long, std::vector<float>>> records_;  // kMax slots once used; the first size_ hold records
  size_t size_ = 0;
};

// |g| per is_weight parameter.
std::vector<float> WeightGradientNorms(const std::vector<ParameterRef>& parameters);

}  // namespace netlab
