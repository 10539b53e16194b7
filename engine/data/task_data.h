#pragma once
// The labelled data a non-playground task trains on, however it arrived: a built-in set, Fashion-MNIST
// (the subset in the page, the full set natively) or the user's files.
#include <string>

#include "data/labeled.h"
#include "data/data_shape.h"

namespace netlab {

struct TaskData {
  std::string name;  // as the UI shows it, e.g. "digits 8x8"
  LabeledData train, test;
  int inputs() const { return int(train.features.cols()); }
  bool images() const { return train.image_width > 0 && train.image_height > 0; }
  // Images as 1 x height x width (grey), table rows as 1 x 1 x columns.
  DataShape shape() const {
    if (images()) return {1, train.image_height, train.image_width, train.classes};
    return {1, 1, inputs(), train.classes};
  }
};

}  // namespace netlab

#include <cstdint>
#include <vector>

#include "data/from_files.h"

namespace netlab {

// Whether data of `kind` is loaded (the built-in digits and iris, Fashion-MNIST, the user's files) rather
// than drawn by the run itself (the 2-D generators, the sine waves, the grid world).
inline bool IsLoadedData(const std::string& kind) {
  return kind == "digits" || kind == "iris" || kind == "fashion" || kind == "file";
}

// The data set's own random stream, apart from the weights' (as the playground's Trainer does it), so
// that editing the architecture does not change the split a student is looking at.
inline uint64_t DataSeed(uint64_t seed) { return seed * 0x9E3779B97F4A7C15ull + 1; }

// digits or iris from `data_dir` (web/data), split 80/20 with the config's data seed.
bool LoadBuiltInTaskData(const std::string& kind, const std::string& data_dir, uint64_t seed, TaskData& out,
                         std::string& error);
// Fashion-MNIST's or the user's files (data/from_files.h) as a task's data; `notice` says what was cut.
bool LoadTaskDataFiles(const std::string& name, const std::vector<DataFile>& files, const DataFileLimits& limits,
                       uint64_t seed, TaskData& out, std::string& error, std::string* notice = nullptr);

}  // namespace netlab
