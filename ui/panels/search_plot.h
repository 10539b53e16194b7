#pragma once
// Plot of a search's results: objective against one dimension (all trials, projected), and the
// surrogate's mean +- 2 sigma along that dimension with the other dimensions fixed at the best trial.
#include "search/hyperparameter_search.h"
#include "imgui.h"

namespace netlab {

// Occupies (width x height) at the cursor. `show_surrogate` needs search.SurrogateReady(); `log_objective`
// puts the objective axis on a log scale (objectives must then be positive to be drawn in place).
void DrawSearchPlot(const HyperparameterSearch& search, int dimension, bool show_surrogate, bool log_objective,
                    float width, float height);

}  // namespace netlab
