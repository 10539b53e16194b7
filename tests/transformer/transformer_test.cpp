// The character transformer: its hand-written backward against centred finite differences for every
// parameter tensor, causality bit for bit, memorising a periodic text, the counting baselines against
// hand arithmetic, beating the bigram on held-out text of the built-in corpus, and seeded determinism.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/finite_difference.h"
#include "optim/schedule.h"
#include "transformer/char_corpus.h"
#include "transformer/char_training.h"
#include "transformer/char_transformer.h"

using namespace netlab;

namespace {

// A model's shape: vocabulary V, context T, width C, H heads, blocks, dropout p, the output tied or not.
TransformerShape Shape(int vocabulary, int context, int width, int heads, int blocks, float dropout = 0.0f,
                       bool tied = true) {
  TransformerShape shape;
  shape.vocabulary = vocabulary, shape.context = context, shape.width = width, shape.heads = heads;
  shape.blocks = blocks, shape.dropout = dropout, shape.tied = tied;
  return shape;
}

TransformerShape TinyShape(bool tied) { return Shape(7, 5, 8, 2, 2, 0.0f, tied); }

// AdamW at `rate` with a warm-up of `warmup` steps, then a cosine over `decay` steps down to a tenth.
CharTrainingSettings Training(int batch, float rate, float weight_decay, int warmup = 0, int decay = 0) {
  CharTrainingSettings settings;
  settings.batch = batch;
  settings.optimizer.kind = "adamw";
  settings.optimizer.learning_rate = rate;
  settings.optimizer.weight_decay = weight_decay;
  if (decay > 0) {
    settings.schedule.kind = "cosine";
    settings.schedule.warmup_steps = warmup;
    settings.schedule.decay_steps = decay;
    settings.schedule.gamma = 0.1f;
  }
  return settings;
}

// Every parameter moved off its initial value (gains off 1, biases off 0, weights to O(0.3)), so that no
// gradient is zero by symmetry (uniform attention at tiny weights, a zero bias's neighbours) and every
// path of the backward is exercised.
void Scramble(CharTransformer& model, Rng& rng) {
  for (const NamedParameter& p : model.Parameters())
    for (Eigen::Index i = 0; i < p.value->size(); ++i) p.value->data()[i] += 0.3f * rng.Normal();
}

std::vector<std::vector<int>> RandomTokens(int rows, int length, int vocabulary, Rng& rng) {
  std::vector<std::vector<int>> tokens(static_cast<size_t>(rows), std::vector<int>(static_cast<size_t>(length)));
  for (auto& row : tokens)
    for (int& t : row) t = int(rng.Below(uint32_t(vocabulary)));
  return tokens;
}

}  // namespace

TEST_CASE("the transformer's gradients match centred finite differences, tensor by tensor", "[transformer]") {
  for (const bool tied : {true, false}) {
    Rng init(11);
    CharTransformer model(TinyShape(tied), init, 5);
    Scramble(model, init);
    Rng data(3);
    const auto inputs = RandomTokens(2, 5, 7, data), targets = RandomTokens(2, 5, 7, data);
    model.Loss(inputs, targets, false, true);
    const std::vector<NamedParameter> parameters = model.Parameters();
    // 2 blocks x 12 tensors, the embeddings and the final norm; the untied output matrix besides.
    CHECK(parameters.size() == (tied ? 28u : 29u));
    for (const NamedParameter& p : parameters) {
      const Matrix analytic = *p.gradient;
      // A float model with its loss summed in double: the loss carries float rounding of ~1e-7 relative,
      // which a step h turns into noise growing as 1/h, while the centred difference's truncation error
      // grows as h². Measured worst tensor: 1.2e-3 at h = 1e-2 (block0.ln2.gain, truncation: it falls
      // ~h²), 2.3e-4 at h = 3e-3, 6.6e-4 at h = 1e-3 (rounding: it rises ~1/h). So h = 3e-3, and the
      // engine's float bar of 1e-3 per tensor (tests/attention) leaves a factor 4 over the worst, while a
      // wrong term (a missed 1/√d, a transposed product, the tied embedding's second path, a dropped
      // residual) gives errors of order 1e-1 to 1.
      const double error = GradientRelativeError(*p.value, analytic, [&] { return model.Loss(inputs, targets, false, false); }, 3e-3);
      std::printf("  %s %-34s relative error %.2e\n", tied ? "tied  " : "untied", p.name.c_str(), error);
      INFO((tied ? "tied " : "untied ") << p.name << " relative error " << error);
      CHECK(analytic.norm() > 0.0f);
      CHECK(error < 1e-3);
    }
  }
}

TEST_CASE("with dropout's masks held, the training loss's gradients match finite differences too", "[transformer]") {
  TransformerShape shape = TinyShape(false);
  shape.dropout = 0.2f;
  Rng init(13);
  CharTransformer model(shape, init, 6);
  Scramble(model, init);
  Rng data(5);
  const auto inputs = RandomTokens(2, 5, 7, data), targets = RandomTokens(2, 5, 7, data);
  const double evaluation = model.Loss(inputs, targets, false, false);
  const double training = model.Loss(inputs, targets, true, true);  // draws the masks
  CHECK(training != evaluation);  // some attention weights and branch outputs were dropped
  model.HoldMasks(true);
  CHECK(model.Loss(inputs, targets, true, false) == training);  // held: the same function
  double worst = 0.0;
  for (const NamedParameter& p : model.Parameters()) {
    const Matrix analytic = *p.gradient;
    const double error = GradientRelativeError(*p.value, analytic, [&] { return model.Loss(inputs, targets, true, false); }, 3e-3);
    INFO(p.name << " relative error " << error);
    CHECK(error < 1e-3);  // the bar and step of the dropout-free check above
    worst = std::max(worst, error);
  }
  std::printf("  dropout 0.2, masks held: worst relative error %.2e\n", worst);
}

TEST_CASE("changing the token at position j leaves every logit before j bit for bit the same", "[transformer]") {
  Rng init(2);
  TransformerShape shape = TinyShape(true);
  shape.context = 8;
  CharTransformer model(shape, init, 1);
  Scramble(model, init);
  Rng data(8);
  const auto base = RandomTokens(2, 8, 7, data);
  const Matrix before = model.Forward(base, false);
  for (int j = 0; j < 8; ++j) {
    auto changed = base;
    changed[0][size_t(j)] = (changed[0][size_t(j)] + 1) % 7;
    const Matrix after = model.Forward(changed, false);
    for (int i = 0; i < j; ++i) {
      INFO("position " << i << " after a change at " << j);
      CHECK(std::memcmp(before.row(i).data(), after.row(i).data(), sizeof(float) * size_t(before.cols())) == 0);
    }
    // Position j itself sees the change (the test could fail), and the other sequence (rows 8..15) never does.
    CHECK(before.row(j) != after.row(j));
    CHECK(std::memcmp(before.data() + 8 * before.cols(), after.data() + 8 * after.cols(), sizeof(float) * 8 * size_t(before.cols())) == 0);
  }
}

TEST_CASE("the attention patterns are causal softmax rows, one per block and head", "[transformer]") {
  Rng init(4);
  CharTransformer model(TinyShape(true), init, 1);
  Scramble(model, init);
  const auto patterns = model.AttentionPatterns({1, 2, 3, 4, 5, 6, 0});  // 7 tokens: the last T = 5 are read
  REQUIRE(patterns.size() == 2);
  for (const auto& block : patterns) {
    REQUIRE(block.size() == 2);
    for (const Matrix& a : block) {
      REQUIRE(a.rows() == 5);
      REQUIRE(a.cols() == 5);
      for (int i = 0; i < 5; ++i) {
        CHECK(a.row(i).sum() == Approx(1.0f).margin(1e-6));
        for (int j = i + 1; j < 5; ++j) CHECK(a(i, j) == 0.0f);
      }
    }
  }
}

TEST_CASE("the warm-up ramps linearly to the rate, then the cosine decays from it", "[transformer]") {
  ScheduleConfig s;
  s.kind = "cosine", s.warmup_steps = 10, s.decay_steps = 100, s.gamma = 0.1f;
  CHECK(ScheduledLearningRate(s, 1.0f, 0) == Approx(0.1));   // (0 + 1) / 10
  CHECK(ScheduledLearningRate(s, 1.0f, 4) == Approx(0.5));   // (4 + 1) / 10
  CHECK(ScheduledLearningRate(s, 1.0f, 10) == Approx(1.0));  // cosine at 0
  CHECK(ScheduledLearningRate(s, 1.0f, 60) == Approx(0.55)); // 0.1 + 0.9 (1 + cos(π/2)) / 2
  CHECK(ScheduledLearningRate(s, 1.0f, 500) == Approx(0.1)); // the floor, gamma eta0
}

TEST_CASE("trained on a repeated phrase, the training loss falls below 0.05 nats", "[transformer]") {
  std::string text;
  for (int k = 0; k < 200; ++k) text += "hello world ";
  const CharVocabulary vocabulary = VocabularyOf(text);
  REQUIRE(vocabulary.size() == 8);  // " dehlorw"
  const TransformerShape shape = Shape(vocabulary.size(), 16, 32, 4, 1);
  Rng init(1);
  CharTransformer model(shape, init, 2);
  const CharTrainingSettings settings = Training(16, 1e-2f, 0.0f, 20, 280);
  CharTrainer trainer(model, vocabulary.Encode(text), settings, 3);
  // The floor: a window's first position sees one character, and after 'l' comes l, o or d (3 of the 12
  // phases: ln 3 each), after 'o' or ' ' one of two (4 phases: ln 2); every later position is determined by
  // the two characters before it. So the least mean loss over T = 16 positions is
  // (3 ln 3 + 4 ln 2) / 12 / 16 = 0.0316 nats; 0.05 asks for all else to be nearly certain.
  double loss = 0.0;
  int steps = 0;
  while (steps < 300) {
    loss = trainer.Step();
    ++steps;
    if (loss < 0.05) break;
  }
  std::printf("  hello world: training loss %.4f after %d steps\n", loss, steps);
  CHECK(loss < 0.05);
  // And sampling at temperature 0 continues the phrase.
  Rng sampler(1);
  const std::string continuation = vocabulary.Decode(model.Generate(vocabulary.Encode("hello wor"), 15, 0.0f, sampler));
  CHECK(continuation == "ld hello world ");
}

TEST_CASE("the unigram and bigram baselines equal the hand-computed cross-entropies", "[transformer]") {
  const std::string train = "aaab", held_out = "acab";
  const CharVocabulary vocabulary = VocabularyOf(train + held_out);  // "abc": V = 3
  REQUIRE(vocabulary.characters == "abc");
  // Targets: held_out[1..3] = c, a, b. Unigram counts over "aaab": n(a) = 3, n(b) = 1, n(c) = 0, N = 4, so
  // with add-one p(a) = 4/7, p(b) = 2/7, p(c) = 1/7:  H = -(ln 1/7 + ln 4/7 + ln 2/7) / 3
  // = (1.9459 + 0.5596 + 1.2528) / 3 = 1.2528.
  const double unigram = -(std::log(1.0 / 7) + std::log(4.0 / 7) + std::log(2.0 / 7)) / 3;
  CHECK(UnigramCrossEntropy(train, held_out, vocabulary) == Approx(unigram).epsilon(1e-12));
  CHECK(unigram == Approx(1.2528).epsilon(1e-4));
  // Bigram pairs of "aaab": aa, aa, ab, so n(a ·) = 3, n(aa) = 2, n(ab) = 1, n(c ·) = 0. Held-out pairs ac,
  // ca, ab: p(c|a) = (0 + 1)/(3 + 3) = 1/6, p(a|c) = (0 + 1)/(0 + 3) = 1/3, p(b|a) = (1 + 1)/(3 + 3) = 1/3:
  // H = -(ln 1/6 + ln 1/3 + ln 1/3) / 3 = (ln 6 + 2 ln 3) / 3 = 1.3297.
  const double bigram = (std::log(6.0) + 2 * std::log(3.0)) / 3;
  CHECK(BigramCrossEntropy(train, held_out, vocabulary) == Approx(bigram).epsilon(1e-12));
  CHECK(bigram == Approx(1.3297).epsilon(1e-4));
}

TEST_CASE("the built-in corpus is the GPL's text and trains past the bigram on held-out text", "[transformer]") {
  const BuiltInCorpus* corpus = FindBuiltInCorpus("gpl-3");
  REQUIRE(corpus != nullptr);
  const std::string text = corpus->text;
  CHECK(text.size() == 35149u);  // /usr/share/common-licenses/GPL-3, verbatim
  CHECK(text.find("GNU GENERAL PUBLIC LICENSE") != std::string::npos);
  const CharVocabulary vocabulary = VocabularyOf(text);
  const size_t split = text.size() * 9 / 10;
  const std::string train = text.substr(0, split), held_out = text.substr(split);
  const double unigram = UnigramCrossEntropy(train, held_out, vocabulary);
  const double bigram = BigramCrossEntropy(train, held_out, vocabulary);

  const TransformerShape shape = Shape(vocabulary.size(), 32, 48, 4, 2);
  Rng init(1);
  CharTransformer model(shape, init, 2);
  const CharTrainingSettings settings = Training(16, 3e-3f, 0.01f, 40, 760);
  CharTrainer trainer(model, vocabulary.Encode(train), settings, 7);
  const std::vector<int> test_tokens = vocabulary.Encode(held_out);
  const double before = HeldOutLoss(model, test_tokens);
  // At initialisation the logits are nearly equal: ln V nats.
  CHECK(before == Approx(std::log(double(vocabulary.size()))).margin(0.05));
  for (int step = 0; step < 800; ++step) trainer.Step();
  const double after = HeldOutLoss(model, test_tokens);
  std::printf("  gpl-3 (V = %d): held-out loss %.4f after 800 steps (%.4f at start); unigram %.4f, bigram %.4f\n",
              vocabulary.size(), after, before, unigram, bigram);
  CHECK(unigram > bigram);
  CHECK(after < bigram);
}

TEST_CASE("the same seeds give the same losses and samples bit for bit, dropout on", "[transformer]") {
  std::string text;
  for (int k = 0; k < 20; ++k) text += "the quick brown fox jumps over the lazy dog. ";
  const CharVocabulary vocabulary = VocabularyOf(text);
  auto run = [&](std::vector<double>& losses, std::vector<int>& sample) {
    const TransformerShape shape = Shape(vocabulary.size(), 12, 16, 2, 2, 0.1f, false);
    Rng init(9);
    CharTransformer model(shape, init, 10);
    const CharTrainingSettings settings = Training(4, 3e-3f, 0.01f);  // the optimizer's default decay
    CharTrainer trainer(model, vocabulary.Encode(text), settings, 11);
    for (int step = 0; step < 10; ++step) losses.push_back(trainer.Step());
    Rng sampler(12);
    sample = model.Generate(vocabulary.Encode("the "), 20, 1.0f, sampler);
  };
  std::vector<double> first, second;
  std::vector<int> sample1, sample2;
  run(first, sample1);
  run(second, sample2);
  REQUIRE(first.size() == second.size());
  for (size_t k = 0; k < first.size(); ++k) CHECK(std::memcmp(&first[k], &second[k], sizeof(double)) == 0);
  CHECK(sample1 == sample2);
}
