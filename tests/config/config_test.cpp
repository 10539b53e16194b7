// Config text form: round trip, defaults, unknown keys, and clear rejections of bad input.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "config/config_text.h"
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

TEST_CASE("a refused layers value names the layer, the token and what it may be", "[config]") {
  // Each case: the text, and what the message must name (written from docs/config.md's layer syntax).
  const std::pair<const char*, const char*> cases[] = {
      {"4:tanh,conv:8:relu:13x13", "layer 2 ('conv:8:relu:13x13'): the window 13x13 is not KxK with K 1 to 11"},
      {"4:tanh:zz", "'zz' is not a dense-layer option"},
      {"conv:8:relu:3x3:s0", "the stride s0 is not s1 to s11"},
      {"conv:8:relu:3x3:p12", "the padding p12 is not p0 to p11"},
      {"pool:2", "'pool' is not a layer kind"},
      {"300:relu", "the units '300' are not 1 to 256"},
      {"maxpool:2x2:p1", "'p1' is not a pooling option"},
      {"4:maxout:k9", "maxout pieces are k2 to k8"},
      {"lstm:0", "a recurrent cell is lstm:UNITS"},
      {"conv:8", "a convolution is conv:FILTERS:ACTIVATION"},
      {"flatten:2", "flatten takes no options"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(LayersTextProblem(text).find(expected) != std::string::npos);
    Config config;
    std::string error;
    CHECK_FALSE(ParseConfig(std::string("task=classify\ndataset=digits\nlayers=") + text, config, error));
    CHECK(error.find(expected) != std::string::npos);
  }
  CHECK(LayersTextProblem("8:relu:bn:res,conv:8:relu:3x3:s1:p1,maxpool:2x2,flatten,lstm:16").empty());
}
