// RBM, DBN and the unrolled deep autoencoder: the exact partition function of a tiny RBM against
// brute-force enumeration, the exact log-likelihood rising under CD-k and PCD, reconstruction falling
// on digits, and DBN initialisation against random initialisation.
#include <catch2/catch.hpp>

#include <cmath>

#include "classifier_training.h"
#include "dbn.h"
#include "loss.h"
#include "model_test_helpers.h"
#include "optimizer.h"
#include "rbm.h"

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

}  // namespace

TEST_CASE("RBM log Z from free energies equals brute-force enumeration over v and h", "[rbm]") {
  Rng rng(8);
  Rbm rbm(4, 3);
  rbm.weights = RandomNormalMatrix(4, 3, rng);
  rbm.visible_bias = RandomNormalMatrix(1, 4, rng);
  rbm.hidden_bias = RandomNormalMatrix(1, 3, rng);
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
  Matrix all(16, 4);
  for (int v = 0; v < 16; ++v)
    for (int i = 0; i < 4; ++i) all(v, i) = float((v >> i) & 1);
  const Eigen::VectorXd free_energy = rbm.FreeEnergy(all);
  CHECK((-free_energy.array() - ExactLogPartition(rbm)).exp().sum() == Approx(1.0).epsilon(1e-6));
}

TEST_CASE("Gibbs sampling visits visible states with the exact probabilities e^-F(v) / Z", "[rbm]") {
  Rng rng(31);
  Rbm rbm(3, 2);
  rbm.weights = RandomNormalMatrix(3, 2, rng, 1.5f);
  rbm.visible_bias = RandomNormalMatrix(1, 3, rng);
  rbm.hidden_bias = RandomNormalMatrix(1, 2, rng);
  Matrix all(8, 3);
  for (int v = 0; v < 8; ++v)
    for (int i = 0; i < 3; ++i) all(v, i) = float((v >> i) & 1);
  const Eigen::VectorXd exact = (-rbm.FreeEnergy(all).array() - ExactLogPartition(rbm)).exp();
  // 64 independent chains, 100 burn-in sweeps, then 1000 sweeps counted: 64000 draws, so each
  // frequency's standard error is at most sqrt(0.25 / 64000) ≈ 0.002 (more with autocorrelation).
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

TEST_CASE("the exact log-likelihood of a tiny RBM improves under CD-1, CD-5 and persistent CD", "[rbm]") {
  Rng data_rng(1);
  const Matrix data = PrototypeData(data_rng);
  struct Variant {
    const char* name;
    int k;
    bool persistent;
  };
  for (Variant variant : {Variant{"CD-1", 1, false}, Variant{"CD-5", 5, false}, Variant{"PCD-1", 1, true}}) {
    INFO(variant.name);
    Rng rng(2);
    Rbm rbm(8, 6);
    rbm.Initialize(rng);
    RbmTrainingSettings settings;
    settings.gibbs_steps = variant.k;
    settings.persistent = variant.persistent;
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

TEST_CASE("a DBN-initialised classifier matches or beats random initialisation on digits", "[dbn]") {
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
