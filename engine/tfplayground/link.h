#pragma once
// Reading TensorFlow Playground links: https://playground.tensorflow.org/#activation=tanh&...
//
// The fragment is read as State.deserializeState reads window.location.hash (src/state.ts):
//   - `&`-separated `name=value` pairs; only the text up to a second '=' counts; nothing is %-decoded;
//   - a value that is empty or blank keeps the default, as does an unknown name for a choice;
//   - numbers as JavaScript's unary + reads them; booleans: anything but "false" is true;
//   - networkShape: "" means no hidden layer, "4,,2" is [4, 0, 2];
//   - `<control>_hide`: exactly "true" hides the control;
//   - noise as makeGUI clamps it: above 80 becomes 50, below 0 becomes 0.
// Values TF Playground would accept but that cannot be trained (not a number, layers Netlab cannot
// hold) are refused with a sentence instead.
#include <string>
#include <vector>

#include "tfplayground/settings.h"

namespace netlab {
namespace tfplayground {

// Widest layer and most hidden layers a link may ask for (TF Playground's own UI stops at 8 and 6).
constexpr int kMaxNodesPerLayer = 256;
constexpr int kMaxLayers = 12;

// True for a TF Playground address (before the '#') or a fragment with keys only TF Playground writes.
bool LooksLikeTfPlaygroundLink(const std::string& link);
// Reads a whole URL or its fragment (with or without '#'). Returns false with `error` set when a value
// cannot be trained; `notices` get what was read differently from what the link says.
bool ParseTfPlaygroundLink(const std::string& link, Settings& out, std::string& error,
                           std::vector<std::string>* notices = nullptr);
// JavaScript's Number(text) (unary +): blank is 0, "0x1f" is 31, "Infinity" is infinite, junk is NaN.
double JsNumber(const std::string& text);
// The TF Playground link (fragment without '#') that reproduces `settings`.
std::string TfPlaygroundFragment(const Settings& settings);

}  // namespace tfplayground
}  // namespace netlab
