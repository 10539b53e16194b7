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

}  // namespace netlab
