#pragma once
// The command line of `netlab` and `netlab-headless` (README, "The command line"): every flag, read and
// checked in one place, and the commands that need no window (headless training, links, exports,
// predictions). The desktop app opens its window only when the command line asks for nothing else.
#include <string>
#include <vector>

#include "config/config.h"
#include "data/from_files.h"
#include "links/weights_file.h"

namespace netlab {

struct CommandLine {
  bool headless = false, print_link = false;
  bool print_docs = false;  // docs/config.md's settings and tasks tables, from their rows
  long steps = 1000, report_every = 100, frames = -1, epochs = -1;
  bool steps_given = false, report_every_given = false;
  std::string config_path, screenshot_path, weights_path, save_weights_path, open_window;
  std::string export_onnx_path, predict_path, history_csv_path, dataset_csv_path, export_pytorch_dir;
  std::vector<std::string> data_paths;
  // Grading (grading/exercise.h): --verify LINK or --grade CSV, with --key FILE, --exercise LINK, --html FILE;
  // --seal LINK [--key FILE] prints the exercise link sealed.
  std::string verify_link, grade_path, key_path, exercise_link, html_path, seal_link;
  // What the arguments name, read by RunWithoutWindow.
  Config config;
  LoadedWeights weights;
};

// Reads argv into `line`; false with the exit status in `status` (2) when an argument is refused (the
// message printed on stderr), or when --help was asked for (the usage printed).
bool ParseCommandLine(int argc, char** argv, CommandLine& line, int& status);
// Runs what needs no window. Returns the exit status, or -1 when the command line asks for the window
// (then line.config and line.weights hold what it names).
int RunWithoutWindow(CommandLine& line);
// Both in one, as each binary's main begins: true when that was all there was to do, with the exit
// status in `status`; false when the window is asked for.
bool HandledWithoutWindow(int argc, char** argv, CommandLine& line, int& status);
// Makes the folder `path` unless it is one already; false when it cannot.
bool MakeFolder(const std::string& path);
// Writes `bytes` to `path`; false when it cannot.
bool WriteFile(const std::string& path, const std::string& bytes);
// A data file (CSV or IDX, gzipped or not) as the data choice reads it; false with `error` set.
bool ReadDataFile(const std::string& path, DataFile& file, std::string& error);

}  // namespace netlab
