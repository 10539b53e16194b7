#pragma once
// Where a few named widgets were drawn last frame, so the browser tests and the embedding page can click
// real buttons instead of guessing pixel positions that move whenever a panel gains a row.
#include <string>

namespace netlab {

struct ItemRect {
  float x = 0, y = 0, width = 0, height = 0;
};

// Call right after the widget: remembers ImGui's last item rectangle under `name`.
void NoteItemRect(const char* name);
// The rectangle of `name` if it was drawn in this frame or the one before.
bool FindItemRect(const std::string& name, ItemRect& rect);

}  // namespace netlab
