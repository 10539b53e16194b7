#pragma once
// The lessons' controls in the Network panel (engine/lessons): the data, rule and step of the perceptron,
// the target, kind, depth and step of the flow. Edits the config; the task is rebuilt from it as any other.
#include <string>

#include "config/config.h"

namespace netlab {

// True for the tasks whose whole settings this section draws (no Optimizer panel of their own).
bool IsLessonTask(const std::string& task);
void DrawLessonSection(Config& c);
// The density lessons' extra settings under their layer sizes: MADE's comparison RBM, the DBM's chains.
void DrawDensitySection(Config& c);
// Classification's "Shuffled labels" slider, 0 to 100% (the random-labels lesson, lessons/random_labels.h).
void DrawLabelNoiseControl(Config& c);

}  // namespace netlab
