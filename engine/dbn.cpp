#include "dbn.h"

#include <memory>
#include <numeric>

#include "activation.h"
#include "activation_layer.h"
#include "dense.h"
#include "initializer.h"

namespace netlab {

void Dbn::Pretrain(const Matrix& data, const DbnPretraining& settings, Rng& rng,
                   const std::function<void(int, int, double)>& on_epoch) {
  layers.clear();
  Matrix input = data;
  std::vector<int> order(size_t(data.rows()));
  std::iota(order.begin(), order.end(), 0);
  Matrix batch;
  for (size_t l = 0; l < settings.hidden_sizes.size(); ++l) {
    Rbm rbm(int(input.cols()), settings.hidden_sizes[l]);
    rbm.Initialize(rng);
    for (int epoch = 0; epoch < settings.epochs; ++epoch) {
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(uint32_t(i))]);
      for (size_t start = 0; start < order.size(); start += size_t(settings.batch_size)) {
        const size_t count = std::min(size_t(settings.batch_size), order.size() - start);
        batch.resize(Eigen::Index(count), input.cols());
        for (size_t r = 0; r < count; ++r) batch.row(Eigen::Index(r)) = input.row(order[start + r]);
        rbm.TrainStep(batch, settings.rbm, rng);
      }
      if (on_epoch) on_epoch(int(l), epoch, rbm.ReconstructionError(input));
    }
    Matrix next;
    rbm.HiddenProbabilities(input, next);
    input = std::move(next);
    layers.push_back(std::move(rbm));
  }
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
    AddSigmoid(net);
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
    AddSigmoid(net);
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
