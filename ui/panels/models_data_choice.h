#pragma once
// Which labelled data the Models window trains on: a built-in set (digits, iris), the Fashion-MNIST
// subset the platform fetches, or the user's files. A set that does not load keeps the current data
// and says why.
#include <functional>
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/from_files.h"
#include "data/task_data.h"

namespace netlab {

// How the platform gets data files to the window; the bytes come back through ModelsDataChoice::Receive.
// An action left empty hides its control.
struct ModelsDataActions {
  std::function<void()> pick_files;     // the user picks a CSV or IDX files (gzipped ones unpacked)
  std::function<void()> fetch_fashion;  // the Fashion-MNIST subset (web: fetched on demand)
};

class ModelsDataChoice {
 public:
  // Loads the default set (digits) the first time; true once some data is there.
  bool EnsureLoaded(Rng& rng);
  // Switches to the built-in set called `name` ("digits 8x8", "iris", "Fashion-MNIST subset"); false if
  // there is no such set here. Fashion-MNIST arrives through the platform's fetch, possibly frames later.
  bool Select(const std::string& name, Rng& rng);
  // Files the platform read (`name` says what for, e.g. "Fashion-MNIST"), or the reason it could not.
  void Receive(const std::string& name, const std::vector<DataFile>& files, const std::string& error, Rng& rng);
  // The config's data kind: digits, iris, fashion (fetched, possibly frames later) or file (the user's
  // files named `file`: kept when they are the ones loaded, else the user is asked to open them).
  void SelectKind(const std::string& kind, const std::string& file, Rng& rng);
  // The kind the data now is, as a config names it.
  std::string kind() const;
  // The data row: a source combo, "Open files...", the sizes and any message.
  void DrawRow(Rng& rng);
  bool loaded() const { return loaded_; }

  void SetActions(ModelsDataActions actions) { actions_ = std::move(actions); }
  const TaskData& data() const { return data_; }
  // Changes whenever the data is replaced, so the tabs know to rebuild their models.
  int generation() const { return generation_; }
  const std::string& error() const { return error_; }
  const std::string& notice() const { return notice_; }
  bool loading() const { return !loading_.empty(); }

 private:
  // The user's choice in the combo: loads `source` unless it is the current one or a load is pending.
  void Choose(int source, Rng& rng);
  // Loads `source` (a built-in set, or asks the platform for Fashion-MNIST) whatever is there now.
  void Load(int source, Rng& rng);
  void Replace(TaskData fresh);

  bool loaded_ = false;
  std::string error_, notice_;
  std::string loading_;  // what the platform is fetching, empty when nothing is pending
  int source_ = 0;       // index into the built-in sources; -1 for the user's files
  int generation_ = 0;
  ModelsDataActions actions_;
  TaskData data_;
};

}  // namespace netlab
