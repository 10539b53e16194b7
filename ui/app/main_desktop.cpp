// The desktop app: a GLFW + OpenGL 3 window with the playground. Its command line is the same as
// netlab-headless's (engine/cli/command_line.h): whatever needs no window runs without one.
#include <GLFW/glfw3.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "cli/command_line.h"
#include "config/config_text.h"
#include "core/file_bytes.h"
#include "imgui.h"
#include "platform/glfw_imgui.h"
#include "platform/open_file_dialog.h"
#include "views/task_output.h"

namespace {

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

void LoadModelsData(netlab::App& app, const std::string& name, const std::vector<std::string>& paths) {
  std::vector<netlab::DataFile> files(paths.size());
  std::string error;
  for (size_t i = 0; i < paths.size() && error.empty(); ++i) netlab::ReadDataFile(paths[i], files[i], error);
  app.task_output().ReceiveDataFiles(name, files, error);
}

}  // namespace

int main(int argc, char** argv) {
  netlab::CommandLine line;
  int status = 0;
  if (netlab::HandledWithoutWindow(argc, argv, line, status)) return status;
  const netlab::Config& config = line.config;
  const std::string &weights_path = line.weights_path, &screenshot_path = line.screenshot_path;
  const long frames = line.frames;

  std::string error;
  GLFWwindow* window = netlab::CreateAppWindow("Netlab", 1280, 800, error);
  if (!window) {
    std::fprintf(stderr, "netlab: %s (try --headless)\n", error.c_str());
    return 1;
  }
  // The config is loaded once the data actions are there: a Fashion-MNIST config reads its files as it opens.
  netlab::App app{netlab::Config()};
  netlab::ShareActions actions;
  // No page address on the desktop: the fragment itself is what `netlab --config` and the page accept.
  actions.copy_link = [window](const std::string& fragment) { glfwSetClipboardString(window, ("#" + fragment).c_str()); };
  actions.copy_tf_playground_link = [window](const std::string& url) { glfwSetClipboardString(window, url.c_str()); };
  // A course goal met on the desktop is worth a line for the student's terminal and for scripts.
  actions.goal_met = [](const std::string& json) { std::printf("goal met: %s\n", json.c_str()); };
  actions.save_file = [](const std::string& name, const std::string& bytes) {
    if (netlab::WriteFile(name, bytes)) std::fprintf(stderr, "netlab: saved %s\n", name.c_str());
    else std::fprintf(stderr, "netlab: cannot write %s\n", name.c_str());
  };
  netlab::OpenFileDialog open_file;
  actions.open_file = [&open_file] { open_file.Open(); };
  app.SetShareActions(actions);
  netlab::ModelsDataActions data_actions;
  // Debian's dataset-fashion-mnist (the page fetches a subset cut from it), kept to the page's limits.
  data_actions.fetch_fashion = [&app] {
    const std::string dir = "/usr/share/datasets/fashion-mnist/";
    std::vector<std::string> paths;
    for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                             "t10k-labels-idx1-ubyte.gz"})
      paths.push_back(dir + name);
    LoadModelsData(app, "Fashion-MNIST", paths);
  };
  app.task_output().SetDataActions(data_actions);
  if (!app.LoadConfigText(netlab::ConfigToText(config)))
    std::fprintf(stderr, "netlab: %s\n", app.StatusJson().c_str());  // cannot happen: the config was validated
  std::string weights_bytes;
  std::string read_error;
  if (!weights_path.empty() && netlab::ReadFileBytes(weights_path, weights_bytes, read_error)) app.LoadFile(weights_bytes);
  if (!line.data_paths.empty()) LoadModelsData(app, "your files", line.data_paths);
  if (!line.open_window.empty()) app.OpenWindow(line.open_window);
  // --frames N draws N frames and exits (with --screenshot, saving the last one): for scripted checks.
  for (long frame = 0; !glfwWindowShouldClose(window) && frame != frames; ++frame) {
    glfwPollEvents();
    netlab::BeginUiFrame();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    app.Frame(size.x, size.y);
    open_file.Draw([&app](const std::string& bytes) { return app.LoadFile(bytes); });
    netlab::EndUiFrame(window, screenshot_path.empty() || frame + 1 != frames);
  }
  if (!screenshot_path.empty() && !SaveScreenshot(window, screenshot_path)) {
    std::fprintf(stderr, "netlab: cannot write %s\n", screenshot_path.c_str());
    return 1;
  }
  netlab::DestroyAppWindow(window);
  return 0;
}
