// Keyboard shortcuts of the playground: space plays or pauses, s steps once, r resets the weights, ?
// shows or hides a list of them. Characters, not key codes, so they follow the keyboard's layout (on an
// AZERTY keyboard too), and never while a text field has the keyboard. On a page with several
// playgrounds only the focused canvas receives keys (web/netlab-embed.js).
#include "app/app.h"
#include "imgui.h"
#include "platform/item_locator.h"

namespace netlab {

void App::HandleShortcuts(float width, float height) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool typing = io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper;
  for (int i = 0; !typing && i < io.InputQueueCharacters.Size; ++i) {
    switch (io.InputQueueCharacters[i]) {
      case ' ': playing_ = !playing_; break;
      case 's':
        StepPlaygroundOnce();
        break;
      case 'r':
        message_.clear();
        Rebuild();
        break;
      case '?': show_shortcuts_ = !show_shortcuts_; break;
      default: break;
    }
  }
  if (!show_shortcuts_) return;
  ImGui::SetNextWindowPos(ImVec2(width * 0.5f, height * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Keyboard shortcuts", &show_shortcuts_,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("shortcuts", 2)) {
    const char* rows[][2] = {{"Space", "Play / pause training"}, {"s", "One training step"},
                             {"r", "Reset: step 0, the same initial weights (the seed sets them)"}, {"?", "Show or hide this list"}};
    for (const auto& row : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[1]);
    }
    ImGui::EndTable();
    NoteItemRect("Keyboard shortcuts");
  }
  ImGui::End();
}

}  // namespace netlab
