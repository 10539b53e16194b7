#pragma once
// Configs from their text in the tests: one that must read, and the message of one that must not.
#include <catch2/catch.hpp>

#include <string>

#include "config/config.h"
#include "links/config_text.h"

namespace netlab {

inline Config Parsed(const std::string& text) {
  Config config;
  std::string error;
  const bool parsed = ParseConfig(text, config, error);
  INFO(text << ": " << error);
  REQUIRE(parsed);
  return config;
}

// A classification stack on the digits from its layers text.
inline Config DigitsStack(const std::string& layers) {
  return Parsed("task=classify&dataset=digits&loss=softmax_ce&layers=" + layers);
}

inline std::string Refusal(const std::string& text) {
  Config config;
  std::string error;
  CHECK_FALSE(ParseConfig(text, config, error));
  return error;
}

}  // namespace netlab
