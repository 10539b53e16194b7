#pragma once
// Window, GL context and Dear ImGui backends: the same for the desktop (GLFW + OpenGL 3) and the web
// (emscripten's GLFW + WebGL2); only the GLSL dialect differs.
#include <string>

struct GLFWwindow;

namespace netlab {

// Returns nullptr and sets `error` when no window or GL context can be had.
GLFWwindow* CreateAppWindow(const char* title, int width, int height, std::string& error);
void BeginUiFrame();
// Renders ImGui's draw data over a cleared framebuffer and, unless `present` is false (to read the
// pixels back first), presents it.
void EndUiFrame(GLFWwindow* window, bool present = true);
void DestroyAppWindow(GLFWwindow* window);

}  // namespace netlab
