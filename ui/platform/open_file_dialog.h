#pragma once
// The desktop's "Open file..." (the page opens the browser's file picker instead): a window listing a
// folder's folders and .txt / .cfg / .nlw files, with a path field. The chosen file's bytes go where the
// page's picker sends them (App::LoadFile: a config, a share link or a weights file). A file that cannot
// be read, or is larger than any config or weights file Netlab reads, gets a message; the model in use
// is kept.
#include <functional>
#include <string>
#include <vector>

namespace netlab {

class OpenFileDialog {
 public:
  // Shows the window on the folder the program started in (or the last folder used).
  void Open();
  // Draws it while it is open. `load` gets the chosen file's bytes; the window closes when it returns true.
  void Draw(const std::function<bool(const std::string& bytes)>& load);

 private:
  void List(const std::string& folder);
  void Choose(const std::string& path, const std::function<bool(const std::string& bytes)>& load);

  bool open_ = false;
  std::string folder_;
  char path_[1024] = "";
  std::vector<std::string> folders_, files_;
  std::string message_;
};

}  // namespace netlab
