#pragma once
// A check of the last rendered frame as a reader sees it: every run of text glyphs ImGui drew, which
// runs overlap other runs or pictures and which are cut off (by their window, by the screen, or shortened
// to an ellipsis). It reads the draw data itself, so it catches text from any widget or draw-list call.
// Browser tests call it (window.netlab.layoutReport()) at phone, tablet, laptop and 4K sizes.
#include <string>

namespace netlab {

// JSON: {"display":[w,h],"runs":N,"overlaps":[{"a","b","window","x","y"}],"clipped":[{"text","window",
// "how"}],"covered":[{"text","window","x","y"}]}, at most 40 entries per list; "covered" lists text that
// shares pixels with a picture (a texture quad: heatmap, thumbnail, image, point sprite) of its window.
// Call after ImGui::Render() and before the next NewFrame().
std::string LayoutReportJson();

}  // namespace netlab
