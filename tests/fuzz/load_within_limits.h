#pragma once
// What the data-file fuzz targets assert after any input: LoadDataFiles either refuses it or keeps
// within the limits it was given (a larger result would mean a limit was not applied).
#include <cstdlib>
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/from_files.h"

inline void LoadWithinLimits(const std::vector<netlab::DataFile>& files, int max_train, int max_test, int max_features,
                             int max_classes, uint64_t seed) {
  netlab::DataFileLimits limits;
  limits.max_train = max_train;
  limits.max_test = max_test;
  limits.max_features = max_features;
  limits.max_classes = max_classes;
  netlab::Rng rng(seed);
  netlab::LoadedDataFiles loaded;
  std::string error;
  if (netlab::LoadDataFiles(files, limits, rng, loaded, error) &&
      (loaded.train.labels.size() > size_t(max_train) || loaded.test.labels.size() > size_t(max_test) ||
       loaded.train.features.cols() > max_features))
    std::abort();
}
