#pragma once
// A built-in data set (web/data: the digits, iris) as a task's TaskData, read as the command line reads it.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "data/task_data.h"
#include "support/data_files.h"

namespace netlab {

// `kind` split into training and test rows by `seed` (a config's seed gives the split its run trains on).
inline TaskData BuiltInTaskData(const std::string& kind, uint64_t seed) {
  TaskData data;
  std::string error;
  const bool loaded = LoadBuiltInTaskData(kind, SourcePath("web/data"), seed, data, error);
  INFO(kind << ": " << error);
  REQUIRE(loaded);
  return data;
}

}  // namespace netlab
