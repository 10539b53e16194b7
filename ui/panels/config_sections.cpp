// The playground's control sections (data, features, network) and those every network task shares
// (optimizer and schedule, regularization, initializer): each edits the config in place.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <type_traits>

#include "nn/activation.h"
#include "widgets/layout.h"
#include "data/dataset.h"
#include "data/input_features.h"
#include "core/gemm.h"
#include "imgui.h"
#include "platform/item_locator.h"
#include "nn/initializer.h"
#include "nn/loss.h"
#include "optim/optimizer.h"
#include "platform/item_locator.h"
#include "platform/screen_capture.h"
#include "widgets/plots.h"
#include "widgets/point_painting.h"
#include "core/registry.h"
#include "panels/config_sections.h"
#include "panels/course_gate.h"
#include "panels/setting_widgets.h"
#include "panels/share_panel.h"
#include "widgets/value_slider.h"

namespace netlab {
namespace {

// A combo over a registry table, editing the chosen entry's name; entries with a formula show it on hover.
template <class Entry>
void RegistryCombo(const char* id, const std::vector<Entry>& table, std::string& name) {
  const int current = IndexByName(table, name);
  if (!ImGui::BeginCombo(id, current >= 0 ? table[size_t(current)].label : "?")) return;
  for (size_t i = 0; i < table.size(); ++i) {
    if (ImGui::Selectable(table[i].label, int(i) == current)) name = table[i].name;
    if constexpr (!std::is_same_v<Entry, DatasetKind>)
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", table[i].formula);
  }
  ImGui::EndCombo();
}

}  // namespace

void DrawDataSection(Config& c, CourseGate& gate) {
  if (gate.Begin("dataset")) {
    RegistryCombo("Dataset", DatasetKinds(), c.data.kind);
    gate.End();
  }
  // Regression sets need the squared-error loss; switch it for the user instead of refusing the edit.
  const bool regression = FindDatasetKind(c.data.kind)->regression;
  if (regression && FindLoss(c.loss)->takes_logits) c.loss = "mse";
  if (gate.Begin("noise")) {
    ValueSliderFloat("Noise", &c.data.noise, 0.0f, 1.0f, "%.2f");
    NoteItemRect("Noise");  // the touch test drags it
    gate.End();
  }
  if (gate.Begin("train_fraction")) {
    ValueSliderFloat("Training share", &c.data.train_fraction, 0.1f, 0.9f, "%.2f");
    gate.End();
  }
  // The sliders span the documented ranges (docs/config.md), so a value a link set is shown, not clamped.
  if (gate.Begin("samples")) {
    ValueSliderInt("Samples", &c.data.samples, kMinSamples, kMaxSamples, "%d", ImGuiSliderFlags_Logarithmic);
    gate.End();
  }
  if (gate.Begin("seed")) {
    int seed = int(c.seed);
    if (ImGui::InputInt("Seed", &seed) && seed >= 0) c.seed = uint64_t(seed);
    gate.End();
  }
}

void DrawFeatureSection(Config& c, CourseGate& gate) {
  if (!gate.Begin("features")) return;
  int column = 0;
  for (const Feature& f : Features()) {
    if (!gate.Begin(f.name)) continue;
    bool on = std::find(c.features.begin(), c.features.end(), f.name) != c.features.end();
    if (column++ % 4) ImGui::SameLine();
    if (ImGui::Checkbox(f.label, &on)) {
      if (on) {
        // Keep the registry's order so the same set of features always gives the same network.
        std::vector<std::string> ordered;
        for (const Feature& g : Features())
          if (g.name == std::string(f.name) ||
              std::find(c.features.begin(), c.features.end(), g.name) != c.features.end())
            ordered.push_back(g.name);
        c.features = ordered;
      } else if (c.features.size() > 1) {
        c.features.erase(std::find(c.features.begin(), c.features.end(), f.name));
      }
    }
    gate.End();
  }
  gate.End();
}

// A combo over a fixed list of option strings (normalization, skip, schedule kinds).
namespace {

void OptionCombo(const char* id, std::string& value, std::initializer_list<const char*> options) {
  if (!ImGui::BeginCombo(id, value.c_str())) return;
  for (const char* option : options)
    if (ImGui::Selectable(option, value == option)) value = option;
  ImGui::EndCombo();
}

void DrawLayerOptions(LayerConfig& layer) {
  ImGui::Indent();
  if (layer.activation == "maxout") ValueSliderInt("Pieces (k)", &layer.pieces, 2, kMaxMaxoutPieces);
  OptionCombo("Normalization", layer.norm, {"none", "batch", "layer"});
  OptionCombo("Skip", layer.skip, {"none", "residual", "highway"});
  ValueSliderFloat("Dropout", &layer.dropout, 0.0f, 0.9f, "%.2f");
  ValueSliderFloat("DropConnect", &layer.dropconnect, 0.0f, 0.9f, "%.2f");
  ImGui::Unindent();
}

// Short tags after a layer's row so options stay visible when the row is collapsed.
std::string LayerTags(const LayerConfig& l) {
  std::string tags;
  if (l.norm != "none") tags += l.norm == "batch" ? " BN" : " LN";
  if (l.skip != "none") tags += l.skip == "residual" ? " res" : " hwy";
  if (l.dropout > 0.0f) tags += " drop";
  if (l.dropconnect > 0.0f) tags += " dc";
  return tags;
}

}  // namespace

void DrawNetworkSection(Config& c, CourseGate& gate) {
  int remove = -1;
  const bool sizes = !gate.Hidden("layers"), activations = !gate.Hidden("activation");
  for (size_t i = 0; i < c.hidden.size() && (sizes || activations); ++i) {
    ImGui::PushID(int(i));
    const bool open = ImGui::TreeNodeEx("##layer", ImGuiTreeNodeFlags_SpanAvailWidth, "%zu", i + 1);
    ImGui::SameLine(50);
    if (gate.Begin("layers")) {
      ImGui::SetNextItemWidth(80);
      ValueSliderInt("##units", &c.hidden[i].units, 1, kMaxUnits, "%d units", ImGuiSliderFlags_Logarithmic);
      gate.End();
      ImGui::SameLine();
    }
    if (gate.Begin("activation")) {
      ImGui::SetNextItemWidth(105);
      RegistryCombo("##activation", Activations(), c.hidden[i].activation);
      gate.End();
    }
    if (gate.Begin("layers")) {
      ImGui::SameLine();
      if (ImGui::SmallButton("x")) remove = int(i);
      gate.End();
    }
    const std::string tags = LayerTags(c.hidden[i]);
    if (!tags.empty()) {
      SameLineIfFits(ImGui::CalcTextSize(tags.c_str()).x);
      ImGui::TextDisabled("%s", tags.c_str());
    }
    if (open) {
      DrawLayerOptions(c.hidden[i]);
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  if (remove >= 0) c.hidden.erase(c.hidden.begin() + remove);
  if (gate.Begin("layers")) {
    if (int(c.hidden.size()) < kMaxHiddenLayers && ImGui::Button("+ Add layer"))
      c.hidden.push_back(c.hidden.empty() ? LayerConfig{} : c.hidden.back());
    gate.End();
  }
  if (!gate.Begin("loss")) return;
  RegistryCombo("Loss", Losses(), c.loss);
  const Loss* loss = FindLoss(c.loss);
  if (loss->takes_logits)
    ImGui::TextDisabled("Output: %s, applied inside the loss", loss->one_hot_targets ? "softmax" : "sigmoid");
  else
    RegistryCombo("Output activation", Activations(), c.output_activation);
  gate.End();
}


// The sections below draw the settings `task` reads and no other (tasks/table.h), each from its row
// (config/settings.h) through DrawSetting.
void DrawRegularizationSection(Config& c, CourseGate& gate, const Task& task) {
  if (!gate.Begin("regularization")) return;
  DrawSettingsOf(SettingSection::kRegularization, task, c, gate, {"patience"});
  if (c.regularization.validation_fraction > 0.0f) DrawSetting("patience", task, c, gate);
  gate.End();
}

// The chosen method's own settings (momentum, Adam's betas, ...): the optimizer registry says which.
void DrawOptimizerSettings(Config& c, CourseGate& gate, const Task& task) {
  const std::string& kind = c.optimizer.kind;
  if (kind == "momentum" || kind == "nesterov") DrawSetting("momentum", task, c, gate);
  if (kind == "adam" || kind == "adamw") {
    DrawSetting("beta1", task, c, gate);
    DrawSetting("beta2", task, c, gate);
  }
  if (kind == "rmsprop") DrawSetting("rho", task, c, gate);
  if (kind == "adam" || kind == "adamw" || kind == "adagrad" || kind == "rmsprop") DrawSetting("epsilon", task, c, gate);
  if (kind == "adamw") DrawSetting("weight_decay", task, c, gate);
  if (kind == "sgld") DrawSetting("temperature", task, c, gate);  // 1: the posterior
}

void DrawOptimizerSection(Config& c, CourseGate& gate, const Task& task) {
  const bool chooses = task.Reads("optimizer");
  if (chooses) DrawSetting("optimizer", task, c, gate);
  DrawSetting("learning_rate", task, c, gate);
  // A task without a choice of optimizer (contrastive divergence's plain steps) may read momentum alone.
  if (!chooses) DrawSetting("momentum", task, c, gate);
  DrawSetting("batch_size", task, c, gate);
  if (chooses && gate.Begin("optimizer")) {
    DrawOptimizerSettings(c, gate, task);
    gate.End();
  }
  if (!DrawSetting("schedule", task, c, gate) || c.schedule.kind == "constant") return;
  DrawSetting("decay_steps", task, c, gate);
  DrawSetting("gamma", task, c, gate);
}

void DrawInitializerSection(Config& c, CourseGate& gate, const Task& task) {
  if (!DrawSetting("initializer", task, c, gate)) return;
  if (c.initializer == "uniform" || c.initializer == "normal") DrawSetting("init_scale", task, c, gate);
}

// The two-button bar of a narrow screen: which of the controls and the output fills the rest.
}  // namespace netlab
