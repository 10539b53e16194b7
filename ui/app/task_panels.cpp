// The App's controls and output for the tasks beyond the playground (workbench/tasks.h): the Task combo,
// the data row, the Network panel (a layer stack for classification, the layer sizes and family
// settings for the others), and the task's output tabs in the main output area.
#include <algorithm>
#include <string>

#include "app/app.h"
#include "links/config_text.h"
#include "imgui.h"
#include "panels/lesson_panels.h"
#include "panels/config_sections.h"
#include "platform/item_locator.h"
#include "train/network_builder.h"
#include "panels/stack_editor.h"
#include "tasks/table.h"

namespace netlab {
namespace {

// How each output tab reads.
const char* ViewLabel(const std::string& view) {
  if (view == "training") return "Training";
  if (view == "model") return "Model";
  if (view == "errors") return "Errors";
  if (view == "layers") return "Layers";
  if (view == "gradient_check") return "Gradient check";
  return view.c_str();
}

void FamilySection(Config& c) {
  const std::string& task = c.task;
  if (task == "rbm" || task == "dbn" || task == "autoencoder" || task == "sbn") {
    ImGui::SliderInt("CD-k", &c.family.cd_k, 1, 25);
    ImGui::Checkbox("Persistent CD", &c.family.persistent);
  }
  if (task == "dbn" || task == "autoencoder" || task == "sbn") ImGui::SliderInt("Pretraining epochs", &c.family.pretrain_epochs, 1, 100);
  if (task == "vae" || task == "autoencoder" || task == "gan")
    ImGui::SliderInt(task == "gan" ? "Noise size" : "Latent size", &c.family.latent, 1, 64);
  if (task == "vae") ImGui::SliderFloat("KL weight", &c.family.kl_weight, 0.0f, 10.0f, "%.2f");
  if (task == "gan") {
    ImGui::SliderInt("Discriminator units", &c.family.discriminator_units, 1, kMaxUnits);
    ImGui::SliderFloat("Discriminator step", &c.family.discriminator_learning_rate, 1e-5f, 1.0f, "%.1e",
                       ImGuiSliderFlags_Logarithmic);
  }
  if (task == "sequence") ImGui::SliderInt("Sequence length", &c.family.sequence_length, 2, 100);
  if (task == "attention") {
    ImGui::SliderInt("Sequence length", &c.family.sequence_length, 2, 12);
    ImGui::SliderInt("Vocabulary", &c.lesson.vocabulary, 2, 32);
  }
  if (task == "dqn") {
    ImGui::SliderFloat("Discount (gamma)", &c.lesson.discount, 0.0f, 0.99f, "%.2f");
    ImGui::SliderFloat("Epsilon start", &c.lesson.epsilon_start, 0.0f, 1.0f, "%.2f");
    ImGui::SliderFloat("Epsilon end", &c.lesson.epsilon_end, 0.0f, 1.0f, "%.2f");
    ImGui::SliderInt("Epsilon decay (moves)", &c.lesson.epsilon_decay_moves, 1, 100000, "%d", ImGuiSliderFlags_Logarithmic);
  }
  if (task == "gumbel-vae") {
    ImGui::SliderInt("Groups", &c.family.latent, 1, 8);
    ImGui::SliderInt("Categories", &c.lesson.categories, 2, 32);
    ImGui::SliderFloat("Temperature (start)", &c.lesson.gumbel_temperature, 0.05f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic);
    ImGui::SliderFloat("Temperature (floor)", &c.lesson.gumbel_temperature_min, 0.05f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic);
    ImGui::SliderFloat("Annealing rate", &c.lesson.gumbel_anneal, 0.0f, 0.01f, "%.4f");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The Gumbel-softmax temperature after u updates: max(floor, start * exp(-rate * u))\n"
                        "(Jang, Gu & Poole 2017). Lower is closer to one-hot samples, with noisier gradients.");
  }
  DrawLessonSection(c);
  DrawDensitySection(c);
}

// The dense layers' sizes (RBM, DBN, VAE, GAN) or the recurrent cell (sequence task).
void FamilyLayers(Config& c) {
  const bool stack = c.task == "dbn" || c.task == "autoencoder" || c.task == "sbn" || c.task == "dqn";
  int remove = -1;
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    ImGui::PushID(int(i));
    LayerConfig& l = c.hidden[i];
    if (c.task == "sequence") {
      const char* cells[] = {"lstm", "gru", "rnn"};
      int cell = 0;
      while (cell < 2 && l.kind != cells[cell]) ++cell;
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
      if (ImGui::Combo("##cell", &cell, cells, 3)) l.kind = cells[cell];
      ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::DragInt("##units", &l.units, 0.25f, 1, kMaxUnits, "%d units", ImGuiSliderFlags_AlwaysClamp);
    if (stack && c.hidden.size() > 1) {
      ImGui::SameLine();
      if (ImGui::SmallButton("x")) remove = int(i);
    }
    ImGui::PopID();
  }
  if (remove >= 0) c.hidden.erase(c.hidden.begin() + remove);
  // The Q-network's layers keep their activation; the RBMs' units are sigmoid.
  const bool q_network = c.task == "dqn";
  if (stack && c.hidden.size() < 4 && ImGui::Button(q_network ? "+ layer" : "+ RBM layer"))
    c.hidden.push_back({std::max(2, c.hidden.back().units / 2), q_network ? c.hidden.back().activation : "sigmoid"});
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

void App::DrawTaskCombo() {
  const Task* current = FindTask(edited_.task);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##task", current ? current->label : "?")) {
    for (const Task& t : Tasks()) {
      if (ImGui::Selectable(t.label, edited_.task == t.name)) SwitchTask(t.name);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.summary);
    }
    ImGui::EndCombo();
  }
  NoteItemRect("task");
}

void App::DrawTaskControls() {
  const Task& task = *FindTask(edited_.task);
  if (TaskRun* run = task_output_.run()) ImGui::Text("Step %ld", run->steps());
  if (!task.data.empty() && task.data.front() != "ring" && task.data.front() != "sine" &&
      task.data.front() != "gridworld" && task.data.front() != "reverse" && !IsLessonTask(task.name) &&
      ImGui::CollapsingHeader("Data", ImGuiTreeNodeFlags_DefaultOpen)) {
    const std::string kind = task_output_.DrawDataRow();
    if (kind != edited_.data.kind && task_output_.data_ready()) {
      edited_.data.kind = kind;
      if (kind == "file") edited_.data.file = task_output_.data().name;
    }
    int seed = int(edited_.seed);
    if (ImGui::InputInt("Seed", &seed) && seed >= 0) edited_.seed = uint64_t(seed);
    if (edited_.task == "classify") DrawLabelNoiseControl(edited_);
  }
  if (ImGui::CollapsingHeader("Network", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (edited_.task == "classify") {
      const DataShape shape = task_output_.data_ready() ? task_output_.data().shape() : KnownDataShape(edited_.data.kind);
      DrawStackEditor(edited_, PlanStack(edited_, shape, std::max(1, shape.classes)));
    } else {
      if (!IsLessonTask(edited_.task)) FamilyLayers(edited_);
      FamilySection(edited_);
    }
  }
  if (edited_.task == "classify" || edited_.task == "vae" || edited_.task == "gan" || edited_.task == "sequence" ||
      edited_.task == "dqn" || edited_.task == "attention" || edited_.task == "made" ||
      edited_.task == "gumbel-vae") {
    if (ImGui::CollapsingHeader("Optimizer", ImGuiTreeNodeFlags_DefaultOpen)) DrawOptimizerSection(edited_, gate_);
  } else if (!IsLessonTask(edited_.task) && ImGui::CollapsingHeader("Optimizer", ImGuiTreeNodeFlags_DefaultOpen)) {
    // (A lesson's step sizes are in DrawLessonSection.) CD's plain gradient steps: learning rate, momentum, weight decay (L2) and the minibatch.
    ImGui::SliderFloat("Learning rate", &edited_.optimizer.learning_rate, 1e-4f, 1.0f, "%.3g", ImGuiSliderFlags_Logarithmic);
    ImGui::SliderFloat("Momentum", &edited_.optimizer.momentum, 0.0f, 0.99f);
    ImGui::SliderFloat("Weight decay (L2)", &edited_.regularization.l2, 0.0f, 0.01f, "%.5f", ImGuiSliderFlags_Logarithmic);
    ImGui::SliderInt("Batch size", &edited_.batch_size, 1, 500, "%d", ImGuiSliderFlags_Logarithmic);
  }
  if (edited_.task == "classify") {
    if (ImGui::CollapsingHeader("Regularization")) DrawRegularizationSection(edited_, gate_);
    if (ImGui::CollapsingHeader("Initializer", ImGuiTreeNodeFlags_DefaultOpen)) DrawInitializerSection(edited_, gate_);
  }
  if (ImGui::CollapsingHeader("Share and export", ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawShareControls(share_, edited_, nullptr);
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
  }
}

void App::DrawTaskOutput() {
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
    task_output_.Draw(task.views.front(), size.x, size.y);
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
    task_output_.Draw(view, size.x, size.y);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace netlab
