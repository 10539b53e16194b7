#include "cli/command_line.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/config_docs.h"
#include "cli/gzip_file.h"
#include "cli/native_task_data.h"
#include "core/clock.h"
#include "core/file_bytes.h"
#include "data/csv.h"
#include "data/dataset_csv.h"
#include "export/onnx_export.h"
#include "export/zip_file.h"
#include "grading/exercise.h"
#include "links/config_text.h"
#include "links/share_link.h"
#include "tasks/table.h"

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

// The flags that ask something of the run beyond training, each with the capability it needs.
struct CapabilityFlag {
  const char* flag;
  const std::string CommandLine::*path;
  Capability needs;
};
const CapabilityFlag kCapabilityFlags[] = {
    {"--weights", &CommandLine::weights_path, kWeights},
    {"--save-weights", &CommandLine::save_weights_path, kWeights},
    {"--export-onnx", &CommandLine::export_onnx_path, kOnnx},
    {"--predict", &CommandLine::predict_path, kPredict},
    {"--dataset-csv", &CommandLine::dataset_csv_path, kDatasetCsv},
    {"--export-pytorch", &CommandLine::export_pytorch_dir, kPytorch},
};

int Usage() {
  std::string text =
      "usage: netlab-headless --headless [--steps N | --epochs N] [--report-every K] [--data FILE]...\n"
      "                       [--weights FILE] [--save-weights FILE] [--export-onnx OUT.onnx] [--predict IN.csv]\n"
      "                       [--history-csv OUT.csv] [--dataset-csv OUT.csv] [--config] FILE|LINK\n"
      "       netlab-headless --weights FILE --export-onnx OUT.onnx | --predict IN.csv\n"
      "       netlab-headless --export-pytorch DIR|NAME.zip [--weights FILE] [--config] FILE|LINK\n"
      "                       (train.py, a notebook, the data and the weights: the run's start, or the\n"
      "                       trained model with --weights)\n"
      "       netlab-headless --print-link FILE|LINK\n"
      "       netlab-headless --print-docs   (docs/config.md's settings and tasks tables)\n"
      "       netlab-headless --verify LINK [--key FILE | --exercise LINK]   (replays a submitted exercise:\n"
      "                       one JSON line; exit 0 pass, 1 fail, 2 refused)\n"
      "       netlab-headless --grade SUBMISSIONS.csv [--key FILE | --exercise LINK] [--html FILE]\n"
      "                       (\"id,link\" lines; a results CSV on stdout, an HTML table with --html)\n"
      "       netlab-headless --seal LINK [--key FILE]   (the exercise link with its seal: HMAC-SHA256 with\n"
      "                       the key, SHA-256 without)\n"
      "       netlab [--config FILE|LINK] [--weights FILE] [--open models[/TAB]|search] [--data FILE]...\n"
      "              [--frames N --screenshot OUT.ppm]   (the desktop window; with --headless, as above)\n"
      "--steps counts minibatch updates (1000 unless told), --epochs passes over the training set where the\n"
      "task counts epochs; --history-csv writes every task's reports. The flags each task honours beyond\n"
      "those (any other is refused):\n";
  for (const Task& task : Tasks()) {
    std::string flags;
    for (const CapabilityFlag& f : kCapabilityFlags)
      if (task.Can(f.needs)) flags += std::string(" ") + f.flag;
    if (task.ReadsFiles()) flags += " --data";
    char row[160];
    std::snprintf(row, sizeof row, "  %-12s%s\n", task.name, flags.empty() ? " (none)" : flags.c_str());
    text += row;
  }
  std::fputs(text.c_str(), stderr);
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

// Reads a CSV of rows to predict from (a header row is skipped, so a file from --dataset-csv works as
// it is) into `inputs`; false with the message printed.
bool ReadPredictRows(const std::string& path, Matrix& inputs) {
  std::string text, error;
  if (!ReadFile(path, text)) return false;
  CsvTable table;
  CsvOptions options;
  if (!ParseCsv(text, options, table, error)) {
    options.has_header = true;
    std::string header_error;
    if (!ParseCsv(text, options, table, header_error)) {
      std::fprintf(stderr, "netlab: %s: %s\n", path.c_str(), header_error.c_str());
      return false;
    }
  }
  if (table.rows.empty()) {
    std::fprintf(stderr, "netlab: %s: has no rows to predict\n", path.c_str());
    return false;
  }
  inputs.resize(Eigen::Index(table.rows.size()), Eigen::Index(table.rows[0].size()));
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (size_t c = 0; c < table.rows[r].size() && c < table.rows[0].size(); ++c)
      inputs(Eigen::Index(r), Eigen::Index(c)) = float(table.rows[r][c]);
  return true;
}


// The run's steps with a report line every `report_every` updates and at the last; 1 when it diverged.
int Train(TaskRun& run, long steps, long report_every, std::ostream& out) {
  const std::string preamble = run.Preamble();
  if (!preamble.empty()) out << preamble << "\n";
  out << run.Report() << "\n";
  for (long s = 1; s <= steps && run.diverged().empty(); ++s) {
    run.Step();
    if (s % report_every == 0 || s == steps) out << run.Report() << "\n";
  }
  if (!run.diverged().empty()) {
    out << "error: " << run.diverged() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

bool MakeFolder(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) == 0) return S_ISDIR(info.st_mode);
  return mkdir(path.c_str(), 0755) == 0;
}

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
      {"--print-docs", nullptr, nullptr, 0, 0, &line.print_docs},
      {"--steps", nullptr, &line.steps, 0, 1000000000, &line.steps_given},
      {"--report-every", nullptr, &line.report_every, 1, 1000000000, &line.report_every_given},
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
      {"--export-pytorch", &line.export_pytorch_dir, nullptr, 0, 0, nullptr},
      {"--open", &line.open_window, nullptr, 0, 0, nullptr},
      {"--verify", &line.verify_link, nullptr, 0, 0, nullptr},
      {"--grade", &line.grade_path, nullptr, 0, 0, nullptr},
      {"--key", &line.key_path, nullptr, 0, 0, nullptr},
      {"--exercise", &line.exercise_link, nullptr, 0, 0, nullptr},
      {"--html", &line.html_path, nullptr, 0, 0, nullptr},
      {"--seal", &line.seal_link, nullptr, 0, 0, nullptr},
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
        return status = Refuse("two configs given ('" + line.config_path.substr(0, 40) + "' and '" + arg.substr(0, 40) +
                               "'); give one"), false;
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

bool HandledWithoutWindow(int argc, char** argv, CommandLine& line, int& status) {
  if (!ParseCommandLine(argc, argv, line, status)) return true;
  status = RunWithoutWindow(line);
  return status >= 0;
}

namespace {

// --verify and --grade: each link replayed as grading/exercise.h says.
int Grade(const CommandLine& line) {
  const bool verify = !line.verify_link.empty(), grade = !line.grade_path.empty(), seal = !line.seal_link.empty();
  if (int(verify) + int(grade) + int(seal) > 1) return Refuse("give one of --verify LINK, --grade CSV and --seal LINK");
  if (!line.config_path.empty() || line.headless || line.steps_given || !line.weights_path.empty() ||
      !line.data_paths.empty())
    return Refuse("--verify and --grade take the steps, the config and the data from the link itself; they go "
                  "with --key, --exercise and --html only");
  if (!line.html_path.empty() && !grade) return Refuse("--html writes the class's table: it goes with --grade");
  if (!line.key_path.empty() && !line.exercise_link.empty())
    return Refuse("give --key (a sealed exercise) or --exercise (the exercise link itself), not both");
  VerifyOptions options;
  if (!line.key_path.empty()) {
    if (!ReadFile(line.key_path, options.key, 4096)) return 2;
    while (!options.key.empty() && (options.key.back() == '\n' || options.key.back() == '\r')) options.key.pop_back();
    if (options.key.empty()) return Refuse(line.key_path + " is empty: the key is the passphrase the exercise was sealed with");
  }
  if (seal) {
    if (!line.exercise_link.empty()) return Refuse("--seal takes the exercise as its LINK; --exercise goes with --verify and --grade");
    Config config;
    if (!ReadConfigArgument(line.seal_link, config)) return 2;
    if (!config.course.has_goal()) return Refuse("the exercise sets no goal (goal_test_loss or goal): there is nothing to seal");
    config.course.seal = SealExercise(config, options.key);
    std::printf("#%s\n", EncodeShareLink(config).c_str());
    return 0;
  }
  Config exercise;
  if (!line.exercise_link.empty()) {
    if (!ReadConfigArgument(line.exercise_link, exercise)) return 2;
    options.exercise = &exercise;
  }
  auto verify_one = [&](const std::string& link) {
    Config config;
    std::string text = link, error;
    std::vector<std::string> notices;
    if (link.empty()) return RefusedVerdict("no link");
    if (!DecodeShareLink(text, config, error, &notices)) return RefusedVerdict("the link cannot be read: " + error);
    TaskData data;
    std::string notice;
    if (!LoadNativeTaskData(config, {}, data, error, &notice)) return RefusedVerdict(error);
    return VerifyExercise(config, data, options);
  };
  if (verify) {
    std::string link = line.verify_link;
    if (IsReadable(link) && !ReadFile(link, link, kMaxConfigTextBytes + 4096)) return 2;
    while (!link.empty() && (link.back() == '\n' || link.back() == '\r')) link.pop_back();
    const Verdict v = verify_one(link);
    std::printf("%s\n", v.Json().c_str());
    return v.status;
  }
  std::string text, error;
  if (!ReadFile(line.grade_path, text)) return 2;
  std::vector<std::pair<std::string, std::string>> submissions;
  if (!ReadSubmissions(text, submissions, error)) return Refuse(line.grade_path + ": " + error);
  std::vector<GradedRow> rows;
  for (const auto& [id, link] : submissions) rows.push_back({id, verify_one(link)});
  std::fputs(GradeCsv(rows).c_str(), stdout);
  if (!line.html_path.empty()) {
    const std::string name = line.grade_path.substr(line.grade_path.find_last_of('/') + 1);
    if (!WriteFile(line.html_path, GradeHtml(rows, "Netlab grades: " + name))) return Refuse("cannot write " + line.html_path);
  }
  return 0;
}

}  // namespace

int RunWithoutWindow(CommandLine& line) {
  if (!line.verify_link.empty() || !line.grade_path.empty() || !line.seal_link.empty()) return Grade(line);
  if (!line.key_path.empty() || !line.exercise_link.empty() || !line.html_path.empty())
    return Refuse("--key, --exercise and --html go with --verify LINK, --grade CSV or --seal LINK");
  if (line.print_docs) {
    std::printf("%s\n%s", SettingsMarkdown().c_str(), TasksMarkdown().c_str());
    return 0;
  }
  Config& config = line.config;
  if (!line.config_path.empty() && !ReadConfigArgument(line.config_path, config)) return 2;
  // A weights file carries its config; a --config next to it may only change training settings.
  if (!line.weights_path.empty()) {
    // A config whose task keeps no weights refuses the flag before the file is read.
    if (!line.config_path.empty() && FindTask(config.task) && !FindTask(config.task)->Can(kWeights))
      return Refuse("--weights means nothing for " + LacksCapability(*FindTask(config.task), kWeights));
    if (!ReadWeightsArgument(line.weights_path, line.weights)) return 2;
    if (!line.config_path.empty() && !SameModelAndData(config, line.weights.config)) {
      std::fprintf(stderr, "netlab: %s was trained for a different model or data than %s\n", line.weights_path.c_str(),
                   line.config_path.c_str());
      return 2;
    }
    if (line.config_path.empty()) config = line.weights.config;
  }
  if (line.print_link) {
    std::printf("#%s\n", EncodeShareLink(config).c_str());
    return 0;
  }
  // What a run writes needs a run: headless training, or a trained model from --weights.
  const std::pair<const char*, const std::string*> written[] = {
      {"--save-weights", &line.save_weights_path}, {"--history-csv", &line.history_csv_path},
      {"--dataset-csv", &line.dataset_csv_path}, {"--export-onnx", &line.export_onnx_path},
      {"--predict", &line.predict_path}};
  for (const auto& [flag, path] : written) {
    const bool from_weights = std::string(flag) == "--export-onnx" || std::string(flag) == "--predict";
    if (!path->empty() && !line.headless && !(from_weights && !line.weights_path.empty()))
      return Refuse(std::string(flag) + " needs a model: give --headless --steps N (training it first)" +
                    (from_weights ? " or --weights FILE (a trained one)" : ""));
  }
  if (!line.headless && line.export_onnx_path.empty() && line.predict_path.empty() && line.export_pytorch_dir.empty())
    return -1;  // the window
  // Every flag is honoured by this task or refused, naming the flag and the task.
  const Task& task = *FindTask(config.task);
  for (const CapabilityFlag& f : kCapabilityFlags)
    if (!(line.*f.path).empty() && !task.Can(f.needs))
      return Refuse(std::string(f.flag) + " means nothing for " + LacksCapability(task, f.needs) +
                    (config.tf_playground && f.needs == kWeights
                                                    ? " (a TF Playground link trains TF Playground's own network)" : ""));
  if (config.tf_playground && (!line.weights_path.empty() || !line.save_weights_path.empty()))
    return Refuse("--weights and --save-weights mean nothing in TF Playground mode: it trains TF Playground's own "
                  "network, not Netlab's (edit a setting in the page to train Netlab's)");
  if (!line.data_paths.empty() && !task.ReadsFiles())
    return Refuse(std::string("--data means nothing for the ") + task.name + " task: it draws its own data (" +
                  config.data.kind + ")");
  TaskData data;
  std::string error, notice;
  if (!LoadNativeTaskData(config, line.data_paths, data, error, &notice)) return Refuse(error);
  if (!notice.empty()) std::fprintf(stderr, "netlab: %s\n", notice.c_str());
  std::unique_ptr<TaskRun> run = task.make_run(config, data);
  if (!run->error().empty()) {
    std::cout << "error: " << run->error() << "\n";
    return 2;
  }
  if (!line.weights_path.empty() && !ApplyWeights(line.weights, run->Parameters(), error))
    return Refuse(line.weights_path + ": " + error);
  // Steps: --steps N, or --epochs N passes for the tasks counted in epochs (a TF Playground link's steps
  // are its epochs: 100 unless told).
  long steps = line.steps;
  if (line.epochs >= 0) {
    if (run->StepsPerEpoch() <= 0)
      return Refuse(std::string("--epochs means nothing for the ") + task.name + " task: it does not count epochs; give --steps N");
    if (line.steps_given) return Refuse("give --steps or --epochs, not both");
    steps = line.epochs * run->StepsPerEpoch();
  } else if (!line.steps_given) {
    // A submitted exercise's link says how far the student trained (steps=N).
    steps = config.tf_playground ? 100 : config.course.steps > 0 ? config.course.steps : line.headless ? 1000 : 0;
  }
  if (!line.headless) steps = 0;  // --export-onnx or --predict alone: the model as loaded
  const long report_every = line.report_every_given ? line.report_every : run->StepsPerReport();
  // The PyTorch folder holds the run as it starts (or the model --weights gives), before any training
  // here: train.py then trains it as --headless would.
  if (!line.export_pytorch_dir.empty()) {
    std::vector<ExportedFile> files;
    if (!run->ExportPytorch(ConfigToText(config), files, error)) return Refuse("--export-pytorch: " + error);
    const std::string& out = line.export_pytorch_dir;
    if (out.size() > 4 && out.compare(out.size() - 4, 4, ".zip") == 0) {  // one archive, as the page's button saves
      if (!WriteFile(out, ZipFiles(files, "netlab-pytorch"))) return Refuse("cannot write " + out);
    } else {
      if (!MakeFolder(out)) return Refuse("cannot make the folder " + out);
      for (const ExportedFile& f : files)
        if (!WriteFile(out + "/" + f.name, f.bytes)) return Refuse("cannot write " + out + "/" + f.name);
    }
  }
  int status = 0;
  if (line.headless) {
    const double start = NowSeconds();
    status = Train(*run, steps, report_every, std::cout);
    std::fprintf(stderr, "netlab: %.1f s\n", NowSeconds() - start);  // not on stdout: that stays bit-identical
  }
  if (!line.save_weights_path.empty() && !WriteFile(line.save_weights_path, SaveWeights(run->config(), run->Parameters())))
    return Refuse("cannot write " + line.save_weights_path);
  if (!line.history_csv_path.empty() && !WriteFile(line.history_csv_path, run->HistoryCsv()))
    return Refuse("cannot write " + line.history_csv_path);
  if (!line.dataset_csv_path.empty() && !WriteFile(line.dataset_csv_path, run->DatasetCsv()))
    return Refuse("cannot write " + line.dataset_csv_path);
  if (!line.export_onnx_path.empty()) {
    std::string bytes;
    if (!run->ExportOnnx(bytes, error)) {
      std::fprintf(stderr, "netlab: %s\n", error.c_str());
      return 1;
    }
    if (!WriteFile(line.export_onnx_path, bytes)) return Refuse("cannot write " + line.export_onnx_path);
  }
  if (!line.predict_path.empty()) {
    Matrix inputs, outputs;
    if (!ReadPredictRows(line.predict_path, inputs)) return 2;
    if (!run->Predict(inputs, outputs, error)) return Refuse(line.predict_path + ": " + error);
    for (Eigen::Index r = 0; r < outputs.rows(); ++r)
      for (Eigen::Index c = 0; c < outputs.cols(); ++c)
        std::printf("%.9g%c", outputs(r, c), c + 1 < outputs.cols() ? ',' : '\n');  // 9 digits: the exact float
  }
  return status;
}

}  // namespace netlab
