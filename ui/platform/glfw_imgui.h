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
  // The mouse in CSS pixels while it is off the canvas (GLFW's backend then reads the cursor itself, in
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
void DestroyAppWindow(GLFWwindow* window);

}  // namespace netlab
