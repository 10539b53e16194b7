#pragma once
// A setting's control, drawn from its row (config/settings.h) as the task reads it (tasks/table.h:
// the task's own label, range and slider): a slider over the row's range (log-scaled where the row says),
// a checkbox, a combo over its choices or its registry, with the row's tooltip on hover. The task panels
// draw every setting a task reads this way and no other, so no control does nothing.
#include <initializer_list>
#include <string>

#include "config/config.h"
#include "config/settings.h"
#include "panels/course_gate.h"
#include "tasks/table.h"

namespace netlab {

// Draws `key` when `task` reads it and the course does not hide it; returns whether it drew.
bool DrawSetting(const char* key, const Task& task, Config& config, CourseGate& gate);
// The same for every setting of `section` the task reads, in the settings table's order, but `skip`ped
// keys (drawn elsewhere with a control of their own).
void DrawSettingsOf(SettingSection section, const Task& task, Config& config, CourseGate& gate,
                    std::initializer_list<const char*> skip = {});
// A data kind as a student reads it ("two_moons" -> "two moons").
std::string DataKindLabel(const std::string& kind);

}  // namespace netlab
