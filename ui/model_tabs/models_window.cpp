#include "model_tabs/models_window.h"

#include "core/json_text.h"
#include "imgui.h"
#include "platform/item_locator.h"

namespace netlab {

ModelsWindow::ModelsWindow() {
  views_.push_back(MakeRbmView());
  views_.push_back(MakeDbnView());
  views_.push_back(MakeCnnView());
  views_.push_back(MakeVaeView());
  views_.push_back(MakeGanView());
  views_.push_back(MakeSequenceView());
  built_for_.assign(views_.size(), -1);
}

ModelView& ModelsWindow::View(int index) {
  if (built_for_[size_t(index)] != data_.generation()) {
    views_[size_t(index)]->Reset(data_.data(), rng_);
    built_for_[size_t(index)] = data_.generation();
  }
  return *views_[size_t(index)];
}

void ModelsWindow::Draw(float screen_width, float screen_height, double train_budget_seconds, bool* open) {
  if (!*open) return;
  ImGui::SetNextWindowPos(ImVec2(screen_width - 370.0f, screen_height - 470.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(360.0f, 460.0f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Models", open)) {
    ImGui::End();
    return;
  }
  if (!data_.EnsureLoaded(rng_)) {
    ImGui::TextWrapped("Could not load the data: %s", data_.error().c_str());
    ImGui::End();
    return;
  }
  data_.DrawRow(training_, rng_);
  if (ImGui::BeginTabBar("models")) {
    for (int i = 0; i < int(views_.size()); ++i) {
      const ImGuiTabItemFlags flags = requested_ == i ? ImGuiTabItemFlags_SetSelected : 0;
      const bool shown = ImGui::BeginTabItem(views_[size_t(i)]->Name(), nullptr, flags);
      NoteItemRect((std::string("models tab ") + views_[size_t(i)]->Name()).c_str());
      if (!shown) continue;
      selected_ = i;
      ModelView& view = View(i);
      if (training_) view.Train(data_.data(), rng_, train_budget_seconds);
      view.Draw(data_.data(), rng_);
      ImGui::EndTabItem();
    }
    requested_ = -1;
    ImGui::EndTabBar();
  }
  ImGui::End();
}

bool ModelsWindow::SelectView(const std::string& name) {
  for (int i = 0; i < int(views_.size()); ++i)
    if (name == views_[size_t(i)]->Name()) {
      requested_ = i;
      return true;
    }
  return false;
}

std::string ModelsWindow::StatusJson() const {
  const ModelsData& d = data_.data();
  std::string views;
  for (size_t i = 0; i < views_.size(); ++i) {
    if (built_for_[i] != data_.generation()) continue;
    views += (views.empty() ? "" : ",") + JsonString(views_[i]->Name()) + ":" + views_[i]->StatusJson();
  }
  return "{\"data\":" + JsonString(d.name) + ",\"train\":" + std::to_string(d.train.features.rows()) +
         ",\"test\":" + std::to_string(d.test.features.rows()) + ",\"loading\":" + (data_.loading() ? "true" : "false") +
         ",\"notice\":" + JsonString(data_.notice()) + ",\"error\":" + JsonString(data_.error()) +
         ",\"view\":" + JsonString(views_[size_t(selected_)]->Name()) + ",\"views\":{" + views + "}}";
}

}  // namespace netlab
