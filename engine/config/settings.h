#pragma once
// Every setting of a Config, declared once: its key in the text form, its type and accepted range, how
// the panels label it and explain it on hover, and how it is written and read. The text form
// (config_text.h), the range checks (ValidateSettings; links/config_text.h adds the checks against the
// registries and the task table), the task panels (ui/app/task_panels.cpp), the search space
// (search/config_search_space.h) and docs/config.md's table (scripts/config-docs) read these rows.
// Which tasks read a setting is the task table's column (tasks/table.h, Task::settings).
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"

namespace netlab {

enum class SettingType {
  kText,    // free text (a file name, a goal)
  kChoice,  // one of `choices`, or of a registry (optimizer, loss, ...) when `choices` is empty
  kInt,
  kFloat,
  kBool,    // 0 or 1
  kList,    // a list with its own syntax (layers, features, points, hidden and locked controls)
};

// Where the panels show it.
enum class SettingSection { kTask, kData, kNetwork, kModel, kOptimizer, kRegularization, kInitializer, kPage, kCourse };

struct SettingChoice {
  const char* value;  // as the text form spells it
  const char* label;  // as a student reads it
};

struct Setting {
  const char* key;
  SettingType type;
  SettingSection section;
  const char* label;
  const char* tooltip;  // "" when the label says enough
  // kInt, kFloat: the values accepted (a config holding another is refused, naming the key and the
  // range); low == high: any value of the type.
  double low = 0, high = 0;
  // The panels' slider, within [low, high]; both 0: the accepted range. On a log scale when `log_scale`.
  double slider_low = 0, slider_high = 0;
  bool log_scale = false;
  std::vector<SettingChoice> choices;
  // The field it edits, for the panels and the search: one of these is set for kInt, kFloat, kBool and
  // kChoice/kText settings that are one field (the seed, a uint64, has none).
  float& (*as_float)(Config&) = nullptr;
  int& (*as_int)(Config&) = nullptr;
  bool& (*as_bool)(Config&) = nullptr;
  std::string& (*as_text)(Config&) = nullptr;
  // The text form.
  std::function<std::string(const Config&)> write;
  std::function<bool(const std::string&, Config&)> read;
  // Left out of the text while empty (keys added after version 2, so older links read as before).
  bool omitted_when_empty = false;
  // For a value `read` refuses: what exactly is wrong with it ("layer 2 ('8:tanh:zz'): 'zz' is not ..."),
  // for the message; null where the range or the choices say enough.
  std::string (*problem)(const std::string& value) = nullptr;

  bool HasRange() const { return high > low; }
  double SliderLow() const { return slider_low != 0 || slider_high != 0 ? slider_low : low; }
  double SliderHigh() const { return slider_low != 0 || slider_high != 0 ? slider_high : high; }
};

const std::vector<Setting>& Settings();
const Setting* FindSetting(const std::string& key);

// Empty when every setting with a range or a fixed list of choices holds an accepted value, else a
// sentence naming the first that does not and what it accepts.
std::string ValidateSettings(const Config& config);
// "learning_rate (Learning rate) must be between 1e-07 and 10, not 20." for `setting` holding `value`.
std::string OutOfRange(const Setting& setting, double low, double high, double value);

}  // namespace netlab
