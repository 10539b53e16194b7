// libFuzzer target for the picked-files reader (IDX image and label files, CSV, mixtures): the input is
// cut into up to four files at each "\n==\n", named train/t10k by position, and loaded as the Models
// window loads what a user picks. Checks the sample and feature limits hold on whatever loads.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "data/from_files.h"
#include "data/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const char* names[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                         "t10k-labels-idx1-ubyte"};
  std::vector<netlab::DataFile> files;
  size_t start = 0;
  while (files.size() < 4) {
    const size_t end = input.find("\n==\n", start);
    const std::string part = input.substr(start, end == std::string::npos ? std::string::npos : end - start);
    files.push_back({names[files.size()], std::vector<uint8_t>(part.begin(), part.end())});
    if (end == std::string::npos) break;
    start = end + 4;
  }
  std::string error;
  for (const netlab::DataFile& file : files) {
    netlab::IdxImages images;
    std::vector<uint8_t> labels;
    netlab::ParseIdxImages(file.bytes, images, error);
    netlab::ParseIdxLabels(file.bytes, labels, error);
  }
  netlab::DataFileLimits limits;
  limits.max_train = 30;
  limits.max_test = 10;
  limits.max_features = 64;
  limits.max_classes = 20;
  netlab::Rng rng(2);
  netlab::LoadedDataFiles loaded;
  if (netlab::LoadDataFiles(files, limits, rng, loaded, error)) {
    if (loaded.train.labels.size() > 30 || loaded.test.labels.size() > 10 || loaded.train.features.cols() > 64)
      std::abort();
  }
  return 0;
}
