#include "cli/config_docs.h"

#include <cstdio>
#include <vector>

#include "config/settings.h"
#include "core/registry.h"
#include "data/dataset.h"
#include "nn/activation.h"
#include "nn/initializer.h"
#include "nn/loss.h"
#include "optim/optimizer.h"
#include "tasks/table.h"

namespace netlab {
namespace {

std::string Code(const std::string& text) { return "`" + text + "`"; }

// "a, b or c" of the items, each in code.
std::string Listed(const std::vector<std::string>& items) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i)
    text += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + Code(items[i]);
  return text;
}

template <class Entry>
std::vector<std::string> NamesOf(const std::vector<Entry>& table) {
  std::vector<std::string> names;
  for (const Entry& e : table) names.push_back(e.name);
  return names;
}

std::string Number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

const char* TypeName(SettingType t) {
  switch (t) {
    case SettingType::kText: return "text";
    case SettingType::kChoice: return "name";
    case SettingType::kInt: return "integer";
    case SettingType::kFloat: return "number";
    case SettingType::kBool: return "0 or 1";
    case SettingType::kList: return "list";
  }
  return "";
}

std::string Accepted(const Setting& s) {
  if (s.HasRange() && s.type == SettingType::kInt)
    return std::to_string((long long)s.low) + " .. " + std::to_string((long long)s.high);
  if (s.HasRange()) return Number(s.low) + " .. " + Number(s.high);
  if (!s.choices.empty()) {
    std::vector<std::string> values;
    for (const SettingChoice& c : s.choices) values.push_back(c.value);
    return Listed(values);
  }
  const std::string key = s.key;
  if (key == "optimizer") return Listed(NamesOf(OptimizerKinds()));
  if (key == "initializer") return Listed(NamesOf(Initializers()));
  if (key == "loss") return Listed(NamesOf(Losses()));
  if (key == "output_activation") return "an element-wise activation";
  if (key == "task") {
    std::vector<std::string> names;
    for (const Task& t : Tasks()) names.push_back(t.name);
    return Listed(names);
  }
  if (key == "dataset") return "the playground: " + Listed(NamesOf(DatasetKinds())) + "; the others: Tasks";
  return "see below";
}

std::string ReadBy(const Setting& s) {
  if (s.section == SettingSection::kPage || s.section == SettingSection::kCourse || std::string(s.key) == "task")
    return "the page";
  std::vector<std::string> readers;
  for (const Task& t : Tasks())
    if (t.Reads(s.key)) readers.push_back(t.name);
  if (readers.size() == Tasks().size()) return "all";
  std::string text;
  for (const std::string& r : readers) text += (text.empty() ? "" : ", ") + r;
  return text.empty() ? "none" : text;
}

std::string Cell(std::string text) {
  for (size_t at = 0; (at = text.find('|', at)) != std::string::npos; at += 2) text.replace(at, 1, "\\|");
  return text;
}

}  // namespace

std::string SettingsMarkdown() {
  std::string md = "| key | type | default | accepted | read by | what it is |\n|---|---|---|---|---|---|\n";
  const Config defaults;
  for (const Setting& s : Settings()) {
    std::string value = s.write(defaults);
    md += "| " + Code(s.key) + " | " + TypeName(s.type) + " | " + (value.empty() ? "(none)" : Code(value)) + " | " +
          Cell(Accepted(s)) + " | " + ReadBy(s) + " | " + Cell(s.tooltip) + " |\n";
  }
  return md;
}

std::string TasksMarkdown() {
  std::string md = "| task | data (`dataset`) | layers | tabs (`view`) | example | beyond training |\n"
                   "|---|---|---|---|---|---|\n";
  for (const Task& t : Tasks()) {
    std::vector<std::string> data(t.data.begin(), t.data.end());
    const LayerRule& r = t.layers;
    std::string layers;
    switch (r.form) {
      case LayerForm::kNone: layers = "none"; break;
      case LayerForm::kBlocks: layers = "0 .. " + std::to_string(r.max) + " dense blocks"; break;
      case LayerForm::kStack: layers = "up to " + std::to_string(r.max) + " dense, conv, pooling and flatten layers"; break;
      case LayerForm::kRecurrent: layers = "one `lstm`, `gru` or `rnn` cell"; break;
      case LayerForm::kSizes:
        layers = (r.min == r.max ? std::to_string(r.min) : std::to_string(r.min) + " .. " + std::to_string(r.max)) +
                 " dense (" + r.what + ")";
        break;
    }
    std::string can;
    for (Capability c : {kWeights, kOnnx, kPredict, kDatasetCsv, kNetworks, kPytorch})
      if (t.Can(c)) can += (can.empty() ? "" : ", ") + std::string(CapabilityName(c));
    md += "| " + Code(t.name) + " (" + t.label + ") | " + (data.empty() ? "the 2-D generators" : Listed(data)) + " | " +
          Cell(layers) + " | " + Listed(t.views) + " | " + Code(std::string(t.example) + ".cfg") + " | " +
          (can.empty() ? "history" : can + ", history") + " |\n";
  }
  return md;
}

}  // namespace netlab
