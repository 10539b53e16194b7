#include "platform/glfw_imgui.h"

#include <GLFW/glfw3.h>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/touch_input.h"
#include "platform/ui_font.h"
#include "platform/screen_capture.h"

namespace netlab {

GLFWwindow* CreateAppWindow(const char* title, int width, int height, std::string& error) {
  if (!glfwInit()) {
    error = "GLFW could not initialise (no display?)";
    return nullptr;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // ImGui draws without depth or stencil tests and the canvas is opaque. Without these buffers the
  // browser neither clears them every frame nor blends the canvas over the page: in a software
  // renderer (SwiftShader) each is a full-screen pass.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
#else
  const char* glsl_version = "#version 130";
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
#endif
  GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!window) {
    error = "Could not create an OpenGL 3 / WebGL2 window";
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is computed from the window size every frame
  ImGui::StyleColorsLight();
  ImGui::GetStyle().WindowRounding = 0.0f;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
  return window;
}

void BeginUiFrame(const UiSurface* surface) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (surface) {
    io.DisplaySize = ImVec2(surface->width, surface->height);
    io.DisplayFramebufferScale = ImVec2(surface->pixel_ratio, surface->pixel_ratio);
    UseUiFont(surface->pixel_ratio, true);
    if (!surface->mouse_inside) io.AddMousePosEvent(surface->mouse_x, surface->mouse_y);
  } else {
#ifdef __EMSCRIPTEN__
    UseUiFont(1.0f, false);
#else
    // X11 and Wayland-with-scaling report the window in pixels: a 2x screen gets a font twice as tall.
    float scale_x = 1.0f, scale_y = 1.0f;
    glfwGetWindowContentScale(glfwGetCurrentContext(), &scale_x, &scale_y);
    UseUiFont(scale_y > 0.0f ? scale_y : 1.0f, false);
#endif
  }
  ImGui::NewFrame();
  ApplyTouchGestures();
}

void EndUiFrame(GLFWwindow* window, bool present) {
  ImGui::Render();
  // The backing store's size in device pixels (on the web the canvas, not GLFW's idea of the window).
  const ImGuiIO& io = ImGui::GetIO();
  const int width = int(io.DisplaySize.x * io.DisplayFramebufferScale.x + 0.5f);
  const int height = int(io.DisplaySize.y * io.DisplayFramebufferScale.y + 0.5f);
  glViewport(0, 0, width, height);
  // The fixed windows draw no background of their own (panels.cpp's kFixedWindow): the clear is it.
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  AnswerScreenCapture(width, height);  // "Save PNG" buttons: read back before presenting
  if (present) glfwSwapBuffers(window);
}

void DestroyAppWindow(GLFWwindow* window) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

}  // namespace netlab
