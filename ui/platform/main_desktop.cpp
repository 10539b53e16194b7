// Desktop entry point: a GLFW + OpenGL 3 window with the playground, or, with --headless, training
// without any window for scripts and tests.
//   netlab [--config <file|link>] [--weights <file>] [--open models[/TAB]|search] [--data FILE]...
//          [--frames N --screenshot OUT.ppm]
// --data gives the Models window a CSV or IDX files (gzipped or not) to train on.
//   netlab --headless --steps N [--report-every K] [--save-weights <file>] [--config] [<file|link>]
//   netlab --headless [--epochs N | --steps N] [--data FILE]... CONFIG   (a task beyond the playground:
//          classification, RBM, DBN, VAE, GAN, sequence; one line per epoch or report, workbench/task_headless.h)
//   netlab --print-link [--config] <file|link>       (prints the share-link fragment, '#...')
//   netlab --weights M.nlw --export-onnx M.onnx       (the trained network as ONNX, docs/onnx.md)
//   netlab --weights M.nlw --predict IN.csv           (one CSV row of outputs per x1,x2 input row)
// --history-csv FILE and --dataset-csv FILE (with --headless) write the metrics and the points as CSV.
// A link is a share link from the web page (https://...#...) or its fragment; see docs/config.md.
#include <GLFW/glfw3.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "platform/glfw_imgui.h"
#include "platform/gzip_file.h"
#include "platform/open_file_dialog.h"
#include "train/headless.h"
#include "tfplayground/headless_run.h"
#include "imgui.h"
#include "model_tabs/models_window.h"
#include "config/share_link.h"
#include "config/weights_file.h"
#include "core/clock.h"
#include "core/file_bytes.h"
#include "data/csv.h"
#include "data/dataset_csv.h"
#include "export/onnx_export.h"
#include "train/history_csv.h"
#include "train/model_outputs.h"
#include "platform/native_task_data.h"
#include "workbench/task_headless.h"

namespace {

// A command-line mistake: the message, the usage when it helps, exit status 2.
int Refuse(const std::string& why, bool with_usage = false);

// "123" -> 123 within [low, high]; false for anything else ("", "12x", "1e3", "-0x5", out of range).
bool ReadWholeNumber(const std::string& text, long low, long high, long& out) {
  if (text.empty() || text.size() > 12) return false;
  long long value = 0;
  for (size_t i = text[0] == '-' ? 1 : 0; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  if (text[0] == '-') {
    if (text.size() == 1) return false;
    value = -value;
  }
  if (value < low || value > high) return false;
  out = long(value);
  return true;
}

int Usage() {
  std::fprintf(stderr,
               "usage: netlab [--config FILE|LINK] [--weights FILE] [--open models[/TAB]|search] [--data FILE]...\n"
               "              [--frames N --screenshot OUT.ppm]\n"
               "       netlab --headless --steps N [--report-every K] [--save-weights FILE] [FILE|LINK]\n"
               "       netlab --headless --epochs N --config TF_PLAYGROUND_LINK\n"
               "       netlab --print-link FILE|LINK\n"
               "       netlab --weights FILE --export-onnx OUT.onnx | --predict IN.csv\n"
               "       (with --headless: --history-csv OUT.csv, --dataset-csv OUT.csv)\n");
  return 2;
}

int Refuse(const std::string& why, bool with_usage) {
  std::fprintf(stderr, "netlab: %s\n", why.c_str());
  return with_usage ? Usage() : 2;
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

// Reads a file named on the command line, saying why when it cannot (missing, a directory, too large).
bool ReadFile(const std::string& path, std::string& text, size_t max_bytes = netlab::kMaxFileBytes) {
  std::string error;
  if (netlab::ReadFileBytes(path, text, error, max_bytes)) return true;
  std::fprintf(stderr, "netlab: %s\n", error.c_str());
  return false;
}

bool IsReadable(const std::string& path) { return bool(std::ifstream(path, std::ios::binary)); }

// Reads a file for the Models window, unpacking it if gzipped (zlib reads plain files unchanged).
bool ReadDataFile(const std::string& path, netlab::DataFile& file, std::string& error) {
  file.name = path.substr(path.find_last_of('/') + 1);
  return netlab::ReadMaybeGzippedFile(path, netlab::kMaxDataFileBytes, file.bytes, error);
}

void LoadModelsData(netlab::App& app, const std::string& name, const std::vector<std::string>& paths) {
  std::vector<netlab::DataFile> files(paths.size());
  std::string error;
  for (size_t i = 0; i < paths.size() && error.empty(); ++i) ReadDataFile(paths[i], files[i], error);
  app.models().ReceiveDataFiles(name, files, error);
}

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return bool(out);
}

// A file path if such a file exists, else a share link (a URL with '#...' or just the fragment).
bool ReadConfigArgument(const std::string& argument, netlab::Config& config) {
  std::string text = argument, error;
  if (IsReadable(argument)) {
    // A config or link file: the config limit and room for an address before the link.
    if (!ReadFile(argument, text, netlab::kMaxConfigTextBytes + 4096)) return false;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  } else if (argument.find('=') == std::string::npos && argument.find('#') == std::string::npos) {
    std::fprintf(stderr, "netlab: cannot read %s (neither a file nor a share link)\n", argument.c_str());
    return false;
  }
  std::vector<std::string> notices;
  if (!netlab::DecodeShareLink(text, config, error, &notices)) {
    std::fprintf(stderr, "netlab: %s: %s\n", argument.substr(0, 80).c_str(), error.c_str());
    return false;
  }
  for (const std::string& notice : notices) std::fprintf(stderr, "netlab: %s\n", notice.c_str());
  return true;
}

bool ReadWeightsArgument(const std::string& path, netlab::LoadedWeights& weights) {
  std::string bytes, error;
  if (!ReadFile(path, bytes)) return false;
  if (!netlab::ParseWeights(bytes, weights, error)) {
    std::fprintf(stderr, "netlab: %s: %s\n", path.c_str(), error.c_str());
    return false;
  }
  return true;
}

// Writes the trained network as an ONNX model (input: x1, x2 points; output: the model's predictions).
int ExportOnnxCommand(const netlab::Config& config, netlab::Network& network, const std::string& path) {
  std::string bytes, error;
  if (!netlab::ExportOnnx(config, network, bytes, error)) {
    std::fprintf(stderr, "netlab: %s\n", error.c_str());
    return 1;
  }
  if (!WriteFile(path, bytes)) {
    std::fprintf(stderr, "netlab: cannot write %s\n", path.c_str());
    return 2;
  }
  return 0;
}

// Prints the model's outputs for each row of a CSV whose first two columns are x1, x2 (a header row is
// skipped, so a file from --dataset-csv works as it is).
int PredictCommand(const netlab::Config& config, netlab::Network& network, const std::string& path) {
  std::string text, error;
  if (!ReadFile(path, text)) return 2;
  netlab::CsvTable table;
  netlab::CsvOptions options;
  if (!netlab::ParseCsv(text, options, table, error)) {
    options.has_header = true;
    std::string header_error;
    if (!netlab::ParseCsv(text, options, table, header_error)) {
      std::fprintf(stderr, "netlab: %s: %s\n", path.c_str(), header_error.c_str());
      return 2;
    }
  }
  if (table.rows.empty() || table.rows[0].size() < 2) {
    std::fprintf(stderr, "netlab: %s: needs rows with at least two columns (x1, x2)\n", path.c_str());
    return 2;
  }
  netlab::Matrix points(Eigen::Index(table.rows.size()), 2);
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (Eigen::Index c = 0; c < 2; ++c) points(Eigen::Index(r), c) = float(table.rows[r][size_t(c)]);
  const netlab::Matrix outputs = netlab::ModelOutputs(config, network, points);
  for (Eigen::Index r = 0; r < outputs.rows(); ++r)
    for (Eigen::Index c = 0; c < outputs.cols(); ++c)
      std::printf("%.9g%c", outputs(r, c), c + 1 < outputs.cols() ? ',' : '\n');  // 9 digits: the exact float
  return 0;
}

// --export-onnx and --predict for a loaded weights file; 0 when neither was asked for.
int WeightsCommands(const netlab::LoadedWeights& weights, const std::string& onnx_path, const std::string& predict_path) {
  netlab::Trainer trainer(weights.config);
  std::string error;
  if (!netlab::ApplyWeights(weights, trainer.network(), error)) {
    std::fprintf(stderr, "netlab: %s\n", error.c_str());
    return 2;
  }
  if (!onnx_path.empty()) {
    if (int status = ExportOnnxCommand(weights.config, trainer.network(), onnx_path)) return status;
  }
  if (!predict_path.empty()) return PredictCommand(weights.config, trainer.network(), predict_path);
  return 0;
}

// --history-csv and --dataset-csv after a headless run.
bool WriteDataOut(const netlab::Trainer& trainer, const std::string& history_path, const std::string& dataset_path) {
  if (!history_path.empty() && !WriteFile(history_path, netlab::HistoryCsv(trainer.history()))) {
    std::fprintf(stderr, "netlab: cannot write %s\n", history_path.c_str());
    return false;
  }
  if (!dataset_path.empty() && !WriteFile(dataset_path, netlab::DatasetCsv(trainer.data()))) {
    std::fprintf(stderr, "netlab: cannot write %s\n", dataset_path.c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool headless = false, print_link = false;
  long steps = 1000, report_every = 100, frames = -1, epochs = -1;
  bool steps_given = false;
  std::string config_path, screenshot_path, weights_path, save_weights_path, open_window;
  std::string export_onnx_path, predict_path, history_csv_path, dataset_csv_path;
  std::vector<std::string> data_paths;
  // Every flag is known, takes its value whole, and says what it accepts when it gets something else.
  struct Flag {
    const char* name;
    std::string* text;  // a flag with a text value (a path or link)
    long* number;       // or a whole number in [low, high]
    long low, high;
    bool* set;          // or no value at all
  };
  bool epochs_given = false;
  const Flag flags[] = {
      {"--headless", nullptr, nullptr, 0, 0, &headless},
      {"--print-link", nullptr, nullptr, 0, 0, &print_link},
      {"--steps", nullptr, &steps, 0, 1000000000, &steps_given},
      {"--report-every", nullptr, &report_every, 1, 1000000000, nullptr},
      {"--epochs", nullptr, &epochs, 0, 1000000, &epochs_given},
      {"--frames", nullptr, &frames, 1, 100000000, nullptr},
      {"--config", &config_path, nullptr, 0, 0, nullptr},
      {"--screenshot", &screenshot_path, nullptr, 0, 0, nullptr},
      {"--weights", &weights_path, nullptr, 0, 0, nullptr},
      {"--save-weights", &save_weights_path, nullptr, 0, 0, nullptr},
      {"--export-onnx", &export_onnx_path, nullptr, 0, 0, nullptr},
      {"--predict", &predict_path, nullptr, 0, 0, nullptr},
      {"--history-csv", &history_csv_path, nullptr, 0, 0, nullptr},
      {"--dataset-csv", &dataset_csv_path, nullptr, 0, 0, nullptr},
      {"--open", &open_window, nullptr, 0, 0, nullptr},
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return Usage();
    if (arg == "--data") {
      if (i + 1 >= argc) return Refuse("--data needs a file (a CSV, or an IDX file, gzipped or not)");
      data_paths.push_back(argv[++i]);
      continue;
    }
    const Flag* flag = nullptr;
    for (const Flag& f : flags)
      if (arg == f.name) flag = &f;
    if (!flag) {
      if (arg.empty() || arg[0] == '-') return Refuse("unknown option '" + arg.substr(0, 40) + "'", true);
      if (!config_path.empty())
        return Refuse("two configs given ('" + config_path.substr(0, 40) + "' and '" + arg.substr(0, 40) + "'); give one");
      config_path = arg;
      continue;
    }
    if (flag->set && !flag->number) {
      *flag->set = true;
      continue;
    }
    if (i + 1 >= argc) return Refuse(std::string(flag->name) + " needs a value");
    const std::string value = argv[++i];
    if (flag->text) {
      if (!flag->text->empty())
        return Refuse(std::string(flag->name) + " given twice ('" + flag->text->substr(0, 40) + "' and '" +
                      value.substr(0, 40) + "')");
      *flag->text = value;
      continue;
    }
    if (!ReadWholeNumber(value, flag->low, flag->high, *flag->number))
      return Refuse(std::string(flag->name) + " takes a whole number from " + std::to_string(flag->low) + " to " +
                    std::to_string(flag->high) + ", not '" + value.substr(0, 40) + "'");
    if (flag->set) *flag->set = true;
  }
  if (!epochs_given) epochs = -1;

  netlab::Config config;
  if (!config_path.empty() && !ReadConfigArgument(config_path, config)) return 2;
  // A weights file carries its config; a --config next to it may only change training settings.
  netlab::LoadedWeights weights;
  if (!weights_path.empty()) {
    if (!ReadWeightsArgument(weights_path, weights)) return 2;
    if (!config_path.empty() && !netlab::SameModelAndData(config, weights.config)) {
      std::fprintf(stderr, "netlab: %s was trained for a different model or data than %s\n", weights_path.c_str(),
                   config_path.c_str());
      return 2;
    }
    if (config_path.empty()) config = weights.config;
  }
  if (!export_onnx_path.empty() || !predict_path.empty()) {
    if (weights_path.empty()) {
      std::fprintf(stderr, "netlab: --export-onnx and --predict need --weights FILE (a trained model)\n");
      return 2;
    }
    return WeightsCommands(weights, export_onnx_path, predict_path);
  }
  if (print_link) {
    std::printf("#%s\n", netlab::EncodeShareLink(config).c_str());
    return 0;
  }
  // A TF Playground link runs TF Playground's own epochs (faithful mode), 100 unless --epochs says.
  if (headless && config.tf_playground && weights_path.empty())
    return netlab::tfplayground::RunEpochs(*config.tf_playground, epochs < 0 ? 100 : epochs, std::cout);
  // The workbench's other tasks read their data natively and train in epochs or reports.
  if (headless && config.task != "playground") {
    netlab::TaskData data;
    std::string error, notice;
    if (!netlab::LoadNativeTaskData(config, data_paths, data, error, &notice)) {
      std::fprintf(stderr, "netlab: %s\n", error.c_str());
      return 2;
    }
    if (!notice.empty()) std::fprintf(stderr, "netlab: %s\n", notice.c_str());
    const double start = netlab::NowSeconds();
    const int status = netlab::RunTaskHeadless(config, data, epochs, steps_given ? steps : 0, std::cout);
    std::fprintf(stderr, "netlab: %.1f s\n", netlab::NowSeconds() - start);  // not on stdout: that stays bit-identical
    return status;
  }
  if (headless && epochs >= 0) {
    std::fprintf(stderr, "netlab: --epochs is for TF Playground links and the tasks beyond the playground; a "
                         "playground config counts --steps\n");
    return 2;
  }
  if (headless) {
    netlab::Trainer trainer(config);
    std::string error;
    if (!weights_path.empty() && !netlab::ApplyWeights(weights, trainer.network(), error)) {
      std::fprintf(stderr, "netlab: %s: %s\n", weights_path.c_str(), error.c_str());
      return 2;
    }
    const int status = netlab::RunHeadless(trainer, steps, report_every, std::cout);
    if (!save_weights_path.empty() && !WriteFile(save_weights_path, netlab::SaveWeights(config, trainer.network()))) {
      std::fprintf(stderr, "netlab: cannot write %s\n", save_weights_path.c_str());
      return 2;
    }
    if (!WriteDataOut(trainer, history_csv_path, dataset_csv_path)) return 2;
    return status;
  }

  std::string error;
  GLFWwindow* window = netlab::CreateAppWindow("Netlab", 1280, 800, error);
  if (!window) {
    std::fprintf(stderr, "netlab: %s (try --headless)\n", error.c_str());
    return 1;
  }
  netlab::App app(config);
  netlab::ShareActions actions;
  // No page address on the desktop: the fragment itself is what `netlab --config` and the page accept.
  actions.copy_link = [window](const std::string& fragment) { glfwSetClipboardString(window, ("#" + fragment).c_str()); };
  actions.copy_tf_playground_link = [window](const std::string& url) { glfwSetClipboardString(window, url.c_str()); };
  // A course goal met on the desktop is worth a line for the student's terminal and for scripts.
  actions.goal_met = [](const std::string& json) { std::printf("goal met: %s\n", json.c_str()); };
  actions.save_file = [](const std::string& name, const std::string& bytes) {
    if (WriteFile(name, bytes)) std::fprintf(stderr, "netlab: saved %s\n", name.c_str());
    else std::fprintf(stderr, "netlab: cannot write %s\n", name.c_str());
  };
  netlab::OpenFileDialog open_file;
  actions.open_file = [&open_file] { open_file.Open(); };
  app.SetShareActions(actions);
  std::string weights_bytes;
  if (!weights_path.empty() && ReadFile(weights_path, weights_bytes)) app.LoadFile(weights_bytes);
  netlab::ModelsDataActions data_actions;
  // The same subset the page fetches, read from Debian's dataset-fashion-mnist.
  data_actions.fetch_fashion = [&app] {
    const std::string dir = "/usr/share/datasets/fashion-mnist/";
    std::vector<std::string> paths;
    for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                             "t10k-labels-idx1-ubyte.gz"})
      paths.push_back(dir + name);
    LoadModelsData(app, "Fashion-MNIST", paths);
  };
  app.models().SetDataActions(data_actions);
  if (!data_paths.empty()) LoadModelsData(app, "your files", data_paths);
  if (!open_window.empty()) app.OpenWindow(open_window);
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
