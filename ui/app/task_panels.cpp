// The App's controls and output for the tasks beyond the playground (workbench/tasks.h): the Task combo,
// the data row, the Network panel (a layer stack for classification, the layer sizes and family
// settings for the others), and the task's output tabs in the main output area.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "links/config_text.h"
#include "imgui.h"
#include "config/settings.h"
#include "panels/setting_widgets.h"
#include "panels/config_sections.h"
#include "platform/item_locator.h"
#include "networks/network_builder.h"
#include "panels/stack_editor.h"
#include "tasks/table.h"
#include "widgets/value_slider.h"
#include "platform/layout_report.h"
#include "widgets/task_icons.h"

namespace netlab {
namespace {

// How each output tab reads.
const char* ViewLabel(const std::string& view) {
  if (view == "training") return "Training";
  if (view == "model") return "Model";
  if (view == "errors") return "Errors";
  if (view == "layers") return "Layers";
  if (view == "gradient_check") return "Gradient check";
  if (view == "samples") return "Samples";
  if (view == "attention") return "Attention";
  return view.c_str();
}

// The layers as the task takes them (its row's LayerRule): the classification stack has its editor;
// a model whose layers are sizes shows one units field each (and adds or removes them within the
// rule's count); a sequence model picks its recurrent cell.
void DrawLayerSizes(const Task& task, Config& c) {
  const LayerRule& rule = task.layers;
  const TaskSetting* own = task.SettingOf("layers");
  if (own && !own->ShownFor(c)) return;
  if (own && own->label && rule.min == 1 && rule.max == 1 && c.hidden.size() == 1) {
    // One layer the task names (the flow's coupling width): a labelled slider.
    ValueSliderInt(own->label, &c.hidden[0].units, 1, kMaxUnits, "%d", ImGuiSliderFlags_Logarithmic);
    NoteItemRect(own->label);
    return;
  }
  const char* label = "units";
  int remove = -1;
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    ImGui::PushID(int(i));
    LayerConfig& l = c.hidden[i];
    if (rule.form == LayerForm::kRecurrent) {
      const char* cells[] = {"lstm", "gru", "rnn"};
      int cell = 0;
      while (cell < 2 && l.kind != cells[cell]) ++cell;
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
      if (ImGui::Combo("##cell", &cell, cells, 3)) l.kind = cells[cell];
      ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    const std::string format = std::string("%d ") + label;
    ImGui::DragInt("##units", &l.units, 0.25f, 1, kMaxUnits, format.c_str(), ImGuiSliderFlags_AlwaysClamp);
    if (int(c.hidden.size()) > rule.min) {
      ImGui::SameLine();
      if (ImGui::SmallButton("x")) remove = int(i);
    }
    ImGui::PopID();
  }
  if (remove >= 0) c.hidden.erase(c.hidden.begin() + remove);
  if (int(c.hidden.size()) < rule.max && ImGui::Button(("+ " + std::string(rule.what)).c_str()))
    c.hidden.push_back(c.hidden.empty() ? LayerConfig{} : LayerConfig{std::max(2, c.hidden.back().units / 2),
                                                                      c.hidden.back().activation});
}

}  // namespace

void App::SwitchTask(const std::string& task) {
  if (task == edited_.task) return;
  if (task == "playground") {
    Config playground = trainer_->config();  // the experiment that was there
    playground.seed = edited_.seed;
    edited_ = playground;
  } else {
    const uint64_t seed = edited_.seed;
    edited_ = TaskDefaults(task);  // its example config
    edited_.seed = seed;
  }
  message_.clear();
  requested_view_ = edited_.view;
}

void App::RebuildTask() {
  task_config_ = edited_;
  ++trainer_generation_;
  task_output_.SetTask(edited_);  // the run is built once its data is there
}

// A labelled picker with the table's tasks under their topic's heading, each with its one-line summary
// (a newcomer reads what a task is before choosing it), and the chosen task's summary under it.
void App::DrawTaskCombo() {
  const Task* current = FindTask(edited_.task);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Task");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  const float list_width = std::min(540.0f, ImGui::GetIO().DisplaySize.x - 16.0f);
  ImGui::SetNextWindowSizeConstraints(ImVec2(list_width, 0.0f), ImVec2(list_width, ImGui::GetIO().DisplaySize.y * 0.8f));
  if (ImGui::BeginCombo("##task", current ? current->label : "?", ImGuiComboFlags_HeightLargest)) {
    std::vector<std::string> groups;  // in the table's order of first appearance
    for (const Task& t : Tasks())
      if (std::find(groups.begin(), groups.end(), t.group) == groups.end()) groups.push_back(t.group);
    for (const std::string& group : groups) {
      std::string heading = group;
      heading[0] = char(std::toupper(static_cast<unsigned char>(heading[0])));
      ImGui::SeparatorText(heading.c_str());
      for (const Task& t : Tasks()) {
        if (group != t.group) continue;
        ImGui::PushID(t.name);
        // The task's picture (widgets/task_icons.h) at the left, two lines tall; beside it the name, and
        // the summary dimmed and wrapped beneath it.
        const float icon = 2.0f * ImGui::GetTextLineHeight() + 2.0f, indent = icon + ImGui::GetStyle().ItemSpacing.x;
        const float wrap = ImGui::GetContentRegionAvail().x - indent;  // less the scrollbar, when the list scrolls
        const float summary_height = ImGui::CalcTextSize(t.summary, nullptr, false, wrap).y;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##pick", edited_.task == t.name, 0,
                              ImVec2(0.0f, std::max(icon, ImGui::GetTextLineHeight() + summary_height) + 2.0f)))
          SwitchTask(t.name);
        NoteItemRect((std::string("task ") + t.name).c_str());
        ImDrawList* draw = ImGui::GetWindowDrawList();
        if (DrawTaskIcon(t.name, draw, ImVec2(at.x, at.y + 1.0f), icon))
          NoteFigure(ImVec2(at.x, at.y + 1.0f), ImVec2(at.x + icon, at.y + 1.0f + icon));  // the report counts them
        draw->AddText(ImVec2(at.x + indent, at.y), ImGui::GetColorU32(ImGuiCol_Text), t.label);
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + indent, at.y + ImGui::GetTextLineHeight() + 1.0f),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled), t.summary, nullptr, wrap);
        ImGui::PopID();
      }
    }
    ImGui::EndCombo();
  }
  NoteItemRect("task");
  if (current) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", current->summary);
    ImGui::PopStyleColor();
  }
}

void App::DrawTaskControls() {
  // Every control is a setting the task reads (its row in tasks/table.h), drawn from the settings table.
  const Task& task = *FindTask(edited_.task);
  const auto reads_any = [&](SettingSection section) {
    for (const TaskSetting& own : task.settings)
      if (FindSetting(own.key)->section == section) return true;
    return false;
  };
  if (TaskRun* run = task_output_.run()) {
    ImGui::Text("Step %ld", run->steps());
    if (lesson_.progress >= 0.0) {
      char label[48];
      std::snprintf(label, sizeof label, lesson_.progress >= 1.0 ? "Lesson told" : "Lesson %.0f%%",
                    100.0 * lesson_.progress);
      ImGui::SameLine();
      ImGui::ProgressBar(float(std::min(1.0, lesson_.progress)), ImVec2(-1.0f, 0.0f), label);
      NoteItemRect("lesson progress");
    }
  }
  if (reads_any(SettingSection::kData) && SectionHeader("Data", "What the network learns from: the points or images, how many, how noisy, and the share kept aside to test on. The seed draws the same data and the same initial weights every time.", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (task.ReadsFiles()) {
      // Built-in sets, Fashion-MNIST or the student's files: loaded by the task output's data row.
      const std::string kind = task_output_.DrawDataRow();
      if (kind != edited_.data.kind && task_output_.data_ready()) {
        edited_.data.kind = kind;
        if (kind == "file") edited_.data.file = task_output_.data().name;
      }
    }
    const bool choose_kind = !task.ReadsFiles() && task.data.size() > 1;
    DrawSettingsOf(SettingSection::kData, task, edited_, gate_,
                   choose_kind ? std::initializer_list<const char*>{} : std::initializer_list<const char*>{"dataset"});
  }
  if (SectionHeader("Network", "The layers between input and output: units and activation per layer, and for each its options (normalization, skip, dropout). The output layer is added for you.", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (task.layers.form == LayerForm::kStack) {
      const DataShape shape = task_output_.data_ready() ? task_output_.data().shape() : KnownDataShape(edited_.data.kind);
      DrawStackEditor(edited_, PlanStack(edited_, shape, std::max(1, shape.classes)));
    } else if (task.layers.form != LayerForm::kNone) {
      DrawLayerSizes(task, edited_);
    }
    DrawSettingsOf(SettingSection::kNetwork, task, edited_, gate_);
    DrawSettingsOf(SettingSection::kModel, task, edited_, gate_);
  }
  if (reads_any(SettingSection::kOptimizer) && SectionHeader("Optimizer", "How each step changes the weights: the update rule, its step size (learning rate), its own settings, and the batch size (points per step).", ImGuiTreeNodeFlags_DefaultOpen))
    DrawOptimizerSection(edited_, gate_, task);
  if (reads_any(SettingSection::kRegularization) && SectionHeader("Regularization", "What keeps the weights small or the training honest: L1 and L2 penalties, gradient clipping, and early stopping on a held-out share."))
    DrawRegularizationSection(edited_, gate_, task);
  if (reads_any(SettingSection::kInitializer) && SectionHeader("Initializer", "How the weights start: their distribution and scale. Reset starts again from the same ones; a new seed draws others.", ImGuiTreeNodeFlags_DefaultOpen))
    DrawInitializerSection(edited_, gate_, task);
  if (SectionHeader("Share and export", "This experiment as a link, a config or a weights file, and the trained model for ONNX or PyTorch; the layout, the palette and the UI scale.", ImGuiTreeNodeFlags_DefaultOpen)) {
    // Weights files for the tasks whose runs keep their parameters (the task table's capability).
    std::function<std::string()> weights;
    if (task.Can(kWeights)) weights = [this] { return WeightsBytes(); };
    DrawShareControls(share_, edited_, weights);
    // ONNX for the tasks whose model has a form in it (docs/onnx.md; the task table's capability).
    const bool exportable = task.Can(kOnnx);
    if (share_.save_file && exportable) {
      if (ImGui::Button("Export ONNX")) {
        std::string bytes, error;
        const bool exported = task_output_.run() && task_output_.run()->ExportOnnx(bytes, error);
        if (exported) share_.save_file("netlab-" + edited_.task + ".onnx", bytes);
        else message_ = "Could not export ONNX: " + error;
      }
      NoteItemRect("task export onnx");
    }
    // PyTorch (docs/pytorch.md): a .zip of train.py, the notebook, the data and these weights; disabled,
    // with the reason, where the task or its config has no PyTorch form.
    if (TaskRun* run = task_output_.run(); share_.save_file && run)
      DrawPytorchExportButton(share_, task.Can(kPytorch) ? run->PytorchRefusal() : LacksCapability(task, kPytorch),
                              [run](std::vector<ExportedFile>& files, std::string& error) {
                                return run->ExportPytorch(ConfigToText(run->config()), files, error);
                              },
                              message_, "task export pytorch");
  }
}

// The end of a lesson (TaskRun::Progress reached 1): it stays on screen, paused, until the class chooses.
void App::DrawLessonState() {
  if (!lesson_.finished) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.05f, 0.45f, 0.15f, 1.0f));
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Finished after %ld steps.", lesson_.steps);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (ImGui::Button("Replay")) ReplayLesson();
  NoteItemRect("lesson replay");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The same lesson again from its first step");
  const TaskRun* run = task_output_.run();
  if (run && !run->Ended()) {
    ImGui::SameLine();
    if (ImGui::Button("Continue training")) ContinueLesson();
    NoteItemRect("lesson continue");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train on past the lesson's end, as fast as the page allows");
  }
}

void App::DrawTaskOutput() {
  DrawLessonState();
  if (!message_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
    ImGui::TextWrapped("%s", message_.c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("Dismiss")) message_.clear();
  }
  if (!task_output_.build_error().empty())
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s The last model keeps training.",
                       task_output_.build_error().c_str());
  const Task& task = *FindTask(edited_.task);
  const ImVec2 size = ImGui::GetContentRegionAvail();
  if (task.views.size() < 2) {
    task_output_.Draw(task.views.front(), size.x, size.y, edited_.show);
    return;
  }
  if (ImGui::Button("Hyperparameter search")) show_search_ = !show_search_;
  NoteItemRect("task search");
  if (!ImGui::BeginTabBar("task views")) return;
  for (const std::string& view : task.views) {
    const bool requested = requested_view_ == view;
    const bool open = ImGui::BeginTabItem(ViewLabel(view), nullptr, requested ? ImGuiTabItemFlags_SetSelected : 0);
    NoteItemRect(("task tab " + view).c_str());
    if (!open) continue;
    if (requested) requested_view_.clear();
    if (requested_view_.empty()) edited_.view = view;
    task_output_.Draw(view, size.x, size.y, edited_.show);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace netlab
