#include "cli/command_line.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/gzip_file.h"
#include "cli/headless.h"
#include "cli/native_task_data.h"
#include "cli/task_headless.h"
#include "core/clock.h"
#include "core/file_bytes.h"
#include "data/csv.h"
#include "data/dataset_csv.h"
#include "export/onnx_export.h"
#include "links/config_text.h"
#include "links/share_link.h"
#include "tfplayground/headless_run.h"
#include "train/history_csv.h"
#include "train/model_outputs.h"
#include "train/trainer.h"

namespace netlab {
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

// Reads a file named on the command line, saying why when it cannot (missing, a directory, too large).
bool ReadFile(const std::string& path, std::string& text, size_t max_bytes = kMaxFileBytes) {
  std::string error;
  if (ReadFileBytes(path, text, error, max_bytes)) return true;
  std::fprintf(stderr, "netlab: %s\n", error.c_str());
  return false;
}

bool IsReadable(const std::string& path) { return bool(std::ifstream(path, std::ios::binary)); }

// A file path if such a file exists, else a share link (a URL with '#...' or just the fragment).
bool ReadConfigArgument(const std::string& argument, Config& config) {
  std::string text = argument, error;
  if (IsReadable(argument)) {
    // A config or link file: the config limit and room for an address before the link.
    if (!ReadFile(argument, text, kMaxConfigTextBytes + 4096)) return false;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  } else if (argument.find('=') == std::string::npos && argument.find('#') == std::string::npos) {
    std::fprintf(stderr, "netlab: cannot read %s (neither a file nor a share link)\n", argument.c_str());
    return false;
  }
  std::vector<std::string> notices;
  if (!DecodeShareLink(text, config, error, &notices)) {
    std::fprintf(stderr, "netlab: %s: %s\n", argument.substr(0, 80).c_str(), error.c_str());
    return false;
  }
  for (const std::string& notice : notices) std::fprintf(stderr, "netlab: %s\n", notice.c_str());
  return true;
}

bool ReadWeightsArgument(const std::string& path, LoadedWeights& weights) {
  std::string bytes, error;
  if (!ReadFile(path, bytes)) return false;
  if (!ParseWeights(bytes, weights, error)) {
    std::fprintf(stderr, "netlab: %s: %s\n", path.c_str(), error.c_str());
    return false;
  }
  return true;
}

// Writes the trained network as an ONNX model (input: x1, x2 points; output: the model's predictions).
int ExportOnnxCommand(const Config& config, Network& network, const std::string& path) {
  std::string bytes, error;
  if (!ExportOnnx(config, network, bytes, error)) {
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
int PredictCommand(const Config& config, Network& network, const std::string& path) {
  std::string text, error;
  if (!ReadFile(path, text)) return 2;
  CsvTable table;
  CsvOptions options;
  if (!ParseCsv(text, options, table, error)) {
    options.has_header = true;
    std::string header_error;
    if (!ParseCsv(text, options, table, header_error)) {
      std::fprintf(stderr, "netlab: %s: %s\n", path.c_str(), header_error.c_str());
      return 2;
    }
  }
  if (table.rows.empty() || table.rows[0].size() < 2) {
    std::fprintf(stderr, "netlab: %s: needs rows with at least two columns (x1, x2)\n", path.c_str());
    return 2;
  }
  Matrix points(Eigen::Index(table.rows.size()), 2);
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (Eigen::Index c = 0; c < 2; ++c) points(Eigen::Index(r), c) = float(table.rows[r][size_t(c)]);
  const Matrix outputs = ModelOutputs(config, network, points);
  for (Eigen::Index r = 0; r < outputs.rows(); ++r)
    for (Eigen::Index c = 0; c < outputs.cols(); ++c)
      std::printf("%.9g%c", outputs(r, c), c + 1 < outputs.cols() ? ',' : '\n');  // 9 digits: the exact float
  return 0;
}

// --export-onnx and --predict for a loaded weights file; 0 when neither was asked for.
int WeightsCommands(const LoadedWeights& weights, const std::string& onnx_path, const std::string& predict_path) {
  Trainer trainer(weights.config);
  std::string error;
  if (!ApplyWeights(weights, trainer.network(), error)) {
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
bool WriteDataOut(const Trainer& trainer, const std::string& history_path, const std::string& dataset_path) {
  if (!history_path.empty() && !WriteFile(history_path, HistoryCsv(trainer.history()))) {
    std::fprintf(stderr, "netlab: cannot write %s\n", history_path.c_str());
    return false;
  }
  if (!dataset_path.empty() && !WriteFile(dataset_path, DatasetCsv(trainer.data()))) {
    std::fprintf(stderr, "netlab: cannot write %s\n", dataset_path.c_str());
    return false;
  }
  return true;
}

}  // namespace

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return bool(out);
}

bool ReadDataFile(const std::string& path, DataFile& file, std::string& error) {
  file.name = path.substr(path.find_last_of('/') + 1);
  return ReadMaybeGzippedFile(path, kMaxDataFileBytes, file.bytes, error);
}

bool ParseCommandLine(int argc, char** argv, CommandLine& line, int& status) {
  status = 2;
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
      {"--headless", nullptr, nullptr, 0, 0, &line.headless},
      {"--print-link", nullptr, nullptr, 0, 0, &line.print_link},
      {"--steps", nullptr, &line.steps, 0, 1000000000, &line.steps_given},
      {"--report-every", nullptr, &line.report_every, 1, 1000000000, nullptr},
      {"--epochs", nullptr, &line.epochs, 0, 1000000, &epochs_given},
      {"--frames", nullptr, &line.frames, 1, 100000000, nullptr},
      {"--config", &line.config_path, nullptr, 0, 0, nullptr},
      {"--screenshot", &line.screenshot_path, nullptr, 0, 0, nullptr},
      {"--weights", &line.weights_path, nullptr, 0, 0, nullptr},
      {"--save-weights", &line.save_weights_path, nullptr, 0, 0, nullptr},
      {"--export-onnx", &line.export_onnx_path, nullptr, 0, 0, nullptr},
      {"--predict", &line.predict_path, nullptr, 0, 0, nullptr},
      {"--history-csv", &line.history_csv_path, nullptr, 0, 0, nullptr},
      {"--dataset-csv", &line.dataset_csv_path, nullptr, 0, 0, nullptr},
      {"--open", &line.open_window, nullptr, 0, 0, nullptr},
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return status = Usage(), false;
    if (arg == "--data") {
      if (i + 1 >= argc) return status = Refuse("--data needs a file (a CSV, or an IDX file, gzipped or not)"), false;
      line.data_paths.push_back(argv[++i]);
      continue;
    }
    const Flag* flag = nullptr;
    for (const Flag& f : flags)
      if (arg == f.name) flag = &f;
    if (!flag) {
      if (arg.empty() || arg[0] == '-') return status = Refuse("unknown option '" + arg.substr(0, 40) + "'", true), false;
      if (!line.config_path.empty())
        return status = Refuse("two configs given ('" + line.config_path.substr(0, 40) + "' and '" + arg.substr(0, 40) + "'), false; give one");
      line.config_path = arg;
      continue;
    }
    if (flag->set && !flag->number) {
      *flag->set = true;
      continue;
    }
    if (i + 1 >= argc) return status = Refuse(std::string(flag->name) + " needs a value"), false;
    const std::string value = argv[++i];
    if (flag->text) {
      if (!flag->text->empty())
        return status = Refuse(std::string(flag->name) + " given twice ('" + flag->text->substr(0, 40) + "' and '" +
                      value.substr(0, 40) + "')"), false;
      *flag->text = value;
      continue;
    }
    if (!ReadWholeNumber(value, flag->low, flag->high, *flag->number))
      return status = Refuse(std::string(flag->name) + " takes a whole number from " + std::to_string(flag->low) + " to " +
                    std::to_string(flag->high) + ", not '" + value.substr(0, 40) + "'"), false;
    if (flag->set) *flag->set = true;
  }
  if (!epochs_given) line.epochs = -1;

  return true;
}

int RunWithoutWindow(CommandLine& line) {
  Config& config = line.config;
  LoadedWeights& weights = line.weights;
  const bool headless = line.headless, print_link = line.print_link, steps_given = line.steps_given;
  const long steps = line.steps, report_every = line.report_every, epochs = line.epochs;
  const std::string &config_path = line.config_path, &weights_path = line.weights_path;
  const std::string &save_weights_path = line.save_weights_path, &export_onnx_path = line.export_onnx_path;
  const std::string &predict_path = line.predict_path, &history_csv_path = line.history_csv_path;
  const std::string &dataset_csv_path = line.dataset_csv_path;
  const std::vector<std::string>& data_paths = line.data_paths;
  if (!config_path.empty() && !ReadConfigArgument(config_path, config)) return 2;
  // A weights file carries its config; a --config next to it may only change training settings.
  if (!weights_path.empty()) {
    if (!ReadWeightsArgument(weights_path, weights)) return 2;
    if (!config_path.empty() && !SameModelAndData(config, weights.config)) {
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
    std::printf("#%s\n", EncodeShareLink(config).c_str());
    return 0;
  }
  // A TF Playground link runs TF Playground's own epochs (faithful mode), 100 unless --epochs says.
  if (headless && config.tf_playground && weights_path.empty())
    return tfplayground::RunEpochs(*config.tf_playground, epochs < 0 ? 100 : epochs, std::cout);
  // The workbench's other tasks read their data natively and train in epochs or reports.
  if (headless && config.task != "playground") {
    TaskData data;
    std::string error, notice;
    if (!LoadNativeTaskData(config, data_paths, data, error, &notice)) {
      std::fprintf(stderr, "netlab: %s\n", error.c_str());
      return 2;
    }
    if (!notice.empty()) std::fprintf(stderr, "netlab: %s\n", notice.c_str());
    const double start = NowSeconds();
    const int status = RunTaskHeadless(config, data, epochs, steps_given ? steps : 0, std::cout);
    std::fprintf(stderr, "netlab: %.1f s\n", NowSeconds() - start);  // not on stdout: that stays bit-identical
    return status;
  }
  if (headless && epochs >= 0) {
    std::fprintf(stderr, "netlab: --epochs is for TF Playground links and the tasks beyond the playground; a "
                         "playground config counts --steps\n");
    return 2;
  }
  if (headless) {
    Trainer trainer(config);
    std::string error;
    if (!weights_path.empty() && !ApplyWeights(weights, trainer.network(), error)) {
      std::fprintf(stderr, "netlab: %s: %s\n", weights_path.c_str(), error.c_str());
      return 2;
    }
    const int status = RunHeadless(trainer, steps, report_every, std::cout);
    if (!save_weights_path.empty() && !WriteFile(save_weights_path, SaveWeights(config, trainer.network()))) {
      std::fprintf(stderr, "netlab: cannot write %s\n", save_weights_path.c_str());
      return 2;
    }
    if (!WriteDataOut(trainer, history_csv_path, dataset_csv_path)) return 2;
    return status;
  }

  return -1;
}

}  // namespace netlab
