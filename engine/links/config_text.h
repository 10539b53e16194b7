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

// Reads `key=value` pairs separated by newlines or '&' over the defaults of the task the text names:
// its example config (examples/configs/, the task table's `example`) opened on the task's first view,
// so "task=vae" alone is the VAE example. Unknown keys are reported in `notices` and skipped (saying so
// when the text comes from a newer config version). Returns false with `error` set when a value is
// malformed or the result fails ValidateConfig; `out` is then left unchanged.
bool ParseConfig(const std::string& text, Config& out, std::string& error,
                 std::vector<std::string>* notices = nullptr);

// The config a task starts from: its example config, on its first view (Config() for an unknown task).
Config TaskDefaults(const std::string& task);

// True when a and b differ only in live settings, so the trained weights can be kept.
bool SameModelAndData(const Config& a, const Config& b);

}  // namespace netlab
