#include "platform/glfw_imgui.h"

#include <GLFW/glfw3.h>

#include <cstring>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/partial_redraw.h"
#include "platform/touch_input.h"
#include "platform/ui_font.h"
#include "platform/screen_capture.h"

namespace netlab {
namespace {

struct Redraw {
  bool partial = false;
  bool everything = true;  // the next frame redraws the whole framebuffer
  ImVec4 background;       // the clear colour of the last frame (a new palette changes every pixel)
  PartialRedraw tiles;
  double share = 1.0;
  // The self-check (RedrawCheck): frames left to check, and what the checked ones found.
  int frames_to_check = 0;
  RedrawCheckResult check;
  std::vector<unsigned char> partial_pixels, full_pixels;
};

Redraw& Redrawing() {
  static Redraw redraw;
  return redraw;
}

}  // namespace

void UsePartialRedraw(bool on) {
  Redrawing().partial = on;
  Redrawing().everything = true;
}
void RedrawEverythingNextFrame() { Redrawing().everything = true; }
double RedrawnShare() { return Redrawing().share; }
void StartRedrawCheck(int frames) {
  Redrawing().frames_to_check = frames;
  Redrawing().check = RedrawCheckResult{};
}
RedrawCheckResult RedrawCheck() { return Redrawing().check; }

namespace {

void ReadFramebuffer(int width, int height, std::vector<unsigned char>& pixels) {
  pixels.resize(size_t(width) * size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
}

// Draws the frame again from `copies` (the draw data as ImGui made it) over a cleared framebuffer and
// counts the pixels in which the partial redraw just drawn differs from it.
void CheckAgainstWholeRedraw(Redraw& redraw, const ImDrawData& frame, ImVector<ImDrawList*>& copies) {
  const int width = int(frame.DisplaySize.x * frame.FramebufferScale.x);
  const int height = int(frame.DisplaySize.y * frame.FramebufferScale.y);
  ReadFramebuffer(width, height, redraw.partial_pixels);
  ImDrawData whole = frame;
  whole.CmdLists = copies;
  whole.CmdListsCount = copies.Size;
  whole.TotalIdxCount = whole.TotalVtxCount = 0;
  for (const ImDrawList* list : copies) {
    whole.TotalIdxCount += list->IdxBuffer.Size;
    whole.TotalVtxCount += list->VtxBuffer.Size;
  }
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(&whole);
  ReadFramebuffer(width, height, redraw.full_pixels);
  long differing = 0;
  for (size_t p = 0; p + 3 < redraw.full_pixels.size(); p += 4)
    if (std::memcmp(&redraw.partial_pixels[p], &redraw.full_pixels[p], 4) != 0) ++differing;
  redraw.check.frames += 1;
  if (redraw.share < 1.0) redraw.check.partial_frames += 1;
  redraw.check.redrawn_share_sum += redraw.share;
  redraw.check.differing_pixels += differing;
  if (differing > 0 && redraw.check.first_bad_frame < 0) redraw.check.first_bad_frame = redraw.check.frames - 1;
}

}  // namespace

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
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  // Sliders hide their handle (widgets/value_slider.h) and draw its colour as the position bar under the
  // value; the narrow handle stays for ImGui's hit-testing of where a drag starts.
  style.GrabMinSize = 5.0f;
  style.Colors[ImGuiCol_SliderGrab].w = 0.55f;
  style.Colors[ImGuiCol_SliderGrabActive].w = 0.75f;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
  return window;
}

void BeginUiFrame(const UiSurface* surface) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (surface) {
    const float zoom = surface->zoom > 0.0f ? surface->zoom : 1.0f;
    io.DisplaySize = ImVec2(surface->width / zoom, surface->height / zoom);
    io.DisplayFramebufferScale = ImVec2(surface->pixel_ratio * zoom, surface->pixel_ratio * zoom);
    UseUiFont(surface->pixel_ratio * zoom, true);
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
  Redraw& redraw = Redrawing();
  if (!redraw.partial) {
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  } else {
    const ImVec4& last = redraw.background;
    const bool everything = redraw.everything || last.x != background.x || last.y != background.y ||
                            last.z != background.z;
    redraw.background = background;
    redraw.everything = false;
    ImDrawData* draw_data = ImGui::GetDrawData();
    ImVector<ImDrawList*> copies;  // the frame as ImGui drew it, while a self-check runs
    if (redraw.frames_to_check > 0)
      for (const ImDrawList* list : draw_data->CmdLists) copies.push_back(list->CloneOutput());
    const std::vector<PixelRect>& rects = redraw.tiles.Prepare(draw_data, everything);
    redraw.share = redraw.tiles.redrawn_share();
    // Nothing changed: no GL call at all, and the browser keeps showing the canvas as it is.
    if (!rects.empty()) {
      const int fb_height = int(draw_data->DisplaySize.y * draw_data->FramebufferScale.y);
      glEnable(GL_SCISSOR_TEST);
      for (const PixelRect& r : rects) {
        glScissor(r.x0, fb_height - r.y1, r.x1 - r.x0, r.y1 - r.y0);  // GL counts rows from the bottom
        glClear(GL_COLOR_BUFFER_BIT);
      }
      glDisable(GL_SCISSOR_TEST);
      ImGui_ImplOpenGL3_RenderDrawData(draw_data);
    }
    redraw.tiles.Restore(draw_data);
    if (!copies.empty()) {
      --redraw.frames_to_check;
      CheckAgainstWholeRedraw(redraw, *draw_data, copies);
      for (ImDrawList* list : copies) IM_DELETE(list);
    }
  }
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
