#include "models_panel.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "imgui.h"
#include "item_locator.h"
#include "json_text.h"
#include "model_view.h"

namespace netlab {
namespace {

// Digits ship in web/data; the WASM build embeds them at /data (CMake sets NETLAB_DATA_DIR).
bool LoadDigits(ModelsData& data, Rng& rng, std::string& error) {
  std::ifstream in(std::string(NETLAB_DATA_DIR) + "/digits.csv", std::ios::binary);
  if (!in) {
    error = "digits.csv not found in " + std::string(NETLAB_DATA_DIR);
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  LabeledData all;
  if (!ParseDigitsCsv(text.str(), all, error)) return false;
  data.name = "digits 8x8";
  SplitTrainTest(all, 0.2f, rng, data.train, data.test);
  return true;
}

struct ModelsState {
  bool loaded = false;
  std::string error;
  ModelsData data;
  Rng rng{2024};
  std::vector<std::unique_ptr<ModelView>> views;
  std::vector<bool> reset;  // views[i] has been built for the current data
  int selected = 0;
  int requested = -1;  // a tab SelectModelsView asked for, opened at the next frame
  bool training = true;

  ModelsState() {
    views.push_back(MakeRbmView());
    views.push_back(MakeCnnView());
    views.push_back(MakeVaeView());
    views.push_back(MakeGanView());
    views.push_back(MakeSequenceView());
    reset.assign(views.size(), false);
  }
  void Load() {
    if (loaded || !error.empty()) return;
    loaded = LoadDigits(data, rng, error);
  }
  ModelView& View(int index) {
    if (!reset[size_t(index)]) {
      views[size_t(index)]->Reset(data, rng);
      reset[size_t(index)] = true;
    }
    return *views[size_t(index)];
  }
};

ModelsState& State() {
  static ModelsState state;
  return state;
}

}  // namespace

void DrawModelsWindow(float screen_width, float screen_height, double train_budget_seconds, bool* open) {
  if (!*open) return;
  ImGui::SetNextWindowPos(ImVec2(screen_width - 370.0f, screen_height - 470.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(360.0f, 460.0f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Models", open)) {
    ImGui::End();
    return;
  }
  ModelsState& s = State();
  s.Load();
  if (!s.loaded) {
    ImGui::TextWrapped("Could not load the data: %s", s.error.c_str());
    ImGui::End();
    return;
  }
  ImGui::Text("Data: %s, %d train / %d test", s.data.name.c_str(), int(s.data.train.features.rows()),
              int(s.data.test.features.rows()));
  ImGui::SameLine();
  ImGui::Checkbox("Train", &s.training);
  if (ImGui::BeginTabBar("models")) {
    for (int i = 0; i < int(s.views.size()); ++i) {
      const ImGuiTabItemFlags flags = s.requested == i ? ImGuiTabItemFlags_SetSelected : 0;
      const bool shown = ImGui::BeginTabItem(s.views[size_t(i)]->Name(), nullptr, flags);
      NoteItemRect((std::string("models tab ") + s.views[size_t(i)]->Name()).c_str());
      if (!shown) continue;
      s.selected = i;
      ModelView& view = s.View(i);
      if (s.training) view.Train(s.data, s.rng, train_budget_seconds);
      view.Draw(s.data, s.rng);
      ImGui::EndTabItem();
    }
    s.requested = -1;
    ImGui::EndTabBar();
  }
  ImGui::End();
}

std::string ModelsStatusJson() {
  ModelsState& s = State();
  std::string views;
  for (size_t i = 0; i < s.views.size(); ++i) {
    if (!s.reset[i]) continue;
    views += (views.empty() ? "" : ",") + JsonString(s.views[i]->Name()) + ":" + s.views[i]->StatusJson();
  }
  return "{\"data\":" + JsonString(s.data.name) + ",\"view\":" + JsonString(s.views[size_t(s.selected)]->Name()) +
         ",\"error\":" + JsonString(s.error) + ",\"views\":{" + views + "}}";
}

bool SelectModelsView(const std::string& name) {
  ModelsState& s = State();
  for (int i = 0; i < int(s.views.size()); ++i)
    if (name == s.views[size_t(i)]->Name()) {
      s.requested = i;
      return true;
    }
  return false;
}

}  // namespace netlab
