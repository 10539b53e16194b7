#include "panels/lesson_panels.h"

#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"
#include "platform/item_locator.h"
#include "tasks/table.h"

namespace netlab {
namespace {

// A combo over `options` editing `value`; `labels` as a student reads them.
void ChoiceCombo(const char* label, std::string& value, const std::vector<std::string>& options,
                 const std::vector<const char*>& labels) {
  size_t current = 0;
  while (current + 1 < options.size() && options[current] != value) ++current;
  if (ImGui::BeginCombo(label, labels[current])) {
    for (size_t i = 0; i < options.size(); ++i)
      if (ImGui::Selectable(labels[i], i == current)) value = options[i];
    ImGui::EndCombo();
  }
  NoteItemRect(label);
}

}  // namespace

bool IsLessonTask(const std::string& task) { return task == "perceptron" || task == "flow"; }

void DrawLessonSection(Config& c) {
  if (c.task == "perceptron") {
    ChoiceCombo("Data", c.data.kind, {"separable", "xor"}, {"linearly separable", "XOR"});
    ImGui::SliderInt("Points", &c.data.samples, kMinSamples, 200);
    if (c.data.kind == "xor") ImGui::SliderFloat("Spread", &c.data.noise, 0.0f, 1.0f, "%.2f");
    ChoiceCombo("Rule (headless)", c.lesson.perceptron_rule, {"rosenblatt", "sigmoid"},
                {"Rosenblatt (threshold)", "sigmoid gradient"});
    ChoiceCombo("Updates", c.lesson.perceptron_update, {"incremental", "batch"}, {"incremental", "batch"});
    ImGui::SliderFloat("Step (eta)", &c.optimizer.learning_rate, 1e-3f, 10.0f, "%.3g", ImGuiSliderFlags_Logarithmic);
  }
  if (c.task == "flow") {
    std::vector<std::string> targets = {"two_moons", "ring", "checkerboard", "gaussian"};
    std::vector<const char*> target_labels = {"two moons", "ring", "checkerboard", "Gaussian"};
    if (!c.data.painted.empty()) {  // the link's points (points=x:y:label,...)
      targets.push_back("drawn");
      target_labels.push_back("the link's points");
    }
    ChoiceCombo("Target", c.data.kind, targets, target_labels);
    ChoiceCombo("Flow", c.lesson.flow, {"planar", "additive_coupling", "affine_coupling"},
                {"planar", "additive coupling (NICE)", "affine coupling (RealNVP)"});
    ImGui::SliderInt("Flow layers", &c.lesson.flow_layers, 1, 32);
    if (c.lesson.flow != "planar" && !c.hidden.empty())
      ImGui::SliderInt("Coupling width", &c.hidden[0].units, 1, 128);
    ImGui::SliderFloat("Learning rate", &c.optimizer.learning_rate, 1e-4f, 0.1f, "%.3g", ImGuiSliderFlags_Logarithmic);
    ImGui::SliderInt("Batch size", &c.batch_size, 16, 1024, "%d", ImGuiSliderFlags_Logarithmic);
  }
}

void DrawDensitySection(Config& c) {
  if (c.task == "made") {
    ImGui::SliderInt("RBM hidden units", &c.lesson.rbm_hidden, 1, 20);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The RBM measured beside MADE. Its log Z sums over all 2^h hidden states,\n"
                        "so its log-likelihood is exact too: at most 20 hidden units.");
    ImGui::SliderInt("RBM CD-k", &c.family.cd_k, 1, 25);
    ImGui::Checkbox("RBM persistent CD", &c.family.persistent);
  }
  if (c.task == "dbm") {
    ImGui::SliderInt("Gibbs sweeps per update", &c.family.cd_k, 1, 25);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Sweeps of the persistent chains (v, h1, h2) between two updates: the model term.");
  }
}

void DrawLabelNoiseControl(Config& c) {
  float percent = 100.0f * c.lesson.label_noise;
  if (ImGui::SliderFloat("Shuffled labels", &percent, 0.0f, 100.0f, "%.0f%%", ImGuiSliderFlags_AlwaysClamp))
    c.lesson.label_noise = std::round(percent) / 100.0f;
  NoteItemRect("label noise");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Shuffles this share of the training labels among themselves (Zhang et al. 2016):\n"
                      "a large network still fits them all, while its test accuracy falls to chance.");
}

}  // namespace netlab
