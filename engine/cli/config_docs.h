#pragma once
// docs/config.md's two tables, written from the rows they document: every setting (config/settings.h)
// with its type, default, accepted values, the tasks that read it (tasks/table.h) and what it means; and
// every task with its data, layers, tabs, example and capabilities. `netlab-headless --print-docs` prints
// them; tests/cli/config_docs_test.sh checks docs/config.md holds exactly this text between its markers.
#include <string>

namespace netlab {

std::string SettingsMarkdown();
std::string TasksMarkdown();

}  // namespace netlab
