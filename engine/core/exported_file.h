#pragma once
// One file of a folder an export writes (the PyTorch export's train.py, data.csv, ...): the command
// line writes each into the folder it is given, the page packs them into one .zip (export/zip_file.h).
#include <string>

namespace netlab {

struct ExportedFile {
  std::string name;   // a plain file name, no folders
  std::string bytes;
};

}  // namespace netlab
