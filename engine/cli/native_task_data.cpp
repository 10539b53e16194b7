#include "cli/native_task_data.h"

#include "cli/gzip_file.h"

namespace netlab {

std::vector<std::string> FashionMnistPaths() {
  std::vector<std::string> paths;
  for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                           "t10k-labels-idx1-ubyte.gz"})
    paths.push_back(std::string(kFashionMnistDir) + name);
  return paths;
}

bool LoadNativeTaskData(const Config& config, const std::vector<std::string>& paths, TaskData& out,
                        std::string& error, std::string* notice) {
  const std::string& kind = config.data.kind;
  if (kind == "digits" || kind == "iris") return LoadBuiltInTaskData(kind, NETLAB_DATA_DIR, config.seed, out, error);
  if (kind != "fashion" && kind != "file") {
    out = TaskData();
    return true;
  }
  // Fashion-MNIST: Debian's files, or the four IDX files given with --data (the page's subset, say).
  const std::vector<std::string> files_to_read = kind == "fashion" && paths.empty() ? FashionMnistPaths() : paths;
  if (files_to_read.empty()) {
    error = "this config trains on your file '" + config.data.file + "': give it with --data FILE";
    return false;
  }
  std::vector<DataFile> files(files_to_read.size());
  for (size_t i = 0; i < files.size(); ++i) {
    files[i].name = files_to_read[i].substr(files_to_read[i].find_last_of('/') + 1);
    if (!ReadMaybeGzippedFile(files_to_read[i], kMaxDataFileBytes, files[i].bytes, error)) return false;
  }
  DataFileLimits limits;
  limits.max_train = 60000;  // all of Fashion-MNIST natively
  limits.max_test = 10000;
  return LoadTaskDataFiles(kind == "fashion" ? "Fashion-MNIST" : "", files, limits, config.seed, out, error, notice);
}

}  // namespace netlab
