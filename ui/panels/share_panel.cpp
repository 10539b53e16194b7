#include "panels/share_panel.h"

#include <cstdio>

#include "widgets/layout.h"
#include "imgui.h"
#include "platform/item_locator.h"
#include "links/share_link.h"
#include "links/tf_playground_link.h"
#include "data/dataset_csv.h"
#include "export/onnx_export.h"
#include "export/zip_file.h"
#include "tasks/playground/playground_pytorch.h"
#include "train/history_csv.h"
#include "links/config_text.h"

namespace netlab {

void DrawShareControls(const ShareActions& actions, Config& config, const std::function<std::string()>& weights) {
  if (actions.copy_link && ImGui::Button("Copy link")) actions.copy_link(EncodeShareLink(config));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A link that opens this playground with these settings (and the same seed).");
  if (actions.save_file) {
    SameLineIfFits(ButtonWidth("Save config"));
    if (ImGui::Button("Save config")) actions.save_file("netlab-config.txt", ConfigToText(config));
    if (weights) {  // the tasks without a weights file format pass none
      SameLineIfFits(ButtonWidth("Save weights"));
      if (ImGui::Button("Save weights")) actions.save_file("netlab-weights.nlw", weights());
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The trained model: its config and every weight, in one file.");
  }
  if (actions.open_file) {
    SameLineIfFits(ButtonWidth("Open file..."));
    if (ImGui::Button("Open file...")) actions.open_file();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A saved config, a share link in a text file, or saved weights.");
  }
  bool compact = config.layout == "compact";
  if (ImGui::Checkbox("Compact layout", &compact)) config.layout = compact ? "compact" : "full";
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Only the output and a run bar, as when embedded; links keep it.");
  bool colour_blind = config.palette == "colorblind";
  if (ImGui::Checkbox("Colour-blind palette", &colour_blind)) config.palette = colour_blind ? "colorblind" : "standard";
  NoteItemRect("Colour-blind palette");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Okabe and Ito's colours, told apart with red-green or blue-yellow colour blindness; links keep it.");
  if (actions.ui_scale && actions.set_ui_scale) {
    static const float kScales[] = {0.75f, 1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 2.5f, 3.0f};
    const float now = actions.ui_scale();
    char label[16];
    std::snprintf(label, sizeof label, "%.0f%%", 100.0f * now);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("300%").x + ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().FramePadding.x);
    if (ImGui::BeginCombo("UI scale", label)) {
      for (float s : kScales) {
        std::snprintf(label, sizeof label, "%.0f%%", 100.0f * s);
        if (ImGui::Selectable(label, s == now)) actions.set_ui_scale(s);
      }
      ImGui::EndCombo();
    }
    NoteItemRect("UI scale");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Everything larger, for a projector or a 4K screen (the page's ?scale=1.5 starts so).");
  }
}

void DrawPytorchExportButton(const ShareActions& actions, const std::string& refusal,
                             const std::function<bool(std::vector<ExportedFile>&, std::string&)>& write,
                             std::string& message, const char* item) {
  SameLineIfFits(ButtonWidth("Export PyTorch"));
  if (!refusal.empty()) ImGui::BeginDisabled();
  if (ImGui::Button("Export PyTorch")) {
    std::vector<ExportedFile> files;
    std::string error;
    if (write(files, error)) actions.save_file("netlab-pytorch.zip", ZipFiles(files, "netlab-pytorch"));
    else message = "Could not export PyTorch: " + error;
  }
  NoteItemRect(item);
  if (!refusal.empty()) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", refusal.empty()
                                ? "This run as a PyTorch script and notebook (a .zip): the same data, network, weights, "
                                  "optimizer and minibatch order,\nto train on in Python, on a GPU, or on several "
                                  "machines with torchrun. See its README."
                                : ("Not available: " + refusal).c_str());
}

void DrawTfPlaygroundLinkButton(const ShareActions& actions, const Config& config) {
  if (!actions.copy_tf_playground_link || config.task != "playground") return;
  std::string url, why;
  const bool fits = TfPlaygroundLink(config, url, why);
  if (!fits) ImGui::BeginDisabled();
  if (ImGui::Button("Copy TF Playground link")) actions.copy_tf_playground_link(url);
  NoteItemRect("Copy TF Playground link");
  if (!fits) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", fits ? "This experiment as a TensorFlow Playground link (its seed is this config's seed)."
                                 : ("Not available: " + why).c_str());
}

void DrawExportControls(const ShareActions& actions, Trainer& trainer, std::string& message) {
  if (!actions.save_file) return;
  if (ImGui::Button("Export ONNX")) {
    std::string bytes, error;
    if (ExportOnnx(trainer.config(), trainer.network(), bytes, error)) actions.save_file("netlab-model.onnx", bytes);
    else message = error;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The trained network as an ONNX model for PyTorch, ONNX Runtime and friends:\n"
                      "input 'points' (x1, x2 per row), output 'prediction'.");
  // The run as a PyTorch folder (train.py, a notebook, the data, these weights), zipped.
  DrawPytorchExportButton(actions, PlaygroundPytorchRefusal(trainer.config()),
                          [&trainer](std::vector<ExportedFile>& files, std::string& error) {
                            return ExportPlaygroundPytorch(trainer, ConfigToText(trainer.config()), files, error);
                          },
                          message, "Export PyTorch");
  SameLineIfFits(ButtonWidth("History CSV"));
  if (ImGui::Button("History CSV")) actions.save_file("netlab-history.csv", HistoryCsv(trainer.history()));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every reported step with all its metrics, for a spreadsheet or pandas.");
  SameLineIfFits(ButtonWidth("Data CSV"));
  if (ImGui::Button("Data CSV")) actions.save_file("netlab-data.csv", DatasetCsv(trainer.data()));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The current points: x1, x2, label, and test (1) or training (0).");
}

EmbedBarClicks DrawEmbedBar(bool playing, long step, const ShareActions& actions, const Config& config,
                            bool can_show_controls) {
  // The bar's buttons share a row while they fit and wrap in a narrow embed.
  EmbedBarClicks clicks;
  clicks.toggle_play = ImGui::Button(playing ? "Pause" : "Play", ImVec2(60, 0));
  SameLineIfFits(ButtonWidth("Step"));
  clicks.step = ImGui::Button("Step");
  SameLineIfFits(ButtonWidth("Reset"));
  clicks.reset = ImGui::Button("Reset");
  if (actions.copy_link) {
    const char* label = can_show_controls ? "Copy link" : "Open in Netlab";
    SameLineIfFits(ButtonWidth(label));
    if (ImGui::Button(label)) actions.copy_link(EncodeShareLink(config));
  }
  if (can_show_controls) {
    SameLineIfFits(ButtonWidth("Controls"));
    clicks.show_controls = ImGui::Button("Controls");
  }
  char text[32];
  std::snprintf(text, sizeof text, "step %ld", step);
  SameLineIfFits(ImGui::CalcTextSize(text).x);
  ImGui::TextUnformatted(text);
  return clicks;
}

}  // namespace netlab
