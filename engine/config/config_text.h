#pragma once
// A Config as `key=value` text (docs/config.md): one entry per line or `&`-separated, each key a row of
// the table of settings (config/settings.h) that writes its value and reads it back. Reading checks
// each value alone (its form and range); whether the whole config can be built is links/config_text.h's
// ValidateConfig, which knows the registries and the task table.
#include <string>
#include <vector>

#include "config/config.h"

namespace netlab {

std::string ConfigToText(const Config& config, char separator = '\n');

// What ReadConfigEntries met besides the values: the keys given, in order, and unknown ones (at most 20).
struct ConfigEntries {
  std::vector<std::string> given, unknown;
};
// Reads `key=value` entries (newline- or '&'-separated, '#' lines are comments) over the values `out`
// holds. False with `error` naming the first entry that is not key=value or whose value is malformed or
// out of range; `out` is then unchanged.
bool ReadConfigEntries(const std::string& text, Config& out, ConfigEntries& entries, std::string& error);

// How a layer reads in a config's text, e.g. "conv:16:relu:5x5:s1:p2:bn", and back (false when the
// text is no layer).
std::string LayerToText(const LayerConfig& layer);
bool LayerFromText(const std::string& text, LayerConfig& layer);
// What is wrong with a `layers` value LayerFromText refuses, naming the layer, the token and what it
// may be ("layer 1 ('conv:8:relu:13x13'): the window 13x13 is not KxK with K 1 to 11"); "" if none is.
std::string LayersTextProblem(const std::string& text);

// The values' text forms: the shortest decimal that reads back as the same float; a finite number;
// a whole number within [low, high]; `text` cut at each `separator`.
std::string FormatFloat(float v);
bool ParseFloat(const std::string& text, float& out);
bool ParseInt(const std::string& text, long long low, long long high, long long& out);
std::vector<std::string> SplitText(const std::string& text, char separator);

}  // namespace netlab
