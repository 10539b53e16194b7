#pragma once
// Configs from their text in the tests: one that must read, one a share link opens to, and the message
// of one that must not read.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "config/config.h"
#include "links/config_text.h"
#include "links/share_link.h"

namespace netlab {

// The config `read` (ParseConfig or DecodeShareLink) makes of `text`, which it must accept; `notices`,
// when given, receives what the text held that was left aside.
inline Config ReadOrFail(bool (*read)(const std::string&, Config&, std::string&, std::vector<std::string>*),
                         const std::string& text, std::vector<std::string>* notices) {
  Config config;
  std::string error;
  const bool accepted = read(text, config, error, notices);
  INFO(text << ": " << error);
  REQUIRE(accepted);
  return config;
}

inline Config Parsed(const std::string& text, std::vector<std::string>* notices = nullptr) {
  return ReadOrFail(ParseConfig, text, notices);
}

// The config a share link (links/share_link.h) opens to: Netlab's own or TF Playground's.
inline Config Opened(const std::string& link, std::vector<std::string>* notices = nullptr) {
  return ReadOrFail(DecodeShareLink, link, notices);
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
