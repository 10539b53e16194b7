#include "panels/setting_widgets.h"

#include <algorithm>
#include <type_traits>

#include "config/settings.h"
#include "core/registry.h"
#include "data/dataset.h"
#include "imgui.h"
#include "nn/activation.h"
#include "nn/initializer.h"
#include "nn/loss.h"
#include "optim/optimizer.h"
#include "platform/item_locator.h"
#include "widgets/value_slider.h"

namespace netlab {
namespace {

// The registries a choice setting names (the others list their choices in their row).
template <class Entry>
bool RegistryChoice(const char* label, const std::vector<Entry>& table, std::string& value) {
  const int current = IndexByName(table, value);
  if (!ImGui::BeginCombo(label, current >= 0 ? table[size_t(current)].label : value.c_str())) return false;
  for (size_t i = 0; i < table.size(); ++i) {
    if (ImGui::Selectable(table[i].label, int(i) == current)) value = table[i].name;
    if constexpr (!std::is_same_v<Entry, DatasetKind>)
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", table[i].formula);
  }
  ImGui::EndCombo();
  return true;
}

// The data kinds of the tasks that draw their own data, as the combo shows them.
struct KindLabel {
  const char* kind;
  const char* label;
};
const KindLabel kKindLabels[] = {
    {"separable", "linearly separable"}, {"xor", "XOR"},       {"two_moons", "two moons"},
    {"ring", "ring"},                    {"checkerboard", "checkerboard"}, {"gaussian", "Gaussian"},
    {"drawn", "the link's points"},      {"digits", "digits 8x8"},  {"iris", "iris"},
    {"fashion", "Fashion-MNIST"},        {"file", "your file"},
};

void DrawChoice(const Setting& s, const char* label, const Task& task, Config& c) {
  std::string& value = s.as_text(c);
  const std::string key = s.key;
  if (key == "optimizer") RegistryChoice(label, OptimizerKinds(), value);
  else if (key == "initializer") RegistryChoice(label, Initializers(), value);
  else if (key == "loss") RegistryChoice(label, Losses(), value);
  else if (key == "output_activation") RegistryChoice(label, Activations(), value);
  else if (key == "dataset" && task.data.empty()) RegistryChoice(label, DatasetKinds(), value);
  else if (key == "dataset") {
    // The task's own kinds; the drawn target only when the config has points.
    if (!ImGui::BeginCombo(label, DataKindLabel(value).c_str())) return;
    for (const std::string& kind : task.data) {
      if (kind == "drawn" && c.data.painted.empty()) continue;
      if (ImGui::Selectable(DataKindLabel(kind).c_str(), kind == value)) value = kind;
    }
    ImGui::EndCombo();
  } else {
    const SettingChoice* current = nullptr;
    for (const SettingChoice& choice : s.choices)
      if (value == choice.value) current = &choice;
    if (!ImGui::BeginCombo(label, current ? current->label : value.c_str())) return;
    for (const SettingChoice& choice : s.choices)
      if (ImGui::Selectable(choice.label, current == &choice)) value = choice.value;
    ImGui::EndCombo();
  }
}

}  // namespace

std::string DataKindLabel(const std::string& kind) {
  for (const KindLabel& k : kKindLabels)
    if (kind == k.kind) return k.label;
  std::string label = kind;
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

bool DrawSetting(const char* key, const Task& task, Config& c, CourseGate& gate) {
  const TaskSetting* own = task.SettingOf(key);
  const Setting* s = FindSetting(key);
  if (!own || !s || !own->ShownFor(c) || !gate.Begin(key)) return false;
  const char* label = own->label ? own->label : s->label;
  const bool own_slider = own->slider_low != 0 || own->slider_high != 0, own_range = own->high > own->low;
  const double low = own_slider ? own->slider_low : own_range ? own->low : s->SliderLow();
  const double high = own_slider ? own->slider_high : own_range ? own->high : s->SliderHigh();
  const ImGuiSliderFlags flags = s->log_scale ? ImGuiSliderFlags_Logarithmic : 0;
  if (s->as_float) {
    ValueSliderFloat(label, &s->as_float(c), float(low), float(high), s->log_scale ? "%.3g" : "%.3f", flags);
  } else if (s->as_int) {
    ValueSliderInt(label, &s->as_int(c), int(low), int(high), "%d", flags);
  } else if (s->as_bool) {
    ImGui::Checkbox(label, &s->as_bool(c));
  } else if (s->as_text && s->type == SettingType::kChoice) {
    DrawChoice(*s, label, task, c);
  } else if (std::string(key) == "seed") {
    int seed = int(c.seed);
    if (ImGui::InputInt(label, &seed) && seed >= 0) c.seed = uint64_t(seed);
  } else {
    gate.End();
    return false;  // lists and text have controls of their own
  }
  NoteItemRect(label);
  if (s->tooltip[0] && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s->tooltip);
  gate.End();
  return true;
}

void DrawSettingsOf(SettingSection section, const Task& task, Config& c, CourseGate& gate,
                    std::initializer_list<const char*> skip) {
  for (const Setting& s : Settings()) {
    if (s.section != section) continue;
    if (std::any_of(skip.begin(), skip.end(), [&](const char* k) { return std::string(k) == s.key; })) continue;
    DrawSetting(s.key, task, c, gate);
  }
}

}  // namespace netlab
