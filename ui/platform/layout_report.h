#pragma once
// A check of the last rendered frame as a reader sees it: every run of text glyphs ImGui drew, which
// runs overlap other runs or pictures and which are cut off (by their window, by the screen, or shortened
// to an ellipsis). It reads the draw data itself, so it catches text from any widget or draw-list call.
// Browser tests call it (window.netlab.layoutReport()) at phone, tablet, laptop and 4K sizes.
#include <string>

#include "imgui.h"

namespace netlab {

// JSON: {"display":[w,h],"runs":N,"overlaps":[{"a","b","window","x","y"}],"clipped":[{"text","window",
// "how"}],"covered":[{"text","window","x","y"}],"over_curves":[{"text","window","x","y"}],
// "hidden_values":[{"text","window","x","y"}],"figures":[{"window","share","count"}],"controls":[{"window",
// "label","kind","x","y","width","height","visible"}]}, at most 40 entries per list (300 controls); "covered" lists text that shares
// pixels with a picture (a texture quad: heatmap, thumbnail, image, point sprite) of its window,
// "over_curves" text that a plotted curve (NotePlotCurve) crosses, and "figures" each window's share of
// its inner area that the figures noted in it (NoteFigure) take: a small picture in an empty pane shows
// as a small share; "hidden_values" lists sliders (NoteSlider) whose value's glyphs their position bar
// touches, or that show no value. Call after ImGui::Render() and before the next NewFrame().
std::string LayoutReportJson();

// For the report, during a frame: a curve as drawn (screen points, joined by straight segments) in the
// current window, and a figure's rectangle (a heatmap, a matrix, a plane, a plot's frame).
void NotePlotCurve(const ImVec2* points, int count);
void NoteFigure(ImVec2 min, ImVec2 max);
// A slider's frame and the bar that shows its position (widgets/value_slider.h).
void NoteSlider(ImVec2 frame_min, ImVec2 frame_max, ImVec2 bar_min, ImVec2 bar_max);
// From now on every widget (button, checkbox, slider, drag, input, tree node, tab) reports its label, kind
// and rectangle through Dear ImGui's test-engine hook, for the report's "controls": the browser tests
// operate each control of a view and check that it edits the config.
void NoteEveryControl();

}  // namespace netlab
