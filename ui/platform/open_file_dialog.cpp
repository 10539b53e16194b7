#include "platform/open_file_dialog.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/file_bytes.h"
#include "data/from_files.h"
#include "imgui.h"

namespace netlab {
namespace {

namespace fs = std::filesystem;

bool Openable(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".txt" || ext == ".cfg" || ext == ".nlw";
}

}  // namespace

void OpenFileDialog::Open() {
  open_ = true;
  message_.clear();
  std::error_code error;
  if (folder_.empty()) folder_ = fs::current_path(error).string();
  List(folder_);
}

void OpenFileDialog::List(const std::string& folder) {
  folders_.clear();
  files_.clear();
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(fs::path(folder), error);
  folder_ = error ? folder : canonical.string();
  std::snprintf(path_, sizeof path_, "%s", folder_.c_str());
  // Every call takes an error_code: an unreadable folder or entry is skipped, never thrown.
  for (fs::directory_iterator it(folder_, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code type_error;
    if (it->is_directory(type_error)) folders_.push_back(name);
    else if (Openable(it->path())) files_.push_back(name);
  }
  if (error) message_ = "Cannot list " + folder_ + ": " + error.message();
  std::sort(folders_.begin(), folders_.end());
  std::sort(files_.begin(), files_.end());
}

void OpenFileDialog::Choose(const std::string& path, const std::function<bool(const std::string& bytes)>& load) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    List(path);
    return;
  }
  // The size first, so that a huge file is refused before it is read.
  const auto size = fs::file_size(path, error);
  std::string bytes, why;
  if (!error && size > kMaxDataFileBytes) {
    message_ = path + " is larger than any config or weights file (" + std::to_string(kMaxDataFileBytes >> 20) +
               " MB at most).";
  } else if (error || !ReadFileBytes(path, bytes, why, kMaxDataFileBytes)) {
    message_ = "Cannot read " + path + ": " + (error ? error.message() : why) + ".";
  } else if (load(bytes)) {
    open_ = false;
  } else {
    message_ = "Could not open " + path + " (the message above says why).";
  }
}

void OpenFileDialog::Draw(const std::function<bool(const std::string& bytes)>& load) {
  if (!open_) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, display.x), std::min(440.0f, display.y)), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::Begin("Open file", &open_, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("A config (.txt, .cfg), a share link saved as text, or saved weights (.nlw).");
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Open").x - 3 * ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputText("##path", path_, sizeof path_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Open") || entered) Choose(path_, load);
  if (!message_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", message_.c_str());
  if (ImGui::BeginChild("entries", ImVec2(0, 0), true)) {
    std::string chosen;
    if (ImGui::Selectable("../")) chosen = (fs::path(folder_) / "..").string();
    for (const std::string& name : folders_)
      if (ImGui::Selectable((name + "/").c_str())) chosen = (fs::path(folder_) / name).string();
    for (const std::string& name : files_)
      if (ImGui::Selectable(name.c_str())) chosen = (fs::path(folder_) / name).string();
    if (!chosen.empty()) {
      message_.clear();
      Choose(chosen, load);
    }
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace netlab
