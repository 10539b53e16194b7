#include "platform/item_locator.h"

#include <map>

#include "imgui.h"

namespace netlab {
namespace {

struct Noted {
  ItemRect rect;
  int frame = 0;
};

std::map<std::string, Noted>& NotedItems() {
  static std::map<std::string, Noted> items;
  return items;
}

}  // namespace

void NoteItemRect(const char* name) {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  NotedItems()[name] = {{min.x, min.y, max.x - min.x, max.y - min.y}, ImGui::GetFrameCount()};
}

bool FindItemRect(const std::string& name, ItemRect& rect) {
  const auto it = NotedItems().find(name);
  // A widget not drawn since the frame before is gone (window closed, search running, ...).
  if (it == NotedItems().end() || it->second.frame < ImGui::GetFrameCount() - 1) return false;
  rect = it->second.rect;
  return true;
}

}  // namespace netlab
