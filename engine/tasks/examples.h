#pragma once
// The example configs (examples/configs/*.cfg), compiled in by scripts/compiled_texts.cmake: every task's
// default is its example (Task::example), which a test parses and trains.
#include <string>
#include <vector>

namespace netlab {

struct ExampleConfig {
  const char* name;  // the file's name without .cfg
  const char* text;  // its text, comments included
};

const std::vector<ExampleConfig>& ExampleConfigs();
// The text of examples/configs/<name>.cfg, or null when there is none.
inline const char* ExampleConfigText(const std::string& name) {
  for (const ExampleConfig& e : ExampleConfigs())
    if (name == e.name) return e.text;
  return nullptr;
}

}  // namespace netlab
