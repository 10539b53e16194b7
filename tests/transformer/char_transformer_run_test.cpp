// The char-transformer task's run: its report sets the held-out loss beside the counting baselines on
// the same split, and starts at the uniform guess.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "links/config_text.h"
#include "tasks/char_transformer/char_transformer_run.h"
#include "tasks/examples.h"

using namespace netlab;

namespace {

double Field(const std::string& line, const std::string& key) {
  const size_t at = line.find(" " + key + "=");
  REQUIRE(at != std::string::npos);
  return std::stod(line.substr(at + key.size() + 2));
}

}  // namespace

TEST_CASE("the char-transformer run reports its held-out loss beside the baselines of the same split", "[transformer]") {
  Config config;
  std::string error;
  REQUIRE(ParseConfig(ExampleConfigText("char-transformer"), config, error));
  CharTransformerRun run(config, TaskData());
  REQUIRE(run.error() == "");
  const std::string text = FindBuiltInCorpus("gpl-3")->text;
  const std::string train = text.substr(0, text.size() * 9 / 10), held_out = text.substr(text.size() * 9 / 10);
  const CharVocabulary vocabulary = VocabularyOf(text);
  const std::string line = run.ReportLine();
  INFO(line);
  CHECK(line.rfind("step=0 ", 0) == 0);
  CHECK(Field(line, "unigram") == Approx(UnigramCrossEntropy(train, held_out, vocabulary)).epsilon(1e-6));
  CHECK(Field(line, "bigram") == Approx(BigramCrossEntropy(train, held_out, vocabulary)).epsilon(1e-6));
  // Initial weights N(0, 0.02²): logits within ~0.01 of each other, so the loss is ln V to a few 0.01.
  CHECK(Field(line, "test_loss") == Approx(std::log(double(vocabulary.size()))).margin(0.05));
  for (int i = 0; i < 3; ++i) run.Step();
  CHECK(run.ReportLine().rfind("step=3 ", 0) == 0);
  // A width that is no multiple of the heads is refused with the reason.
  config.lesson.heads = 5;
  CHECK(ValidateCharTransformer(config).find("multiple of the heads") != std::string::npos);
}
