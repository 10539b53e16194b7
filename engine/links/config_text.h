#pragma once
// A Config as text and back (docs/config.md): one `key=value` per line or `&`-separated, and the check
// that a config can be built, against the registries (activations, losses, optimizers, data sets) and
// the task table it names.
#include <string>
#include <vector>

#include "config/config.h"
#include "config/config_text.h"

namespace netlab {

// Empty when the config can be built, else a sentence saying what is wrong.
std::string ValidateConfig(const Config& config);

// Reads `key=value` pairs separated by newlines or '&', starting from defaults. Unknown keys are
// reported in `notices` and skipped (saying so when the text comes from a newer config version). Returns false with `error` set when a value is malformed or the
// result fails ValidateConfig; `out` is then left unchanged.
bool ParseConfig(const std::string& text, Config& out, std::string& error,
                 std::vector<std::string>* notices = nullptr);

// True when a and b differ only in live settings, so the trained weights can be kept.
bool SameModelAndData(const Config& a, const Config& b);

}  // namespace netlab
