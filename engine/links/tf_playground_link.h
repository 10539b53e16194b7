#pragma once
// Opening a TensorFlow Playground link as a Config: the link's experiment goes into
// Config::tf_playground (faithful mode), and the rest of the Config is Netlab's nearest equivalent, so
// that the panels show the link's settings and any edit continues in Netlab's own model.
#include <string>
#include <vector>

#include "config/config.h"

namespace netlab {

// True when `link` is a TF Playground address or fragment (see tfplayground/link.h).
bool IsTfPlaygroundLink(const std::string& link);
// Fills `out` (left unchanged on failure, with `error` set); what Netlab's equivalent cannot show
// exactly is reported in `notices`.
bool DecodeTfPlaygroundLink(const std::string& link, Config& out, std::string& error,
                            std::vector<std::string>* notices = nullptr);
// The Config Netlab would train for a TF Playground experiment (without tf_playground set).
Config NetlabEquivalent(const tfplayground::Settings& settings, std::vector<std::string>* notices = nullptr);

// Back out: the TF Playground experiment that a Netlab config is, when it fits TF Playground's model
// (its datasets and sample counts, features, one activation for all hidden layers, squared error with a
// tanh or linear output, plain SGD, U(-0.5, 0.5) or zero init, L1 or L2 alone, nothing Netlab-only).
// False with `why` set when it does not fit. The seed cannot carry over: `seed` names TF Playground's.
bool TfPlaygroundEquivalent(const Config& config, const std::string& seed, tfplayground::Settings& out,
                            std::string& why);
// The whole playground.tensorflow.org URL for `config` (seed: the config's seed as text), or false with
// `why` set when it does not fit TF Playground's model.
bool TfPlaygroundLink(const Config& config, std::string& url, std::string& why);

}  // namespace netlab
