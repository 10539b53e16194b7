#pragma once
// The Network panel for a layer stack: one row per layer with its kind, size and window, what comes
// out of it and its parameter count; buttons add, remove and move layers. A stack that cannot work is
// shown with its message under the layer it names (the panel edits the config; the app refuses it and
// keeps training the last good model).
#include "config/config.h"
#include "networks/network_builder.h"

namespace netlab {

// `plan` describes `config.hidden` as it is now (PlanStack); edits go into `config`.
void DrawStackEditor(Config& config, const StackPlan& plan);

}  // namespace netlab
