// RBM, DBN and the unrolled deep autoencoder: the exact partition function of a tiny RBM against
// brute-force enumeration, the exact log-likelihood rising under CD-k and PCD, reconstruction falling
// on digits, and DBN initialisation against random initialisation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "train/classifier_training.h"
#include "boltzmann/dbn.h"
#include "nn/loss.h"
#include "support/model_test_helpers.h"
#include "optim/optimizer.h"
#include "models/pca.h"
#include "boltzmann/rbm.h"
#include "core/shuffle.h"

using namespace netlab;

namespace {

// 300 binary rows of 8 bits: three prototypes, each bit flipped with probability 0.05.
Matrix PrototypeData(Rng& rng) {
  const int prototypes[3][8] = {{1, 1, 1, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 1, 1, 1}, {1, 0, 1, 0, 1, 0, 1, 0}};
  Matrix data(300, 8);
  for (int r = 0; r < 300; ++r)
    for (int i = 0; i < 8; ++i) {
      const bool flip = rng.Uniform() < 0.05f;
      data(r, i) = float(prototypes[r % 3][i] ^ int(flip));
    }
  return data;
}

double TrainAndMeasure(Rbm& rbm, const Matrix& data, const RbmTrainingSettings& settings, int updates, Rng& rng) {
  for (int u = 0; u < updates; ++u) {
    const int start = (u * 20) % int(data.rows());
    rbm.TrainStep(data.middleRows(start, 20), settings, rng);
  }
  return ExactMeanLogLikelihood(rbm, data);
}

// Greedy pretraining as one loop, the form Dbn::Pretrain had before DbnPretrainer: the reference the
// incremental version must reproduce draw for draw.
std::vector<Rbm> PretrainInOneLoop(const Matrix& data, const DbnPretraining& settings, Rng& rng,
                                   std::vector<double>& errors) {
  std::vector<Rbm> layers;
  Matrix input = data;
  std::vector<int> order(size_t(data.rows()));
  std::iota(order.begin(), order.end(), 0);
  Matrix batch;
  for (size_t l = 0; l < settings.hidden_sizes.size(); ++l) {
    Rbm rbm(int(input.cols()), settings.hidden_sizes[l]);
    rbm.Initialize(rng);
    for (int epoch = 0; epoch < settings.epochs; ++epoch) {
      Shuffle(order, rng);
      for (size_t start = 0; start < order.size(); start += size_t(settings.batch_size)) {
        const size_t count = std::min(size_t(settings.batch_size), order.size() - start);
        batch.resize(Eigen::Index(count), input.cols());
        for (size_t r = 0; r < count; ++r) batch.row(Eigen::Index(r)) = input.row(order[start + r]);
        rbm.TrainStep(batch, settings.rbm, rng);
      }
      errors.push_back(rbm.ReconstructionError(input));
    }
    Matrix next;
    rbm.HiddenProbabilities(input, next);
    input = std::move(next);
    layers.push_back(std::move(rbm));
  }
  return layers;
}

// Gibbs sampling of an RBM with 3 visible units visits each v with probability e^-F(v) / Z. 64
// independent chains, 100 burn-in sweeps, then 1000 sweeps counted: 64000 draws, so each frequency's
// standard error is at most sqrt(0.25 / 64000) ≈ 0.002 (more with autocorrelation).
void CheckGibbsFrequencies(Rbm& rbm, Rng& rng) {
  const Eigen::VectorXd exact = (-rbm.FreeEnergy(AllBinaryVectors(3)).array() - ExactLogPartition(rbm)).exp();
  Matrix chains = Matrix::Zero(64, 3);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(8);
  for (int sweep = 0; sweep < 1100; ++sweep) {
    rbm.GibbsStep(chains, rng);
    if (sweep < 100) continue;
    for (int c = 0; c < 64; ++c) counts(int(chains(c, 0)) + 2 * int(chains(c, 1)) + 4 * int(chains(c, 2))) += 1.0;
  }
  const Eigen::VectorXd empirical = counts / counts.sum();
  INFO("exact " << exact.transpose() << "\nempirical " << empirical.transpose());
  CHECK((empirical - exact).cwiseAbs().maxCoeff() < 0.01);
}

void CheckSameRbms(const std::vector<Rbm>& a, const std::vector<Rbm>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t l = 0; l < a.size(); ++l) {
    INFO("layer " << l);
    CHECK(a[l].weights == b[l].weights);
    CHECK(a[l].visible_bias == b[l].visible_bias);
    CHECK(a[l].hidden_bias == b[l].hidden_bias);
  }
}

}  // namespace

TEST_CASE("RBM log Z from free energies equals brute-force enumeration over v and h", "[rbm]") {
  Rng rng(8);
  Rbm rbm(4, 3);
  rbm.weights = RandomMatrix(4, 3, rng);
  rbm.visible_bias = RandomMatrix(1, 4, rng);
  rbm.hidden_bias = RandomMatrix(1, 3, rng);
  double z = 0.0;
  for (int v = 0; v < 16; ++v)
    for (int h = 0; h < 8; ++h) {
      double minus_energy = 0.0;  // -E(v, h) = b·v + c·h + vᵀ W h
      for (int i = 0; i < 4; ++i) minus_energy += ((v >> i) & 1) * rbm.visible_bias(0, i);
      for (int j = 0; j < 3; ++j) minus_energy += ((h >> j) & 1) * rbm.hidden_bias(0, j);
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j) minus_energy += ((v >> i) & 1) * ((h >> j) & 1) * rbm.weights(i, j);
      z += std::exp(minus_energy);
    }
  CHECK(ExactLogPartition(rbm) == Approx(std::log(z)).epsilon(1e-6));
  // The probabilities of all 16 visible states sum to one.
  const Eigen::VectorXd free_energy = rbm.FreeEnergy(AllBinaryVectors(4));
  CHECK((-free_energy.array() - ExactLogPartition(rbm)).exp().sum() == Approx(1.0).epsilon(1e-6));
}

TEST_CASE("Gibbs sampling visits visible states with the exact probabilities e^-F(v) / Z", "[rbm]") {
  Rng rng(31);
  Rbm rbm(3, 2);
  rbm.weights = RandomMatrix(3, 2, rng, 1.5f);
  rbm.visible_bias = RandomMatrix(1, 3, rng);
  rbm.hidden_bias = RandomMatrix(1, 2, rng);
  CheckGibbsFrequencies(rbm, rng);
}

TEST_CASE("an RBM with linear Gaussian hidden units: log Z by quadrature and Gibbs frequencies match e^-F(v) / Z", "[rbm]") {
  Rng rng(12);
  Rbm rbm(3, 2, /*linear_hidden=*/true);
  rbm.weights = RandomMatrix(3, 2, rng, 0.8f);
  rbm.visible_bias = RandomMatrix(1, 3, rng);
  rbm.hidden_bias = RandomMatrix(1, 2, rng, 0.5f);
  // Z = Σ_v ∫∫ e^-E(v, h) dh with E = -b·v - c·h + ||h||²/2 - vᵀ W h, by the midpoint rule on [-12, 12]²
  // (the integrand is a Gaussian of unit variance around c + vW, |c + vW| < 4 here).
  double z = 0.0;
  const int cells = 480;
  const double step = 24.0 / cells;
  for (int v = 0; v < 8; ++v) {
    double a[2], bv = 0.0;
    for (int i = 0; i < 3; ++i) bv += ((v >> i) & 1) * rbm.visible_bias(0, i);
    for (int j = 0; j < 2; ++j) {
      a[j] = rbm.hidden_bias(0, j);
      for (int i = 0; i < 3; ++i) a[j] += ((v >> i) & 1) * rbm.weights(i, j);
    }
    for (int p = 0; p < cells; ++p)
      for (int q = 0; q < cells; ++q) {
        const double h0 = -12.0 + (p + 0.5) * step, h1 = -12.0 + (q + 0.5) * step;
        z += std::exp(bv + a[0] * h0 + a[1] * h1 - 0.5 * (h0 * h0 + h1 * h1)) * step * step;
      }
  }
  CHECK(ExactLogPartition(rbm) == Approx(std::log(z)).epsilon(1e-6));
  // Gibbs sampling v -> h ~ N(c + vW, 1) -> v ~ p(v | h) visits each v with probability e^-F(v) / Z,
  // checked with the same 64000 draws as in the binary test above.
  CheckGibbsFrequencies(rbm, rng);
}

TEST_CASE("the exact log-likelihood of a tiny RBM improves under CD-1, CD-5 and persistent CD", "[rbm]") {
  Rng data_rng(1);
  const Matrix data = PrototypeData(data_rng);
  struct Variant {
    const char* name;
    int k;
    bool persistent;
    bool sample_visible;
  };
  for (Variant variant : {Variant{"CD-1", 1, false, true}, Variant{"CD-5", 5, false, true}, Variant{"PCD-1", 1, true, true},
                          Variant{"CD-1 with mean reconstructions", 1, false, false}}) {
    INFO(variant.name);
    Rng rng(2);
    Rbm rbm(8, 6);
    rbm.Initialize(rng);
    RbmTrainingSettings settings;
    settings.gibbs_steps = variant.k;
    settings.persistent = variant.persistent;
    settings.sample_visible = variant.sample_visible;
    // Persistent chains must mix while the weights move (Tieleman 2008): a smaller step, no momentum.
    settings.learning_rate = variant.persistent ? 0.05f : 0.1f;
    settings.momentum = variant.persistent ? 0.0f : 0.5f;
    const double initial = ExactMeanLogLikelihood(rbm, data);
    CHECK(initial == Approx(-8.0 * std::log(2.0)).margin(0.05));  // near-zero weights: uniform over 2^8
    const double early = TrainAndMeasure(rbm, data, settings, 200, rng);
    const double late = TrainAndMeasure(rbm, data, settings, 1500, rng);
    WARN(variant.name << " mean log-likelihood: initial " << initial << ", after 200 updates " << early
                      << ", after 1700 " << late);
    CHECK(early > initial);
    CHECK(late > early);
    CHECK(late > initial + 2.0);
    // Three prototypes with 5% noise per bit: entropy = log 3 + 8 H(0.05) ≈ 2.70 nats bounds it above.
    CHECK(late < -2.6);
  }
}

TEST_CASE("persistent CD keeps its chains when the batch size changes", "[rbm]") {
  // W = 10 I and biases -5 make each Gibbs sweep copy the state (p(h_j | v) = σ(10 v_j - 5) = 0.993 for
  // v_j = 1 and 0.007 for v_j = 0; likewise back): chains started at all-ones stay near all-ones, chains
  // restarted from an all-zeros batch would be near all-zeros.
  Rbm rbm(4, 4);
  rbm.weights = 10.0f * Matrix::Identity(4, 4);
  rbm.visible_bias.setConstant(-5.0f);
  rbm.hidden_bias.setConstant(-5.0f);
  RbmTrainingSettings settings;
  settings.persistent = true;
  settings.learning_rate = 0.0f;  // the RBM stays the one above
  settings.weight_decay = 0.0f;
  Rng rng(21);
  rbm.TrainStep(Matrix::Ones(10, 4), settings, rng);
  REQUIRE(rbm.chains().rows() == 10);
  for (int step = 0; step < 3; ++step) rbm.TrainStep(Matrix::Zero(3, 4), settings, rng);  // a short last batch
  CHECK(rbm.chains().rows() == 10);
  CHECK(rbm.chains().mean() > 0.9);  // 4 sweeps keep a unit with probability 0.993^8 = 0.95
}

TEST_CASE("RBM reconstruction error on digits falls with CD-1 training", "[rbm]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  Rng rng(3);
  Rbm rbm(64, 100);
  rbm.Initialize(rng);
  const double before = rbm.ReconstructionError(test.features);
  RbmTrainingSettings settings;
  settings.learning_rate = 0.05f;
  for (int epoch = 0; epoch < 5; ++epoch)
    for (int start = 0; start + 20 <= train.features.rows(); start += 20)
      rbm.TrainStep(train.features.middleRows(start, 20), settings, rng);
  const double after = rbm.ReconstructionError(test.features);
  WARN("RBM 64-100 on digits: test reconstruction error " << before << " -> " << after);
  CHECK(after < 0.4 * before);
}

TEST_CASE("a DBN-initialised classifier matches or beats random initialisation on digits", "[dbn][long]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  const std::vector<int> sizes = {100, 50};
  double dbn_total = 0.0, random_total = 0.0;
  const int seeds = 3;
  for (int seed = 0; seed < seeds; ++seed) {
    Rng rng(100 + uint64_t(seed));
    DbnPretraining pretraining;
    pretraining.hidden_sizes = sizes;
    pretraining.epochs = 20;
    pretraining.rbm.learning_rate = 0.1f;
    Dbn dbn;
    dbn.Pretrain(train.features, pretraining, rng);
    Network pretrained = DbnClassifier(dbn, 10, rng);
    Network random = RandomSigmoidClassifier(64, sizes, 10, rng);
    // The same fine-tuning budget for both: ten epochs of plain SGD.
    ClassifierTrainingSettings fine_tuning;
    fine_tuning.epochs = 10;
    fine_tuning.batch_size = 20;
    fine_tuning.optimizer.kind = "sgd";
    fine_tuning.optimizer.learning_rate = 0.5f;
    Rng order_a(seed), order_b(seed);
    TrainClassifier(pretrained, train, fine_tuning, order_a);
    TrainClassifier(random, train, fine_tuning, order_b);
    dbn_total += ClassifierAccuracy(pretrained, test);
    random_total += ClassifierAccuracy(random, test);
  }
  WARN("digits test accuracy over " << seeds << " seeds: DBN init " << dbn_total / seeds << ", random init "
                                    << random_total / seeds);
  CHECK(dbn_total / seeds >= random_total / seeds);
}

TEST_CASE("the unrolled DBN autoencoder reconstructs digits and fine-tuning improves it", "[dbn]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  Rng rng(7);
  DbnPretraining pretraining;
  pretraining.hidden_sizes = {100, 30};
  pretraining.epochs = 20;
  pretraining.rbm.learning_rate = 0.1f;
  Dbn dbn;
  dbn.Pretrain(train.features, pretraining, rng);
  Network autoencoder = UnrollAutoencoder(dbn);
  REQUIRE(autoencoder.size() == 7);  // up: 2 x (dense, sigmoid); down: dense, sigmoid, dense (logits)
  const Loss& bce = *FindLoss("sigmoid_bce");
  auto reconstruction_error = [&] {
    Matrix reconstruction;
    bce.predict(autoencoder.Forward(test.features), reconstruction);
    return double((reconstruction - test.features).squaredNorm()) / double(test.features.rows());
  };
  // Baseline: always predicting the mean training image.
  const RowVector mean = train.features.colwise().mean();
  const double mean_image_error = double((test.features.rowwise() - mean).squaredNorm()) / double(test.features.rows());
  const double unrolled = reconstruction_error();
  auto optimizer = CreateOptimizer(OptimizerSettings{"adam", 0.003f});
  std::vector<ParameterRef> parameters = autoencoder.Parameters();
  Matrix grad;
  for (int epoch = 0; epoch < 10; ++epoch)
    for (int start = 0; start + 20 <= train.features.rows(); start += 20) {
      const Matrix batch = train.features.middleRows(start, 20);
      bce.gradient(autoencoder.Forward(batch), batch, grad);
      autoencoder.Backward(grad);
      optimizer->Step(parameters);
    }
  const double fine_tuned = reconstruction_error();
  WARN("64-100-30 autoencoder, test squared error per image: mean image " << mean_image_error << ", unrolled DBN "
                                                                          << unrolled << ", fine-tuned " << fine_tuned);
  CHECK(unrolled < mean_image_error);
  CHECK(fine_tuned < unrolled);
}

TEST_CASE("DbnPretrainer stepped minibatch by minibatch gives the one-loop pretraining bit for bit", "[dbn]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  DbnPretraining settings;
  settings.hidden_sizes = {32, 16, 8};
  settings.epochs = 3;
  settings.batch_size = 50;  // 1438 rows: the last minibatch of each epoch is short (38 rows)
  std::vector<double> reference_errors;
  Rng reference_rng(21);
  const std::vector<Rbm> reference = PretrainInOneLoop(train.features, settings, reference_rng, reference_errors);

  Rng rng(21);
  DbnPretrainer pretrainer(train.features, settings, rng);
  std::vector<double> errors;
  int steps = 0, last_layer = 0;
  while (!pretrainer.done()) {
    const int layer = pretrainer.layer(), epochs_done = pretrainer.EpochsDone(layer);
    CHECK(layer >= last_layer);  // layers finish one after another, bottom first
    last_layer = layer;
    REQUIRE(int(pretrainer.dbn().layers.size()) == layer + 1);
    if (pretrainer.Step(rng)) {
      errors.push_back(pretrainer.ReconstructionError(layer));
      CHECK(pretrainer.EpochsDone(layer) == epochs_done + 1);
    }
    ++steps;
  }
  CHECK(steps == 3 * 3 * 29);  // layers x epochs x ceil(1438 / 50)
  CHECK(pretrainer.layer() == 3);
  CHECK(pretrainer.EpochsDone(2) == 3);
  CHECK(errors == reference_errors);
  CheckSameRbms(pretrainer.dbn().layers, reference);
  // Both are left at the same point of the random stream.
  CHECK(rng.NextBits() == reference_rng.NextBits());

  // Dbn::Pretrain runs the same steps and reports the same errors.
  Rng pretrain_rng(21);
  Dbn dbn;
  std::vector<double> reported;
  dbn.Pretrain(train.features, settings, pretrain_rng, [&](int, int, double error) { reported.push_back(error); });
  CheckSameRbms(dbn.layers, reference);
  CHECK(reported == reference_errors);
}

TEST_CASE("DbnPretrainer with zero epochs stacks untrained RBMs as the loop did", "[dbn]") {
  Rng data_rng(4);
  const Matrix data = RandomMatrix(30, 6, data_rng).array().abs().min(1.0f).matrix();
  DbnPretraining settings;
  settings.hidden_sizes = {5, 4};
  settings.epochs = 0;
  std::vector<double> reference_errors;
  Rng reference_rng(9), rng(9);
  const std::vector<Rbm> reference = PretrainInOneLoop(data, settings, reference_rng, reference_errors);
  DbnPretrainer pretrainer(data, settings, rng);
  CHECK(pretrainer.done());
  CHECK_FALSE(pretrainer.Step(rng));
  CheckSameRbms(pretrainer.dbn().layers, reference);
}

// The DBN view's network tabs check copies of its fine-tuned networks (ui/views/dbn_view.cpp):
// DbnClassifier, RandomSigmoidClassifier and UnrollAutoencoder rebuilt from the same shapes must hold
// exactly the trained networks' layers, so that CopyWeightsAndState gives networks computing the same.
TEST_CASE("the DBN's fine-tuned networks are rebuilt layer for layer by their own constructors", "[dbn]") {
  Rng rng(11);
  const Matrix data = RandomMatrix(24, 6, rng).array().abs().min(1.0f).matrix();
  Dbn dbn;
  dbn.layers.emplace_back(6, 5, false);
  dbn.layers.emplace_back(5, 3, false);
  for (Rbm& rbm : dbn.layers) rbm.weights = RandomMatrix(rbm.weights.rows(), rbm.weights.cols(), rng);
  std::vector<int> labels(24);
  for (size_t i = 0; i < labels.size(); ++i) labels[i] = int(i % 4);
  Network classifier = DbnClassifier(dbn, 4, rng), random = RandomSigmoidClassifier(6, {5, 3}, 4, rng);
  Network autoencoder = UnrollAutoencoder(dbn);
  OptimizerSettings sgd;
  sgd.kind = "sgd";
  sgd.learning_rate = 0.5f;
  auto classifier_sgd = CreateOptimizer(sgd), random_sgd = CreateOptimizer(sgd);
  for (int step = 0; step < 5; ++step) {  // trained away from the constructors' own weights
    TrainClassifierBatch(classifier, *classifier_sgd, data, labels, 4);
    TrainClassifierBatch(random, *random_sgd, data, labels, 4);
  }
  Rng unused(0);
  Network classifier_copy = DbnClassifier(dbn, 4, unused), random_copy = RandomSigmoidClassifier(6, {5, 3}, 4, unused);
  Network autoencoder_copy = UnrollAutoencoder(dbn);
  for (auto [trained, copy] : {std::pair<Network*, Network*>{&classifier, &classifier_copy}, {&random, &random_copy},
                               {&autoencoder, &autoencoder_copy}}) {
    CopyWeightsAndState(*trained, *copy);
    const Matrix expected = trained->Forward(data);
    CHECK((copy->Forward(data) - expected).cwiseAbs().maxCoeff() == 0.0f);
  }
}
