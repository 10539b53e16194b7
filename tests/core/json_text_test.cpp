// The JSON the page's status and the exported notebooks are written with: strings escaped as RFC 8259
// spells them (a notebook's code keeps its line breaks), numbers with nine digits and null for NaN.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/json_text.h"

using namespace netlab;

TEST_CASE("JSON strings escape quotes, backslashes and control characters; numbers round-trip floats", "[core]") {
  CHECK(JsonString("plain") == "\"plain\"");
  CHECK(JsonString("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(JsonString("line 1\nline 2\tx\r") == "\"line 1\\nline 2\\tx\\r\"");
  CHECK(JsonString(std::string("\x01\x1f", 2)) == "\"\\u0001\\u001f\"");
  CHECK(JsonString("π ≥ 3") == "\"π ≥ 3\"");  // UTF-8 passes through
  CHECK(JsonNumber(std::nan("")) == "null");
  CHECK(JsonNumber(0.1f) == "0.100000001");
}
