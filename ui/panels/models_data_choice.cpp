#include "panels/models_data_choice.h"

#include "data/built_in.h"
#include "imgui.h"
#include "platform/item_locator.h"

namespace netlab {
namespace {

const char* const kSources[] = {"digits 8x8", "iris", "Fashion-MNIST subset"};
constexpr int kFashion = 2;

// Digits and iris ship in web/data; the WASM build embeds them at /data (CMake sets NETLAB_DATA_DIR).
bool LoadBuiltIn(int source, Rng& rng, TaskData& data, std::string& error) {
  BuiltInData built_in;
  if (!LoadBuiltInData(source == 1 ? "iris" : "digits", NETLAB_DATA_DIR, rng, built_in, error)) return false;
  data.name = built_in.name;
  data.train = std::move(built_in.train);
  data.test = std::move(built_in.test);
  return true;
}

}  // namespace

bool ModelsDataChoice::EnsureLoaded(Rng& rng) {
  if (!loaded_ && error_.empty()) {
    TaskData fresh;
    if (LoadBuiltIn(0, rng, fresh, error_)) Replace(std::move(fresh));
  }
  return loaded_;
}

void ModelsDataChoice::Replace(TaskData fresh) {
  data_ = std::move(fresh);
  loaded_ = true;
  ++generation_;
}

void ModelsDataChoice::Choose(int source, Rng& rng) {
  if (source != source_ && loading_.empty()) Load(source, rng);
}

void ModelsDataChoice::Load(int source, Rng& rng) {
  error_.clear();
  notice_.clear();
  source_ = source;
  if (source == kFashion) {
    loading_ = "Fashion-MNIST";
    actions_.fetch_fashion();  // may answer at once (desktop) or frames later (page)
  } else {
    TaskData fresh;
    if (LoadBuiltIn(source, rng, fresh, error_)) Replace(std::move(fresh));
  }
}

bool ModelsDataChoice::Select(const std::string& name, Rng& rng) {
  EnsureLoaded(rng);
  for (int i = 0; i < int(sizeof kSources / sizeof kSources[0]); ++i)
    if (name == kSources[i] && (i != kFashion || actions_.fetch_fashion)) {
      Choose(i, rng);
      return true;
    }
  return false;
}

void ModelsDataChoice::SelectKind(const std::string& kind, const std::string& file, Rng& rng) {
  if (kind == "digits" || kind == "iris" || kind == "fashion") {
    const int source = kind == "digits" ? 0 : (kind == "iris" ? 1 : kFashion);
    if (source == kFashion && !actions_.fetch_fashion) {
      error_ = "Fashion-MNIST cannot be fetched here" + (data_.name.empty() ? std::string(".") : "; training on " + data_.name + ".");
      return;
    }
    if (source_ == source && loaded_) {
      TaskData fresh;  // the same set, split again with this config's seed
      if (source != kFashion && LoadBuiltIn(source, rng, fresh, error_)) Replace(std::move(fresh));
      return;
    }
    if (loading_.empty()) Load(source, rng);
    return;
  }
  if (kind == "file" && !(source_ == -1 && data_.name == file)) {
    notice_ = "This configuration trains on your file '" + file + "': press \"Open files...\" and pick it.";
  }
}

std::string ModelsDataChoice::kind() const {
  if (source_ == 0) return "digits";
  if (source_ == 1) return "iris";
  if (source_ == kFashion) return "fashion";
  return "file";
}

void ModelsDataChoice::Receive(const std::string& name, const std::vector<DataFile>& files, const std::string& error,
                               Rng& rng) {
  EnsureLoaded(rng);  // the current data, to fall back on
  loading_.clear();
  if (files.empty() && error.empty()) return;  // a dismissed file picker
  notice_.clear();
  LoadedDataFiles loaded;
  if (!error.empty() || !LoadDataFiles(files, DataFileLimits{}, rng, loaded, error_)) {
    if (!error.empty()) error_ = error;
    error_ = "Could not load " + name + ": " + error_ + ". Still training on " + data_.name + ".";
    if (name == "Fashion-MNIST") source_ = data_.name == "iris" ? 1 : 0;
    return;
  }
  error_.clear();
  notice_ = loaded.notice;
  TaskData fresh;
  fresh.name = name == "Fashion-MNIST" ? kSources[kFashion] : loaded.name;
  fresh.train = std::move(loaded.train);
  fresh.test = std::move(loaded.test);
  if (name != "Fashion-MNIST") source_ = -1;  // the combo shows no built-in source
  Replace(std::move(fresh));
}

void ModelsDataChoice::DrawRow(Rng& rng) {
  ImGui::SetNextItemWidth(160.0f);
  int source = source_;
  const int sources = actions_.fetch_fashion ? 3 : 2;
  if (ImGui::Combo("##data", &source, kSources, sources)) Choose(source, rng);
  if (actions_.pick_files) {
    ImGui::SameLine();
    if (ImGui::Button("Open files...") && loading_.empty()) {
      loading_ = "your files";
      actions_.pick_files();
    }
    NoteItemRect("models open files");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("A CSV (numeric features, class label last, optional header) or MNIST-style IDX\n"
                        "image + label files (train and t10k pairs; .gz is unpacked)");
  }
  ImGui::TextWrapped("%s: %d train / %d test", data_.name.c_str(), int(data_.train.features.rows()),
                     int(data_.test.features.rows()));
  if (!loading_.empty()) ImGui::TextColored(ImVec4(0.9f, 0.7f, 0.2f, 1.0f), "Loading %s...", loading_.c_str());
  if (!notice_.empty()) ImGui::TextWrapped("%s", notice_.c_str());
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.4f, 0.4f, 1.0f));
    ImGui::TextWrapped("%s", error_.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace netlab
