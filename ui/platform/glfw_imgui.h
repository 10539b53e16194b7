#pragma once
// Window, GL context and Dear ImGui backends: the same for the desktop (GLFW + OpenGL 3) and the web
// (emscripten's GLFW + WebGL2); only the GLSL dialect differs.
#include <string>

struct GLFWwindow;

namespace netlab {

// Returns nullptr and sets `error` when no window or GL context can be had.
GLFWwindow* CreateAppWindow(const char* title, int width, int height, std::string& error);

// A surface the platform measured itself (the web canvas): its size in CSS pixels, which the layout
// uses, and the device pixels per CSS pixel its backing store has, at which the font is rasterised.
struct UiSurface {
  float width = 0.0f;
  float height = 0.0f;
  float pixel_ratio = 1.0f;
  // The UI scale (a projector, a 4K screen): CSS pixels per layout unit. The layout sees a window
  // 1/zoom as large and everything is drawn zoom times larger, crisp (the font is rasterised for it).
  float zoom = 1.0f;
  // The mouse in layout units (CSS pixels / zoom) while it is off the canvas (GLFW's backend then reads the cursor itself, in
  // backing-store pixels, and this position replaces that one).
  bool mouse_inside = false;
  float mouse_x = 0.0f;
  float mouse_y = 0.0f;
};

// Without a surface (the desktop) the window's size is the layout size and GLFW's content scale sets
// the font's size.
void BeginUiFrame(const UiSurface* surface = nullptr);
// Renders ImGui's draw data over a cleared framebuffer and, unless `present` is false (to read the
// pixels back first), presents it.
void EndUiFrame(GLFWwindow* window, bool present = true);
// On a framebuffer that keeps its pixels between frames (the web canvas with preserveDrawingBuffer),
// EndUiFrame redraws only what changed (platform/partial_redraw.h). Off by default: a desktop window's
// swapped back buffer holds no earlier frame.
void UsePartialRedraw(bool on);
void RedrawEverythingNextFrame();
// Share of the framebuffer's pixels the last frame redrew (1 without partial redraw; 0 when nothing changed).
double RedrawnShare();
// The partial redraw's self-check, for tests: each of the next `frames` frames drawn is drawn twice, as
// partial redraw draws it and whole over a cleared framebuffer, and the two are compared pixel by pixel.
struct RedrawCheckResult {
  int frames = 0;          // frames checked
  int partial_frames = 0;  // of which redrew less than the whole framebuffer
  double redrawn_share_sum = 0.0;
  long differing_pixels = 0;  // summed over the checked frames: 0 when partial redraw is exact
  int first_bad_frame = -1;
};
void StartRedrawCheck(int frames);
RedrawCheckResult RedrawCheck();
void DestroyAppWindow(GLFWwindow* window);

}  // namespace netlab
