#pragma once
// The control sections: the playground's data, features and network, and those every network task
// shares (optimizer and schedule, regularization, initializer). Each edits the config in place.
#include "config/config.h"
#include "panels/course_gate.h"
#include "tasks/table.h"

namespace netlab {

// `gate` hides and locks the controls a course config names (panels/course_gate.h).
void DrawDataSection(Config& c, CourseGate& gate);
void DrawFeatureSection(Config& c, CourseGate& gate);
void DrawNetworkSection(Config& c, CourseGate& gate);
void DrawOptimizerSection(Config& c, CourseGate& gate, const Task& task);
void DrawRegularizationSection(Config& c, CourseGate& gate, const Task& task);
void DrawInitializerSection(Config& c, CourseGate& gate, const Task& task);

}  // namespace netlab
