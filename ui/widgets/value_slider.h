#pragma once
// Sliders whose value is always readable. Dear ImGui draws a slider's value centred over its handle, so a
// handle in the middle cuts the digits ("0▮50", "4 ▮units"). Every slider of the page goes through these:
// the same dragging, Ctrl+click typing and flags as ImGui::SliderFloat/SliderInt, with the handle hidden
// and the position shown instead as a bar along the frame's bottom edge, under the text, from the low end
// to the value. tests/browser/layout.test.mjs reads each slider's text and bar from the layout report
// (NoteSliderValue) and fails where they share pixels.
#include "imgui.h"

namespace netlab {

bool ValueSliderFloat(const char* label, float* v, float low, float high, const char* format = "%.3f",
                      ImGuiSliderFlags flags = 0);
bool ValueSliderInt(const char* label, int* v, int low, int high, const char* format = "%d", ImGuiSliderFlags flags = 0);

}  // namespace netlab
