#include "data/task_data.h"

#include "data/built_in.h"

namespace netlab {

bool LoadBuiltInTaskData(const std::string& kind, const std::string& data_dir, uint64_t seed, TaskData& out,
                         std::string& error) {
  Rng rng(DataSeed(seed));
  BuiltInData data;
  if (!LoadBuiltInData(kind, data_dir, rng, data, error)) return false;
  out.name = data.name;
  out.train = std::move(data.train);
  out.test = std::move(data.test);
  return true;
}

bool LoadTaskDataFiles(const std::string& name, const std::vector<DataFile>& files, const DataFileLimits& limits,
                       uint64_t seed, TaskData& out, std::string& error, std::string* notice) {
  Rng rng(DataSeed(seed));
  LoadedDataFiles loaded;
  if (!LoadDataFiles(files, limits, rng, loaded, error)) return false;
  out.name = name.empty() ? loaded.name : name;
  out.train = std::move(loaded.train);
  out.test = std::move(loaded.test);
  if (notice) *notice = loaded.notice;
  return true;
}

}  // namespace netlab
