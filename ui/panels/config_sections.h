#pragma once
// The control sections every network task shares (panels/panels.cpp): optimizer and schedule,
// regularization, initializer. Each edits the config in place.
#include "config/config.h"

namespace netlab {

void DrawOptimizerSection(Config& c);
void DrawRegularizationSection(Config& c);
void DrawInitializerSection(Config& c);

}  // namespace netlab
