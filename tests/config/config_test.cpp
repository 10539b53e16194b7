// Config text form: round trip, defaults, unknown keys, and clear rejections of bad input.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "links/config_text.h"
#include "support/config_text.h"

using namespace netlab;

TEST_CASE("a config survives the text round trip exactly", "[config]") {
  Config c;
  c.data.kind = "spiral";
  c.data.noise = 0.35f;
  c.features = {"x1", "x2", "sin_x1"};
  c.hidden = {{7, "relu"}, {3, "softplus"}};
  c.optimizer.kind = "momentum";
  c.optimizer.learning_rate = 0.0123456789f;
  c.seed = 987654321;
  for (char separator : {'\n', '&'}) {
    Config back;
    std::string error;
    REQUIRE(ParseConfig(ConfigToText(c, separator), back, error));
    CHECK(ConfigToText(back) == ConfigToText(c));
    CHECK(back.optimizer.learning_rate == c.optimizer.learning_rate);
  }
}

TEST_CASE("missing keys take defaults and unknown keys are reported, not fatal", "[config]") {
  std::vector<std::string> notices;
  const Config c = Parsed("dataset=xor&future_setting=3", &notices);
  CHECK(c.data.kind == "xor");
  CHECK(c.hidden == Config().hidden);
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].find("future_setting") != std::string::npos);
}

TEST_CASE("malformed or hostile configs are rejected with a message and leave the old one", "[config]") {
  const char* bad[] = {
      "learning_rate=nan",        "learning_rate=1e99",  "layers=1000000000:relu", "layers=4:bogus",
      "samples=-5",               "samples=999999999",   "dataset=moon",           "noise",
      "batch_size=0",             "features=",           "loss=sigmoid_bce&dataset=regression_plane",
      "layers=1:relu,1:relu,1:relu,1:relu,1:relu,1:relu,1:relu,1:relu,1:relu,1:relu,1:relu,1:relu,1:relu",
      "seed=99999999999999999999999"};
  for (const char* text : bad) {
    INFO(text);
    Config c;
    c.data.kind = "spiral";
    std::string error;
    CHECK_FALSE(ParseConfig(text, c, error));
    CHECK_FALSE(error.empty());
    CHECK(c.data.kind == "spiral");
  }
}

TEST_CASE("SameModelAndData separates optimizer edits from structural edits", "[config]") {
  Config a, b = a;
  b.optimizer.learning_rate = 0.5f;
  b.batch_size = 30;
  CHECK(SameModelAndData(a, b));
  b.hidden.push_back({3, "relu"});
  CHECK_FALSE(SameModelAndData(a, b));
}
