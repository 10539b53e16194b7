#pragma once
// Where the playground's windows go on a screen of a given size: side by side on a wide screen, one at
// a time behind a two-button bar ("Controls" / "Output") on a narrow one, output only when embedded.
// Plain arithmetic on sizes, so every screen from a 320 px phone to a 4K monitor gets the same rules.
namespace netlab {

struct Region {
  float x = 0, y = 0, width = 0, height = 0;
};

struct ScreenLayout {
  bool narrow = false;  // one window at a time; `bar` holds the switch between them
  Region bar;           // the Controls / Output switch (narrow screens only)
  Region controls;      // empty when the controls are not shown
  Region output;        // empty when the controls take the screen
};

// `font_size` is ImGui's line height in pixels: the controls need about 26 lines' width for a label and
// its slider, the output about 30 for the heatmap next to the network diagram. Embedded playgrounds
// and the compact layout show only the output; `show_controls` picks the screen on narrow ones.
ScreenLayout ComputeScreenLayout(float width, float height, float font_size, bool output_only, bool show_controls);

// The narrowest screen on which the controls and the output sit side by side.
float SideBySideMinWidth(float font_size);

}  // namespace netlab

namespace netlab {

// Puts the next item on the current row when `next_width` pixels still fit in the window, else starts
// a new row: headers and button rows wrap on a narrow screen instead of running off its edge.
// `spacing` < 0 is the style's item spacing.
void SameLineIfFits(float next_width, float spacing = -1.0f);
// The width of a button or small button labelled `label`.
float ButtonWidth(const char* label);
// A panel's collapsing header with a "?" at its right end whose tooltip says what the panel is for
// (a newcomer's help, one line or two); returns whether the panel is open, as ImGui::CollapsingHeader.
bool SectionHeader(const char* label, const char* help, int tree_node_flags = 0);
// A view's derivation behind a closed "The formula" expander, under its "what to look for" line: the
// equations the view shows at work, in the notation of the paper cited, for the student who asks why.
// Views pass the text on one line: prose, wrapped by the window, not by the source.
void DrawDerivation(const char* text);

}  // namespace netlab
