#include "model_tabs/models_panel.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "imgui.h"
#include "platform/item_locator.h"
#include "widgets/json_text.h"
#include "model_tabs/model_view.h"

namespace netlab {
namespace {

bool ReadDataFile(const std::string& name, std::string& text, std::string& error) {
  std::ifstream in(std::string(NETLAB_DATA_DIR) + "/" + name, std::ios::binary);
  if (!in) {
    error = name + " not found in " + std::string(NETLAB_DATA_DIR);
    return false;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  text = bytes.str();
  return true;
}

// Digits and iris ship in web/data; the WASM build embeds them at /data (CMake sets NETLAB_DATA_DIR).
bool LoadBuiltIn(const std::string& which, ModelsData& data, Rng& rng, std::string& error) {
  std::string text;
  LabeledData all;
  if (which == "iris") {
    if (!ReadDataFile("iris.csv", text, error) || !ParseIrisCsv(text, all, error)) return false;
    // Measurements in centimetres (every column reaches past 1): scaled like user CSVs.
    ScaleFeaturesToUnitRange(all);
    data.name = "iris";
  } else {
    if (!ReadDataFile("digits.csv", text, error) || !ParseDigitsCsv(text, all, error)) return false;
    data.name = "digits 8x8";
  }
  SplitTrainTest(all, 0.2f, rng, data.train, data.test);
  return true;
}

struct ModelsState {
  bool loaded = false;
  std::string error, notice;
  std::string loading;  // what the platform is fetching, empty when nothing is pending
  int source = 0;       // index into kSources
  ModelsDataActions actions;
  ModelsData data;
  Rng rng{2024};
  std::vector<std::unique_ptr<ModelView>> views;
  std::vector<bool> reset;  // views[i] has been built for the current data
  int selected = 0;
  int requested = -1;  // a tab SelectModelsView asked for, opened at the next frame
  bool training = true;

  ModelsState() {
    views.push_back(MakeRbmView());
    views.push_back(MakeDbnView());
    views.push_back(MakeCnnView());
    views.push_back(MakeVaeView());
    views.push_back(MakeGanView());
    views.push_back(MakeSequenceView());
    reset.assign(views.size(), false);
  }
  void Load() {
    if (loaded || !error.empty()) return;
    loaded = LoadBuiltIn("digits", data, rng, error);
  }
  // New data: every tab rebuilds its model for it when next shown.
  void Replace(ModelsData fresh) {
    data = std::move(fresh);
    loaded = true;
    reset.assign(views.size(), false);
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

const char* const kSources[] = {"digits 8x8", "iris", "Fashion-MNIST subset"};

// Switches to built-in source `source` (an index into kSources); Fashion-MNIST arrives through the
// platform's fetch, possibly frames later.
void ChooseSource(ModelsState& s, int source) {
  if (source == s.source || !s.loading.empty()) return;
  s.error.clear();
  s.notice.clear();
  s.source = source;
  if (source == 2) {
    s.loading = "Fashion-MNIST";
    s.actions.fetch_fashion();  // may answer at once (desktop) or frames later (page)
  } else {
    ModelsData fresh;
    if (LoadBuiltIn(source == 1 ? "iris" : "digits", fresh, s.rng, s.error)) s.Replace(std::move(fresh));
  }
}

// The data row: a source combo and an "Open files..." button; a pending fetch and any message below.
void DrawDataChoice(ModelsState& s) {
  ImGui::SetNextItemWidth(160.0f);
  int source = s.source;
  const int sources = s.actions.fetch_fashion ? 3 : 2;
  if (ImGui::Combo("##data", &source, kSources, sources)) ChooseSource(s, source);
  if (s.actions.pick_files) {
    ImGui::SameLine();
    if (ImGui::Button("Open files...") && s.loading.empty()) {
      s.loading = "your files";
      s.actions.pick_files();
    }
    NoteItemRect("models open files");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("A CSV (numeric features, class label last, optional header) or MNIST-style IDX\n"
                        "image + label files (train and t10k pairs; .gz is unpacked)");
  }
  ImGui::SameLine();
  ImGui::Checkbox("Train", &s.training);
  ImGui::TextWrapped("%s: %d train / %d test", s.data.name.c_str(), int(s.data.train.features.rows()),
                     int(s.data.test.features.rows()));
  if (!s.loading.empty()) ImGui::TextColored(ImVec4(0.9f, 0.7f, 0.2f, 1.0f), "Loading %s...", s.loading.c_str());
  if (!s.notice.empty()) ImGui::TextWrapped("%s", s.notice.c_str());
  if (!s.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.4f, 0.4f, 1.0f));
    ImGui::TextWrapped("%s", s.error.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

void SetModelsDataActions(ModelsDataActions actions) { State().actions = std::move(actions); }

void ReceiveModelsDataFiles(const std::string& name, const std::vector<DataFile>& files, const std::string& error) {
  ModelsState& s = State();
  s.Load();  // the current data, to fall back on
  s.loading.clear();
  if (files.empty() && error.empty()) return;  // a dismissed file picker
  s.notice.clear();
  LoadedDataFiles loaded;
  if (!error.empty() || !LoadDataFiles(files, DataFileLimits{}, s.rng, loaded, s.error)) {
    if (!error.empty()) s.error = error;
    s.error = "Could not load " + name + ": " + s.error + ". Still training on " + s.data.name + ".";
    if (name == "Fashion-MNIST") s.source = s.data.name == "iris" ? 1 : 0;
    return;
  }
  s.error.clear();
  s.notice = loaded.notice;
  ModelsData fresh;
  fresh.name = name == "Fashion-MNIST" ? "Fashion-MNIST subset" : loaded.name;
  fresh.train = std::move(loaded.train);
  fresh.test = std::move(loaded.test);
  if (name != "Fashion-MNIST") s.source = -1;  // the combo shows no built-in source
  s.Replace(std::move(fresh));
}

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
  DrawDataChoice(s);
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
  return "{\"data\":" + JsonString(s.data.name) + ",\"train\":" + std::to_string(s.data.train.features.rows()) +
         ",\"test\":" + std::to_string(s.data.test.features.rows()) + ",\"loading\":" + (s.loading.empty() ? "false" : "true") +
         ",\"notice\":" + JsonString(s.notice) + ",\"error\":" + JsonString(s.error) +
         ",\"view\":" + JsonString(s.views[size_t(s.selected)]->Name()) + ",\"views\":{" + views + "}}";
}

bool SelectModelsData(const std::string& name) {
  ModelsState& s = State();
  s.Load();
  for (int i = 0; i < int(sizeof kSources / sizeof kSources[0]); ++i)
    if (name == kSources[i] && (i < 2 || s.actions.fetch_fashion)) {
      ChooseSource(s, i);
      return true;
    }
  return false;
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
