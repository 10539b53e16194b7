#include "panels/stack_editor.h"

#include <algorithm>
#include <string>

#include "widgets/layout.h"
#include "imgui.h"
#include "nn/activation.h"
#include "platform/item_locator.h"

namespace netlab {
namespace {

const char* const kKinds[] = {"dense", "conv", "maxpool", "avgpool", "flatten"};
const char* const kKindLabels[] = {"dense", "conv", "max pool", "avg pool", "flatten"};
constexpr int kKindCount = 5;

int KindIndex(const std::string& kind) {
  for (int i = 0; i < kKindCount; ++i)
    if (kind == kKinds[i]) return i;
  return 0;
}

// A layer of `kind` with the sizes a student would start from.
LayerConfig NewLayer(const std::string& kind) {
  LayerConfig l;
  l.kind = kind;
  if (kind == "conv") l.units = 8, l.activation = "relu", l.kernel = 3, l.stride = 1, l.padding = 1;
  if (kind == "maxpool" || kind == "avgpool") l.kernel = 2, l.stride = 2;
  if (kind == "dense") l.units = 32, l.activation = "relu";
  return l;
}

void ActivationCombo(const char* id, std::string& name, bool elementwise_only) {
  if (!ImGui::BeginCombo(id, name.c_str())) return;
  for (const Activation& a : Activations()) {
    if (elementwise_only && !a.elementwise) continue;
    if (ImGui::Selectable(a.name, name == a.name)) name = a.name;
  }
  ImGui::EndCombo();
}

// One of `names` (shown as `labels`) as a small combo; true when it changed.
bool ChoiceCombo(const char* id, std::string& value, const char* const* names, const char* const* labels, int count,
                 float width) {
  int index = 0;
  while (index < count - 1 && value != names[index]) ++index;
  ImGui::SetNextItemWidth(width);
  if (!ImGui::Combo(id, &index, labels, count)) return false;
  value = names[index];
  return true;
}

// The regularizers and extras of a dense or conv row, on an indented line that wraps: normalization,
// a skip around a dense block or a shape-keeping convolution, dropout, DropConnect, and maxout's pieces.
void DrawRowOptions(LayerConfig& l, int row, float field) {
  static const char* const kNorms[] = {"none", "batch", "layer"};
  static const char* const kNormLabels[] = {"no norm", "batch norm", "layer norm"};
  static const char* const kSkips[] = {"none", "residual", "highway", "dense"};
  static const char* const kSkipLabels[] = {"no skip", "residual", "highway", "dense (concat)"};
  const std::string suffix = " " + std::to_string(row + 1);
  ImGui::Indent(ImGui::GetFontSize() * 1.2f);
  ChoiceCombo("##norm", l.norm, kNorms, kNormLabels, 3, field * 1.9f);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(l.kind == "conv" ? "Batch norm: one mean and variance per channel over the batch and the map\n"
                                         "(before the activation). Layer norm: over each image's maps."
                                       : "Batch norm: each unit over the batch. Layer norm: each sample over its units.");
  NoteItemRect(("stack norm" + suffix).c_str());
  if (l.kind == "dense" || l.kind == "conv") {
    // A convolution takes the residual skip only (the first two choices), and only where it keeps its shape.
    SameLineIfFits(field * 1.7f);
    ChoiceCombo("##skip", l.skip, kSkips, kSkipLabels, l.kind == "conv" ? 2 : 4, field * 1.7f);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(l.kind == "conv" ? "Residual: y = F(x) + x, the maps plus the input: the same shape in and out\n"
                                           "(as many filters as input channels, stride 1, padding (kernel - 1) / 2)."
                                         : "Residual: y = F(x) + x. Highway: y = T F(x) + (1 - T) x with a learned gate T.\n"
                                           "A projection matches the widths when they differ.\n"
                                           "Dense (DenseNet, Huang et al. 2017): y = [x, F(x)], so the next layer reads both.");
    NoteItemRect(("stack skip" + suffix).c_str());
  }
  // Wide enough for the label and its value (a narrower "DropConnect" field hid the value).
  const float drop_width = std::max(field * 1.3f, ImGui::CalcTextSize("DropConnect 0.00").x + 2.0f * ImGui::GetStyle().FramePadding.x);
  SameLineIfFits(drop_width);
  ImGui::SetNextItemWidth(drop_width);
  ImGui::DragFloat("##dropout", &l.dropout, 0.005f, 0.0f, 0.95f, "dropout %.2f", ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dropout: the probability of zeroing each output while training");
  NoteItemRect(("stack dropout" + suffix).c_str());
  if (l.kind == "dense") {
    SameLineIfFits(drop_width);
    ImGui::SetNextItemWidth(drop_width);
    ImGui::DragFloat("##dropconnect", &l.dropconnect, 0.005f, 0.0f, 0.95f, "DropConnect %.2f", ImGuiSliderFlags_AlwaysClamp);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("DropConnect: the probability of zeroing each weight while training");
    if (l.activation == "maxout") {
      SameLineIfFits(field);
      ImGui::SetNextItemWidth(field);
      ImGui::DragInt("##pieces", &l.pieces, 0.1f, 2, kMaxMaxoutPieces, "%d pieces", ImGuiSliderFlags_AlwaysClamp);
    }
  }
  ImGui::Unindent(ImGui::GetFontSize() * 1.2f);
}

}  // namespace

void DrawStackEditor(Config& config, const StackPlan& plan) {
  const float field = ImGui::GetFontSize() * 4.5f;
  int remove = -1, move_up = -1;
  for (int i = 0; i < int(config.hidden.size()); ++i) {
    LayerConfig& l = config.hidden[size_t(i)];
    ImGui::PushID(i);
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d", i + 1);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field * 1.3f);
    int kind = KindIndex(l.kind);
    if (ImGui::Combo("##kind", &kind, kKindLabels, kKindCount) && kKinds[kind] != l.kind) l = NewLayer(kKinds[kind]);
    NoteItemRect(("stack kind " + std::to_string(i + 1)).c_str());
    if (l.kind == "dense" || l.kind == "conv") {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(field);
      // Units or filters: the documented range 1..kMaxUnits, typed or dragged.
      ImGui::DragInt("##units", &l.units, 0.25f, 1, kMaxUnits, l.kind == "conv" ? "%d filters" : "%d units",
                     ImGuiSliderFlags_AlwaysClamp);
      NoteItemRect(("stack units " + std::to_string(i + 1)).c_str());
      ImGui::SameLine();
      ImGui::SetNextItemWidth(field * 1.4f);
      ActivationCombo("##activation", l.activation, l.kind == "conv");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("^") && i > 0) move_up = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Move this layer up");
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) remove = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this layer");
    if (l.kind == "conv" || l.kind == "maxpool" || l.kind == "avgpool") {
      // The window on a line of its own: kernel side, stride and (for convolutions) zero padding.
      ImGui::Indent(ImGui::GetFontSize() * 1.2f);
      ImGui::SetNextItemWidth(field);
      ImGui::DragInt("##kernel", &l.kernel, 0.1f, 1, kMaxKernel, "kernel %d", ImGuiSliderFlags_AlwaysClamp);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("The window is kernel x kernel pixels");
      NoteItemRect(("stack kernel " + std::to_string(i + 1)).c_str());
      ImGui::SameLine();
      ImGui::SetNextItemWidth(field);
      ImGui::DragInt("##stride", &l.stride, 0.1f, 1, kMaxKernel, "stride %d", ImGuiSliderFlags_AlwaysClamp);
      if (l.kind == "conv") {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(field);
        ImGui::DragInt("##padding", &l.padding, 0.1f, 0, kMaxKernel, "pad %d", ImGuiSliderFlags_AlwaysClamp);
      }
      ImGui::Unindent(ImGui::GetFontSize() * 1.2f);
    }
    if (l.kind == "dense" || l.kind == "conv") DrawRowOptions(l, i, field);
    // What comes out, or why it cannot work.
    if (i == plan.failed_layer) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.2f, 0.1f, 1.0f));
      ImGui::TextWrapped("%s", plan.error.c_str());
      ImGui::PopStyleColor();
    } else if (size_t(i) < plan.rows.size() && (plan.failed_layer < 0 || i < plan.failed_layer)) {
      ImGui::TextDisabled("   → %s, %ld parameters", plan.rows[size_t(i)].output.c_str(), plan.rows[size_t(i)].parameters);
    }
    ImGui::PopID();
  }
  if (plan.error.empty() && !plan.rows.empty()) {
    // Wrapped: the line is longer than a narrow controls panel.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("output: %s, %ld parameters; %ld in all", plan.rows.back().layer.c_str(),
                       plan.rows.back().parameters, plan.parameters);
    ImGui::PopStyleColor();
  }
  if (remove >= 0) config.hidden.erase(config.hidden.begin() + remove);
  if (move_up > 0) std::swap(config.hidden[size_t(move_up)], config.hidden[size_t(move_up - 1)]);
  if (int(config.hidden.size()) < kMaxStackLayers) {
    for (const char* kind : {"conv", "maxpool", "dense"}) {
      const std::string label = std::string("+ ") + (std::string(kind) == "maxpool" ? "pool" : kind);
      if (ImGui::Button(label.c_str())) {
        // A new layer goes after the last one of its kind's place: convolutions and pools before the
        // first dense layer, dense layers at the end.
        size_t at = config.hidden.size();
        if (std::string(kind) != "dense")
          for (size_t j = 0; j < config.hidden.size(); ++j)
            if (config.hidden[j].kind == "dense" || config.hidden[j].kind == "flatten") {
              at = j;
              break;
            }
        config.hidden.insert(config.hidden.begin() + long(at), NewLayer(kind));
      }
      NoteItemRect(("stack add " + std::string(kind)).c_str());
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
}

}  // namespace netlab
