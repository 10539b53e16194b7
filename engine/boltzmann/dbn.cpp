#include "boltzmann/dbn.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <numeric>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "nn/initializer.h"
#include "core/shuffle.h"

namespace netlab {

void Dbn::Pretrain(const Matrix& data, const DbnPretraining& settings, Rng& rng,
                   const std::function<void(int, int, double)>& on_epoch) {
  DbnPretrainer pretrainer(data, settings, rng);
  while (!pretrainer.done()) {
    const int layer = pretrainer.layer(), epoch = pretrainer.EpochsDone(layer);
    if (pretrainer.Step(rng) && on_epoch) on_epoch(layer, epoch, pretrainer.ReconstructionError(layer));
  }
  layers = std::move(pretrainer.dbn().layers);
}

DbnPretrainer::DbnPretrainer(const Matrix& data, const DbnPretraining& settings, Rng& rng)
    : settings_(settings), input_(data), order_(size_t(data.rows())),
      errors_(settings.hidden_sizes.size(), std::numeric_limits<double>::quiet_NaN()) {
  std::iota(order_.begin(), order_.end(), 0);
  if (!done()) StartLayer(rng);
}

void DbnPretrainer::StartLayer(Rng& rng) {
  // A layer with no epochs to train is still stacked (untrained), as the loop form did.
  for (;;) {
    const bool top = layer_ + 1 == layers();
    Rbm rbm(int(input_.cols()), settings_.hidden_sizes[size_t(layer_)], top && settings_.linear_top);
    rbm.Initialize(rng);
    dbn_.layers.push_back(std::move(rbm));
    epoch_ = 0;
    next_row_ = 0;
    if (settings_.epochs > 0) return;
    Matrix next;
    dbn_.layers.back().HiddenProbabilities(input_, next);
    input_ = std::move(next);
    if (++layer_ >= layers()) return;
  }
}

bool DbnPretrainer::Step(Rng& rng) {
  if (done()) return false;
  Rbm& rbm = dbn_.layers.back();
  if (next_row_ == 0)
    Shuffle(order_, rng);
  if (next_row_ < order_.size()) {
    const size_t count = std::min(size_t(settings_.batch_size), order_.size() - next_row_);
    batch_.resize(Eigen::Index(count), input_.cols());
    for (size_t r = 0; r < count; ++r) batch_.row(Eigen::Index(r)) = input_.row(order_[next_row_ + r]);
    RbmTrainingSettings rbm_settings = settings_.rbm;
    if (layer_ + 1 == layers() && settings_.top_learning_rate > 0.0f)
      rbm_settings.learning_rate = settings_.top_learning_rate;
    rbm.TrainStep(batch_, rbm_settings, rng);
    next_row_ += count;
  }
  if (next_row_ < order_.size()) return false;
  errors_[size_t(layer_)] = rbm.ReconstructionError(input_);
  next_row_ = 0;
  if (++epoch_ < settings_.epochs) return true;
  Matrix next;
  rbm.HiddenProbabilities(input_, next);
  input_ = std::move(next);
  if (++layer_ < layers()) StartLayer(rng);
  return true;
}

int DbnPretrainer::EpochsDone(int layer) const {
  if (layer < layer_) return settings_.epochs;
  return layer == layer_ ? epoch_ : 0;
}

double DbnPretrainer::EpochFraction() const {
  return order_.empty() ? 0.0 : double(next_row_) / double(order_.size());
}

Matrix Dbn::Encode(const Matrix& data) const {
  Matrix current = data, next;
  for (const Rbm& rbm : layers) {
    rbm.HiddenProbabilities(current, next);
    current = next;
  }
  return current;
}

namespace {

void AddDenseWith(Network& net, const Matrix& weights, const Matrix& bias) {
  auto dense = std::make_unique<Dense>(int(weights.rows()), int(weights.cols()));
  dense->weights = weights;
  dense->bias = bias;
  net.Add(std::move(dense));
}

void AddSigmoid(Network& net) { net.Add(std::make_unique<ActivationLayer>(*FindActivation("sigmoid"))); }

}  // namespace

Network UnrollAutoencoder(const Dbn& dbn) {
  Network net;
  for (const Rbm& rbm : dbn.layers) {
    AddDenseWith(net, rbm.weights, rbm.hidden_bias);
    if (!rbm.linear_hidden) AddSigmoid(net);
  }
  for (size_t l = dbn.layers.size(); l-- > 0;) {
    const Rbm& rbm = dbn.layers[l];
    AddDenseWith(net, rbm.weights.transpose(), rbm.visible_bias);
    if (l > 0) AddSigmoid(net);
  }
  return net;
}

Network DbnClassifier(const Dbn& dbn, int classes, Rng& rng) {
  Network net;
  for (const Rbm& rbm : dbn.layers) {
    AddDenseWith(net, rbm.weights, rbm.hidden_bias);
    if (!rbm.linear_hidden) AddSigmoid(net);
  }
  Matrix output(dbn.layers.back().hidden(), classes);
  FindInitializer("xavier_normal")->fill(output, 1.0f, rng);
  AddDenseWith(net, output, Matrix::Zero(1, classes));
  return net;
}

Network RandomSigmoidClassifier(int inputs, const std::vector<int>& hidden_sizes, int classes, Rng& rng) {
  Network net;
  int width = inputs;
  for (int units : hidden_sizes) {
    Matrix weights(width, units);
    FindInitializer("xavier_normal")->fill(weights, 1.0f, rng);
    AddDenseWith(net, weights, Matrix::Zero(1, units));
    AddSigmoid(net);
    width = units;
  }
  Matrix output(width, classes);
  FindInitializer("xavier_normal")->fill(output, 1.0f, rng);
  AddDenseWith(net, output, Matrix::Zero(1, classes));
  return net;
}

}  // namespace netlab
