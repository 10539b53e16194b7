#pragma once
// A task's data read natively: digits and iris from the shipped files, Fashion-MNIST in full (60,000
// training and 10,000 test images) from Debian's dataset-fashion-mnist, the user's files from `paths`
// (gzipped or not). The page gets the same sets through its own fetches (a Fashion-MNIST subset).
#include <string>
#include <vector>

#include "config/config.h"
#include "data/task_data.h"

namespace netlab {

constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist/";

// The config's data: the built-in sets, Fashion-MNIST (Debian's files, or the four IDX files in `paths`),
// or the user's files in `paths` (dataset=file). False with a message when the files are missing or
// malformed. Tasks without a data set (gan, sequence) get an empty one.
bool LoadNativeTaskData(const Config& config, const std::vector<std::string>& paths, TaskData& out,
                        std::string& error, std::string* notice = nullptr);

// The four Fashion-MNIST files' paths (train and t10k images and labels).
std::vector<std::string> FashionMnistPaths();

}  // namespace netlab
