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
#include "panels/share_panel.h"

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
    ImGui::SliderFloat("Noise", &c.data.noise, 0.0f, 1.0f, "%.2f");
    NoteItemRect("Noise");  // the touch test drags it
    gate.End();
  }
  if (gate.Begin("train_fraction")) {
    ImGui::SliderFloat("Training share", &c.data.train_fraction, 0.1f, 0.9f, "%.2f");
    gate.End();
  }
  // The sliders span the documented ranges (docs/config.md), so a value a link set is shown, not clamped.
  if (gate.Begin("samples")) {
    ImGui::SliderInt("Samples", &c.data.samples, kMinSamples, kMaxSamples, "%d", ImGuiSliderFlags_Logarithmic);
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
  if (layer.activation == "maxout") ImGui::SliderInt("Pieces (k)", &layer.pieces, 2, kMaxMaxoutPieces);
  OptionCombo("Normalization", layer.norm, {"none", "batch", "layer"});
  OptionCombo("Skip", layer.skip, {"none", "residual", "highway"});
  ImGui::SliderFloat("Dropout", &layer.dropout, 0.0f, 0.9f, "%.2f");
  ImGui::SliderFloat("DropConnect", &layer.dropconnect, 0.0f, 0.9f, "%.2f");
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
      ImGui::SliderInt("##units", &c.hidden[i].units, 1, kMaxUnits, "%d units", ImGuiSliderFlags_Logarithmic);
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
    ImGui::TextDisabled("Output link: %s (inside the loss)", loss->one_hot_targets ? "softmax" : "sigmoid");
  else
    RegistryCombo("Output activation", Activations(), c.output_activation);
  gate.End();
}


void DrawRegularizationSection(Config& c, CourseGate& gate) {
  if (!gate.Begin("regularization")) return;
  RegularizationConfig& r = c.regularization;
  ImGui::SliderFloat("L1", &r.l1, 0.0f, 0.1f, "%.5f", ImGuiSliderFlags_Logarithmic);
  ImGui::SliderFloat("L2", &r.l2, 0.0f, 0.1f, "%.5f", ImGuiSliderFlags_Logarithmic);
  ImGui::SliderFloat("Clip gradient norm", &r.clip_norm, 0.0f, 100.0f, r.clip_norm > 0 ? "%.3f" : "off",
                     ImGuiSliderFlags_Logarithmic);
  ImGui::SliderFloat("Validation share", &r.validation_fraction, 0.0f, 0.5f,
                     r.validation_fraction > 0 ? "%.2f (early stopping)" : "off");
  if (r.validation_fraction > 0.0f) ImGui::SliderInt("Patience (epochs)", &r.patience, 1, 200);
  gate.End();
}

// The chosen method's own settings (momentum, Adam's betas, ...).
void DrawOptimizerSettings(OptimizerSettings& o) {
  const std::string& kind = o.kind;
  if (kind == "momentum" || kind == "nesterov") ImGui::SliderFloat("Momentum", &o.momentum, 0.0f, 0.999f);
  if (kind == "adam" || kind == "adamw") {
    ImGui::SliderFloat("beta1", &o.beta1, 0.0f, 0.999f);
    ImGui::SliderFloat("beta2", &o.beta2, 0.9f, 0.99999f, "%.5f");
  }
  if (kind == "rmsprop") ImGui::SliderFloat("rho", &o.rho, 0.0f, 0.999f);
  if (kind == "adam" || kind == "adamw" || kind == "adagrad" || kind == "rmsprop")
    ImGui::SliderFloat("epsilon", &o.epsilon, 1e-10f, 1e-1f, "%.1e", ImGuiSliderFlags_Logarithmic);
  if (kind == "adamw") ImGui::SliderFloat("Weight decay", &o.weight_decay, 0.0f, 0.5f, "%.4f");
  if (kind == "sgld")
    ImGui::SliderFloat("Temperature", &o.temperature, 0.0f, 1.0f, "%.3f");  // 1: the posterior
}

void DrawOptimizerSection(Config& c, CourseGate& gate) {
  if (gate.Begin("optimizer")) {
    RegistryCombo("Optimizer", OptimizerKinds(), c.optimizer.kind);
    gate.End();
  }
  if (gate.Begin("learning_rate")) {
    ImGui::SliderFloat("Learning rate", &c.optimizer.learning_rate, 1e-7f, 10.0f, "%.2e",
                       ImGuiSliderFlags_Logarithmic);
    NoteItemRect("Learning rate");  // tests/browser/tfplayground-page.test.mjs: hidden by learningRate_hide
    gate.End();
  }
  if (gate.Begin("batch_size")) {
    ImGui::SliderInt("Batch size", &c.batch_size, 1, kMaxSamples, "%d", ImGuiSliderFlags_Logarithmic);
    gate.End();
  }
  if (gate.Begin("optimizer")) {
    DrawOptimizerSettings(c.optimizer);
    gate.End();
  }
  if (!gate.Begin("schedule")) return;
  OptionCombo("Schedule", c.schedule.kind, {"constant", "step", "exponential", "cosine"});
  if (c.schedule.kind != "constant") {
    ImGui::SliderInt("Decay steps", &c.schedule.decay_steps, 10, 20000, "%d", ImGuiSliderFlags_Logarithmic);
    ImGui::SliderFloat(c.schedule.kind == "cosine" ? "Floor (share)" : "Gamma", &c.schedule.gamma, 0.0f, 1.0f);
  }
  gate.End();
}

void DrawInitializerSection(Config& c, CourseGate& gate) {
  if (!gate.Begin("initializer")) return;
  RegistryCombo("Initializer", Initializers(), c.initializer);
  if (c.initializer == "uniform" || c.initializer == "normal")
    ImGui::SliderFloat("Scale", &c.init_scale, 0.0f, 100.0f, "%.3f", ImGuiSliderFlags_Logarithmic);
  gate.End();
}

// The two-button bar of a narrow screen: which of the controls and the output fills the rest.
}  // namespace netlab
