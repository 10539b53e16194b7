#include "platform/ui_font.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "platform/glfw_imgui.h"

#ifndef NETLAB_UI_FONT_FILE
#define NETLAB_UI_FONT_FILE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#endif

namespace netlab {
namespace {

// 13 px at 1x matches the height of the bitmap font the layout was designed with.
constexpr float kFontSizeInLayoutUnits = 13.0f;

// Code point ranges (pairs, 0-terminated): Latin-1; combining accents (the hat of y-hat, U+0302); Greek
// (sigma, mu, epsilon, lambda, beta, Delta, Sigma in the formulas); phonetic extensions (transpose mark
// U+1D40); punctuation (em dash), super/subscripts; arrows; mathematical operators (partial U+2202,
// Hadamard product U+2299); Latin Extended-C for the subscript j (U+2C7C, as in aᵢⱼ). Found with
// grep -P '[^\x00-\x7F]' over engine/ and ui/.
const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0300, 0x036F, 0x0370, 0x03FF, 0x1D00, 0x1DBF,
                           0x2000, 0x206F, 0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0x2C60, 0x2C7F, 0};

struct UiFontState {
  float raster_scale = 0.0f;  // 0: not built yet
  bool reported_missing = false;
};
UiFontState g_font;

}  // namespace

void UseUiFont(float raster_scale, bool layout_in_css_pixels) {
  raster_scale = std::max(0.5f, std::round(raster_scale * 20.0f) / 20.0f);
  ImGuiIO& io = ImGui::GetIO();
  io.FontGlobalScale = layout_in_css_pixels ? 1.0f / raster_scale : 1.0f;
  if (raster_scale == g_font.raster_scale) return;
  g_font.raster_scale = raster_scale;
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;  // sub-pixel horizontal positions stay sharp
  config.OversampleV = 1;
  config.PixelSnapH = false;
  const float size = kFontSizeInLayoutUnits * raster_scale;
  ImFont* font = nullptr;
  if (std::FILE* file = std::fopen(NETLAB_UI_FONT_FILE, "rb")) {
    std::fclose(file);
    font = io.Fonts->AddFontFromFileTTF(NETLAB_UI_FONT_FILE, size, &config, kRanges);
  }
  if (!font) {
    if (!g_font.reported_missing)
      std::fprintf(stderr, "netlab: %s is missing (apt-get install fonts-dejavu-core); using ImGui's bitmap font\n",
                   NETLAB_UI_FONT_FILE);
    g_font.reported_missing = true;
    ImFontConfig fallback;
    fallback.SizePixels = size;
    io.Fonts->AddFontDefault(&fallback);
  }
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  RedrawEverythingNextFrame();  // every glyph moved to another place in the new atlas
}

}  // namespace netlab
