// Browser entry point: the same App as the desktop build, driven by the browser's animation frames,
// with a few C functions the page calls (status for tests and embedding, play/pause, config in/out).
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>

#include "app.h"
#include "gemm.h"
#include "glfw_imgui.h"
#include "imgui.h"

namespace {

netlab::App* g_app = nullptr;
GLFWwindow* g_window = nullptr;

// Each module instance owns its canvas (Module.canvas), so several playgrounds can share a page.
EM_JS(int, CanvasCssWidth, (), { return Math.max(1, Module['canvas'].clientWidth | 0); });
EM_JS(int, CanvasCssHeight, (), { return Math.max(1, Module['canvas'].clientHeight | 0); });
// The page passes the initial config text (e.g. from the URL hash) as Module.netlabConfig.
EM_JS(char*, InitialConfigText, (), {
  var text = Module['netlabConfig'] || "";
  var size = lengthBytesUTF8(text) + 1;
  var pointer = _malloc(size);
  stringToUTF8(text, pointer, size);
  return pointer;
});
// Module.netlabAutoplay === false starts paused (embedded demos, tests that watch from step 0).
EM_JS(int, InitialAutoplay, (), { return Module['netlabAutoplay'] === false ? 0 : 1; });
EM_JS(void, ReportReady, (), { if (Module['onNetlabReady']) Module['onNetlabReady'](); });

void Frame() {
  int width = CanvasCssWidth(), height = CanvasCssHeight(), current_width = 0, current_height = 0;
  glfwGetWindowSize(g_window, &current_width, &current_height);
  if (width != current_width || height != current_height) glfwSetWindowSize(g_window, width, height);
  glfwPollEvents();
  netlab::BeginUiFrame();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  g_app->Frame(size.x, size.y);
  netlab::EndUiFrame(g_window);
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* netlab_status_json() {
  static std::string status;
  status = g_app ? g_app->StatusJson() : "{}";
  return status.c_str();
}

EMSCRIPTEN_KEEPALIVE void netlab_set_playing(int playing) {
  if (g_app) g_app->SetPlaying(playing != 0);
}

EMSCRIPTEN_KEEPALIVE const char* netlab_config_text() {
  static std::string text;
  text = g_app ? g_app->ConfigText() : "";
  return text.c_str();
}

// Threads the engine's GEMM uses: 1 in the plain build, more in netlab-threads.js.
EMSCRIPTEN_KEEPALIVE int netlab_gemm_threads() { return netlab::GemmThreads(); }

EMSCRIPTEN_KEEPALIVE int netlab_load_config(const char* text) { return g_app && g_app->LoadConfigText(text); }

}  // extern "C"

int main() {
  std::string error;
  g_window = netlab::CreateAppWindow("Netlab", CanvasCssWidth(), CanvasCssHeight(), error);
  if (!g_window) {
    EM_ASM({ throw new Error(UTF8ToString($0)); }, error.c_str());
    return 1;
  }
#ifdef __EMSCRIPTEN_PTHREADS__
  // Up to 4 threads, the caller plus the 3 pooled workers the build starts with.
  netlab::SetGemmThreads(std::min(4, std::max(1, int(std::thread::hardware_concurrency()))));
#endif
  g_app = new netlab::App(netlab::Config());
  char* initial = InitialConfigText();
  if (initial[0]) g_app->LoadConfigText(initial);
  std::free(initial);
  g_app->SetPlaying(InitialAutoplay() != 0);
  ReportReady();
  emscripten_set_main_loop(Frame, 0, false);
  return 0;
}
