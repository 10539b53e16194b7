#pragma once
// What a task starts from when the Task combo picks it: a model that trains well on its data at once
// (the same settings as examples/configs/*.cfg), keeping the current seed.
#include <string>

#include "config/config.h"

namespace netlab {

Config TaskDefaults(const std::string& task, uint64_t seed);

}  // namespace netlab
