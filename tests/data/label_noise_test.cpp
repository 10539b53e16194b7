// Memorising random labels (Zhang et al. 2016): with every training label shuffled, an MLP on the
// digits still fits the training set perfectly while its test accuracy falls to chance.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/label_noise.h"
#include "support/model_test_helpers.h"
#include "train/classifier_training.h"

using namespace netlab;

namespace {

std::vector<int> ClassCounts(const std::vector<int>& labels, int classes) {
  std::vector<int> counts(size_t(classes), 0);
  for (int l : labels) ++counts[size_t(l)];
  return counts;
}

struct Accuracies {
  double train = 0.0, test = 0.0;
};

// A 64-256-10 ReLU MLP trained with Adam in rounds of 25 epochs until it fits every training label or
// `max_epochs` have passed; the step size drops from 0.003 to 0.001 after 150 epochs so the last few
// memorised labels stop flipping.
Accuracies TrainMlp(const LabeledData& train, const LabeledData& test, int max_epochs, int& epochs_used) {
  Rng rng(17);
  Network net;
  AddDense(net, int(train.features.cols()), 256, rng);
  AddActivation(net, "relu");
  AddDense(net, 256, train.classes, rng, "xavier_normal");
  ClassifierTrainingSettings settings;
  settings.epochs = 25;
  settings.batch_size = 32;
  settings.optimizer.kind = "adam";
  Rng order(23);
  Accuracies result;
  for (epochs_used = 0; epochs_used < max_epochs && result.train < 1.0; epochs_used += settings.epochs) {
    settings.optimizer.learning_rate = epochs_used < 150 ? 0.003f : 0.001f;
    TrainClassifier(net, train, settings, order);
    result.train = ClassifierAccuracy(net, train);
  }
  result.test = ClassifierAccuracy(net, test);
  return result;
}

}  // namespace

TEST_CASE("label noise shuffles the chosen share of labels and keeps the class counts", "[label_noise]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  const std::vector<int> original = train.labels;
  for (double fraction : {0.0, 0.25, 1.0}) {
    LabeledData noisy = train;
    LabelNoiseReport report;
    std::string error;
    REQUIRE(ApplyLabelNoise(noisy, {fraction, 3}, report, error));
    CHECK(report.shuffled == int(std::lround(fraction * double(train.labels.size()))));
    CHECK(ClassCounts(noisy.labels, 10) == ClassCounts(original, 10));  // a permutation keeps the counts
    int changed = 0;
    for (size_t i = 0; i < original.size(); ++i) changed += noisy.labels[i] != original[i];
    CHECK(changed == report.changed);
    // A shuffled label equals the original with probability Σ_k (n_k/m)² ≈ 1/10 for balanced classes, so
    // about 90% of the chosen labels change; 4 binomial standard deviations either side.
    const double m = report.shuffled, expected = 0.9 * m, sd = std::sqrt(m * 0.9 * 0.1);
    CHECK(std::fabs(double(changed) - expected) <= 4.0 * sd + 1.0);
  }
  LabeledData same_seed = train, again = train;
  LabelNoiseReport report;
  std::string error;
  ApplyLabelNoise(same_seed, {0.5, 9}, report, error);
  ApplyLabelNoise(again, {0.5, 9}, report, error);
  CHECK(same_seed.labels == again.labels);  // seeded

  LabeledData untouched = train;
  CHECK_FALSE(ApplyLabelNoise(untouched, {1.5, 1}, report, error));
  CHECK_FALSE(error.empty());
  CHECK(untouched.labels == original);
  CHECK_FALSE(ApplyLabelNoise(untouched, {std::nan(""), 1}, report, error));
}

TEST_CASE("an MLP memorises fully shuffled digit labels while its test accuracy falls to chance",
          "[label_noise][training][long]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);  // 1438 train, 359 test

  int epochs = 0;
  const Accuracies clean = TrainMlp(train, test, 25, epochs);
  // Small MLPs reach about 97% on these digits (scikit-learn's own examples); 90% leaves room.
  CHECK(clean.test > 0.9);

  LabeledData noisy = train;
  LabelNoiseReport report;
  std::string error;
  REQUIRE(ApplyLabelNoise(noisy, {1.0, 3}, report, error));
  const Accuracies memorised = TrainMlp(noisy, test, 400, epochs);
  INFO("clean " << clean.train << "/" << clean.test << ", random labels " << memorised.train << "/" << memorised.test
                << " after " << epochs << " epochs");
  // 1438 labels and 64·256 + 256 + 256·10 + 10 = 19,466 weights: enough to fit every one.
  CHECK(memorised.train == 1.0);
  // The shuffled labels carry no information about the inputs, so a test prediction matches the true
  // class about as often as a guess drawn from the class frequencies: Σ_k q_k p_k ≤ max_k p_k. With 359
  // test samples the accuracy's standard deviation is sqrt(p (1 − p) / 359); allow 4 of them.
  const std::vector<int> counts = ClassCounts(test.labels, 10);
  const double p_max = double(*std::max_element(counts.begin(), counts.end())) / double(test.labels.size());
  const double bound = p_max + 4.0 * std::sqrt(p_max * (1.0 - p_max) / double(test.labels.size()));
  INFO("largest test class share " << p_max << " bound " << bound);
  CHECK(memorised.test < bound);
}
