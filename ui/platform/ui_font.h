#pragma once
// The UI font: DejaVu Sans from Debian's fonts-dejavu-core (embedded in the WASM build, read from the
// package on the desktop), with the Greek letters and mathematical signs the tooltips and formulas use.

namespace netlab {

// Rasterises the font at `raster_scale` device pixels per layout unit (rounded to 0.05, so a canvas's
// fractional CSS width does not rebuild it). With `layout_in_css_pixels` (the web) the glyphs are drawn
// scaled back by 1 / raster_scale: crisp on a high-density screen, sized as at 1x; the desktop lays out
// in pixels and gets bigger text instead. Rebuilds the atlas and the GPU texture only when the scale
// changed; call before ImGui::NewFrame.
void UseUiFont(float raster_scale, bool layout_in_css_pixels);

}  // namespace netlab
