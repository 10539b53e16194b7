// Desktop entry point: a GLFW + OpenGL 3 window with the playground, or, with --headless, training
// without any window for scripts and tests.
//   netlab [--config <file>]
//   netlab --headless --steps N [--report-every K] [<config file>]
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app.h"
#include "glfw_imgui.h"
#include "headless.h"
#include "imgui.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: netlab [--config FILE] [--frames N --screenshot OUT.ppm]\n"
               "       netlab --headless --steps N [--report-every K] [FILE]\n");
  return 2;
}

// Writes the current framebuffer as a binary PPM (P6), top row first.
bool SaveScreenshot(GLFWwindow* window, const std::string& path) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window, &width, &height);
  std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  std::ofstream out(path, std::ios::binary);
  out << "P6\n" << width << " " << height << "\n255\n";
  for (int row = height - 1; row >= 0; --row)
    out.write(reinterpret_cast<const char*>(&pixels[size_t(row) * size_t(width) * 3]), std::streamsize(width) * 3);
  return bool(out);
}

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool headless = false;
  long steps = 1000, report_every = 100, frames = -1;
  std::string config_path, screenshot_path;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--headless") headless = true;
    else if (arg == "--steps" && i + 1 < argc) steps = std::atol(argv[++i]);
    else if (arg == "--report-every" && i + 1 < argc) report_every = std::atol(argv[++i]);
    else if (arg == "--config" && i + 1 < argc) config_path = argv[++i];
    else if (arg == "--frames" && i + 1 < argc) frames = std::atol(argv[++i]);
    else if (arg == "--screenshot" && i + 1 < argc) screenshot_path = argv[++i];
    else if (!arg.empty() && arg[0] != '-' && config_path.empty()) config_path = arg;
    else return Usage();
  }
  if (steps < 0 || report_every < 1) return Usage();

  netlab::Config config;
  if (!config_path.empty()) {
    std::string text, error;
    if (!ReadFile(config_path, text)) {
      std::fprintf(stderr, "netlab: cannot read %s\n", config_path.c_str());
      return 2;
    }
    std::vector<std::string> notices;
    if (!netlab::ParseConfig(text, config, error, &notices)) {
      std::fprintf(stderr, "netlab: %s: %s\n", config_path.c_str(), error.c_str());
      return 2;
    }
    for (const std::string& notice : notices) std::fprintf(stderr, "netlab: %s\n", notice.c_str());
  }
  if (headless) return netlab::RunHeadless(config, steps, report_every, std::cout);

  std::string error;
  GLFWwindow* window = netlab::CreateAppWindow("Netlab", 1280, 800, error);
  if (!window) {
    std::fprintf(stderr, "netlab: %s (try --headless)\n", error.c_str());
    return 1;
  }
  netlab::App app(config);
  // --frames N draws N frames and exits (with --screenshot, saving the last one): for scripted checks.
  for (long frame = 0; !glfwWindowShouldClose(window) && frame != frames; ++frame) {
    glfwPollEvents();
    netlab::BeginUiFrame();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    app.Frame(size.x, size.y);
    netlab::EndUiFrame(window, screenshot_path.empty() || frame + 1 != frames);
  }
  if (!screenshot_path.empty() && !SaveScreenshot(window, screenshot_path)) {
    std::fprintf(stderr, "netlab: cannot write %s\n", screenshot_path.c_str());
    return 1;
  }
  netlab::DestroyAppWindow(window);
  return 0;
}
