// Weights files: a saved model loads back bit for bit and predicts the same; damaged files are refused
// with a message that says what is wrong.
#include <catch2/catch.hpp>

#include "train/trainer.h"
#include "links/weights_file.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

Config NormalizedConfig() {
  Config c;
  c.data.kind = "spiral";
  c.hidden = {{6, "relu"}, {5, "tanh"}};
  c.hidden[0].norm = "batch";  // running statistics are state, not parameters: they must travel too
  c.seed = 11;
  return c;
}

std::string TrainedWeights(Trainer& trainer) {
  for (int i = 0; i < 50; ++i) trainer.Step();
  return SaveWeights(trainer.config(), trainer.network());
}

}  // namespace

TEST_CASE("saved weights load back exactly and give the same predictions", "[weights]") {
  Trainer trained(NormalizedConfig());
  const std::string bytes = TrainedWeights(trained);
  LoadedWeights loaded;
  std::string error;
  REQUIRE(ParseWeights(bytes, loaded, error));
  CHECK(ConfigToText(loaded.config) == ConfigToText(NormalizedConfig()));
  Trainer fresh(loaded.config);
  REQUIRE(ApplyWeights(loaded, fresh.network(), error));
  CHECK(SaveWeights(fresh.config(), fresh.network()) == bytes);
  Matrix points(3, 2), a, b;
  points << 0.1f, -0.2f, 0.5f, 0.5f, -0.9f, 0.3f;
  trained.Predict(points, a);
  fresh.Predict(points, b);
  CHECK(a == b);
  // A fresh (untrained) model from the same seed differs, so the check above is not vacuous.
  Trainer untrained(NormalizedConfig());
  untrained.Predict(points, b);
  CHECK(a != b);
}

TEST_CASE("corrupted weights files are refused with a clear message", "[weights]") {
  Trainer trained(NormalizedConfig());
  const std::string bytes = TrainedWeights(trained);
  Config other = NormalizedConfig();
  other.hidden[1].units = 7;
  Trainer other_trainer(other);
  std::string mismatched = SaveWeights(other, other_trainer.network());
  std::string nan_value = bytes;
  const size_t last_float = nan_value.size() - 4;
  nan_value.replace(last_float, 4, std::string("\x00\x00\xc0\x7f", 4));  // a quiet NaN
  struct Case {
    std::string bytes;
    const char* expected;
  };
  const size_t config_size = uint8_t(bytes[12]) | (uint8_t(bytes[13]) << 8);
  const size_t count_at = 16 + config_size;
  std::string bad_count = bytes;
  bad_count[count_at] = char(200);
  std::string bad_rows = bytes;
  bad_rows[count_at + 4] = char(0xff), bad_rows[count_at + 7] = char(0x7f);  // a 2-billion-row matrix
  std::string bad_version = bytes;
  bad_version[8] = 3;
  const Case cases[] = {
      {"", "not a Netlab weights file"},
      {"version=1\ndataset=xor\n", "not a Netlab weights file"},
      {bytes.substr(0, 10), "cut off"},
      {bytes.substr(0, bytes.size() - 3), "cut off"},
      {bytes + "x", "unexpected bytes"},
      {bad_version, "format version 3"},
      {bad_count, "matrices but its network needs"},
      {bad_rows, "but the network needs"},
      {nan_value, "NaN"},
  };
  for (const Case& c : cases) {
    INFO(c.expected);
    LoadedWeights loaded;
    std::string error;
    CHECK_FALSE(ParseWeights(c.bytes, loaded, error));
    CHECK(error.find(c.expected) != std::string::npos);
  }
  // Weights for one network do not go into another.
  LoadedWeights loaded;
  std::string error;
  REQUIRE(ParseWeights(mismatched, loaded, error));
  CHECK_FALSE(ApplyWeights(loaded, trained.network(), error));
}

TEST_CASE("version-1 weights files, the playground's only, still load; a version-1 file of another task does not",
          "[weights]") {
  Trainer trained(NormalizedConfig());
  std::string bytes = TrainedWeights(trained);
  REQUIRE(uint8_t(bytes[8]) == kWeightsFormatVersion);
  bytes[8] = 1;  // what every file saved before version 2 says: the layout is the same
  LoadedWeights loaded;
  std::string error;
  REQUIRE(ParseWeights(bytes, loaded, error));
  Trainer fresh(loaded.config);
  REQUIRE(ApplyWeights(loaded, fresh.network(), error));
  CHECK(SaveWeights(fresh.config(), fresh.network()).substr(9) == bytes.substr(9));
  // Version 1 knew only the playground: a classify config in one is refused by name.
  Config classify;
  REQUIRE(ParseConfig("task=classify&dataset=digits&layers=8:relu", classify, error));
  std::string other = SaveWeights(classify, std::vector<Matrix*>{});
  other[8] = 1;
  CHECK_FALSE(ParseWeights(other, loaded, error));
  CHECK(error.find("classify") != std::string::npos);
}
