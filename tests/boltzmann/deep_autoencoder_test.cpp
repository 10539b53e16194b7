// The deep autoencoder recipe of Hinton & Salakhutdinov (2006) on the 8x8 digits: pretrained, unrolled
// and fine-tuned it reconstructs held-out digits better than PCA with as many components as the code
// has units (their Fig. 2 claim), better than before fine-tuning, and better than the same network
// trained as long from random weights. Measured (squared error per test image, seeds 17-20): with a
// 2-number code PCA 3.43, unrolled 3.6-3.8, fine-tuned 1.98-2.05, from random weights 2.15-2.24; with 6
// numbers PCA 1.93, fine-tuned 0.91-0.94, random 1.33-1.41; with 10, PCA 1.25, fine-tuned 0.63.
#include <catch2/catch.hpp>

#include <limits>

#include <cmath>
#include <memory>

#include "boltzmann/deep_autoencoder.h"
#include "models/pca.h"
#include "nn/loss.h"
#include "teaching/gradient_check.h"
#include "support/model_test_helpers.h"

using namespace netlab;

namespace {

struct Run {
  double unrolled, fine_tuned, pca;
  int steps;
};

Run TrainToTheEnd(const LabeledData& train, const LabeledData& test, const DeepAutoencoderSettings& settings,
                  uint64_t seed) {
  Rng rng(seed);
  DeepAutoencoderTrainer trainer;
  trainer.Reset(train.features, test.features, settings, rng);
  int steps = 0;
  while (!trainer.done()) {
    trainer.Step(rng);
    ++steps;
  }
  return {trainer.UnrolledTestError(), trainer.TestError(), trainer.PcaTestError(), steps};
}

// Rows of 6 pixel-like values in [0, 1]: |N(0, 1)| capped at 1.
Matrix PixelRows(int rows, Rng& rng) { return RandomMatrix(rows, 6, rng).array().abs().min(1.0f).matrix(); }

// A 6-5-2 autoencoder (one RBM of 5 hidden units under the code) with the given epochs and minibatches.
DeepAutoencoderSettings SmallSettings(int pretrain_epochs, int pretrain_batch, int fine_tune_epochs, int fine_tune_batch) {
  DeepAutoencoderSettings settings;
  settings.hidden_sizes = {5};
  settings.code_size = 2;
  settings.pretrain_epochs = pretrain_epochs;
  settings.pretrain_batch = pretrain_batch;
  settings.fine_tune_epochs = fine_tune_epochs;
  settings.fine_tune_batch = fine_tune_batch;
  return settings;
}

// A trainer Reset on pixel rows drawn from Rng(data_seed), training and then test rows, with `settings`
// and Rng(seed), which its steps go on drawing from.
struct SmallAutoencoder {
  SmallAutoencoder(uint64_t data_seed, int train_rows, int test_rows, const DeepAutoencoderSettings& settings,
                   uint64_t seed)
      : data_rng(data_seed), train(PixelRows(train_rows, data_rng)), test(PixelRows(test_rows, data_rng)), rng(seed) {
    trainer.Reset(train, test, settings, rng);
  }
  Rng data_rng;
  const Matrix train, test;
  Rng rng;
  DeepAutoencoderTrainer trainer;
};

}  // namespace

TEST_CASE("a pretrained, fine-tuned 64-128-64-k autoencoder reconstructs test digits better than k-component PCA",
          "[dbn][pca][autoencoder][long]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  for (int code : {2, 10}) {
    DeepAutoencoderSettings settings;  // 64-128-64-code, 20 CD epochs per RBM, 30 Adam epochs
    settings.code_size = code;
    const Run pretrained = TrainToTheEnd(train, test, settings, 17);
    settings.pretrain = false;
    const Run random = TrainToTheEnd(train, test, settings, 17);
    const Pca pca = FitPca(train.features, code);
    const double pca_error = MeanSquaredReconstructionError(test.features, pca.Reconstruct(pca.Project(test.features)));
    WARN("digits, " << code << "-number code, squared error per test image: PCA " << pca_error << ", unrolled DBN "
                    << pretrained.unrolled << ", fine-tuned " << pretrained.fine_tuned << ", random init fine-tuned "
                    << random.fine_tuned);
    INFO("code size " << code);
    CHECK(pretrained.pca == Approx(pca_error));  // the trainer's PCA is the same fit
    CHECK(pretrained.fine_tuned < pca_error);
    CHECK(pretrained.fine_tuned < pretrained.unrolled);
    CHECK(pretrained.fine_tuned < random.fine_tuned);
    // Steps: 3 RBMs x 20 epochs, then 30 fine-tuning epochs, of ceil(1438 / 20) = 72 minibatches each.
    CHECK(pretrained.steps == (3 * 20 + 30) * 72);
    CHECK(random.steps == 30 * 72);
  }
}

TEST_CASE("the deep autoencoder trainer reports its phases and keeps one test error per fine-tuning epoch",
          "[autoencoder]") {
  // 40 training rows in pretraining minibatches of 15: 3 per epoch, the last one short; fine-tuning takes
  // all 40 at once.
  SmallAutoencoder small(3, 40, 10, SmallSettings(2, 15, 3, 40), 4);
  DeepAutoencoderTrainer& trainer = small.trainer;
  Rng& rng = small.rng;
  CHECK(trainer.phase() == DeepAutoencoderTrainer::Phase::pretraining);
  CHECK(std::isnan(trainer.TestError()));  // nothing to reconstruct with yet
  int epochs_ended = 0;
  for (int step = 0; step < 2 * 2 * 3; ++step) epochs_ended += trainer.Step(rng);
  CHECK(epochs_ended == 2 * 2);  // two RBMs, two epochs each
  REQUIRE(trainer.phase() == DeepAutoencoderTrainer::Phase::fine_tuning);
  // Unrolled: 6-5-2 encoder (the code linear), 2-5-6 decoder ending in logits.
  CHECK(trainer.autoencoder().size() == 2 + 1 + 3);
  CHECK(trainer.UnrolledTestError() == Approx(trainer.TestError()));
  for (int epoch = 0; epoch < 3; ++epoch) CHECK(trainer.Step(rng));
  CHECK(trainer.done());
  CHECK_FALSE(trainer.Step(rng));
  REQUIRE(trainer.test_errors().size() == 3);
  CHECK(trainer.test_errors().back() == Approx(trainer.TestError()));
}

TEST_CASE("the unrolled autoencoder's copy computes what it computes and passes the gradient check",
          "[autoencoder][gradient_check]") {
  SmallAutoencoder small(5, 30, 8, SmallSettings(1, 30, 5, 10), 6);
  DeepAutoencoderTrainer& trainer = small.trainer;
  Rng& rng = small.rng;
  const Matrix &train = small.train, &test = small.test;
  CHECK(trainer.CopyOfAutoencoder() == nullptr);  // nothing unrolled while the RBMs pretrain
  while (trainer.phase() == DeepAutoencoderTrainer::Phase::pretraining) trainer.Step(rng);
  for (int i = 0; i < 4; ++i) trainer.Step(rng);  // fine-tuned weights, no longer the RBMs' own
  std::unique_ptr<Network> copy = trainer.CopyOfAutoencoder();
  REQUIRE(copy);
  // The same layers holding the same weights: bit-identical outputs.
  const Matrix original = trainer.autoencoder().Forward(test);
  CHECK((copy->Forward(test) - original).cwiseAbs().maxCoeff() == 0.0f);
  // Central differences against backprop of the fine-tuning loss (the pixels' cross-entropy with
  // σ(logits)), per tensor, under the gradient-check view's 1e-2 (float forwards, h = 1e-3).
  GradientCheck check(std::move(copy), *FindLoss("sigmoid_bce"), train.topRows(16), train.topRows(16));
  check.Advance(std::numeric_limits<long>::max());  // every entry (long is 32 bits in WASM)
  REQUIRE(check.done());
  const GradientCheckReport& report = check.report();
  // 4 dense layers' weights and biases, in inference and training mode (the same here: no dropout).
  REQUIRE(report.relative_error.size() == 2 * 4 * 2);
  for (size_t i = 0; i < report.relative_error.size(); ++i) {
    INFO(report.names[i] << ": " << report.relative_error[i]);
    CHECK(report.relative_error[i] < 1e-2);
  }
}
