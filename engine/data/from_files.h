#pragma once
// Turns data files a user picked (or the page fetched) into train and test sets for the Models window:
//   - one CSV file: numeric features, the class label in the last column, an optional header row;
//     features are min-max scaled per column to [0, 1] (the RBM and the VAE model values in [0, 1]);
//     rows with a square number (>= 16) of features are also shown as images;
//   - IDX files (MNIST, Fashion-MNIST), already gunzipped: an image file and a label file with the same
//     count make one set; with two sets, the one named "t10k"/"test" (or else the smaller) is the test set.
// One set, CSV or IDX, is split 80/20 (shuffled with `rng`). The limits below keep a page's memory and
// each frame's work bounded; what is cut is said in `notice`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/labeled.h"
#include "core/rng.h"

namespace netlab {

// The most bytes one data file may hold, after unpacking: the full MNIST training images are 47 MB.
// The page's and the desktop's gunzip stop reading at this size, so a small .gz bomb costs no more.
constexpr size_t kMaxDataFileBytes = size_t(128) << 20;

struct DataFile {
  std::string name;
  std::vector<uint8_t> bytes;
};

struct DataFileLimits {
  int max_train = 20000, max_test = 5000;  // samples kept (the first ones)
  int max_features = 4096;                 // e.g. 64 x 64 images
  int max_classes = 1000;
};

struct LoadedDataFiles {
  std::string name;    // e.g. "iris.csv" or "train-images-idx3-ubyte + t10k-images-idx3-ubyte"
  std::string notice;  // what was cut or scaled, empty if nothing
  LabeledData train, test;
};

// Min-max scales every feature column not already within [0, 1] onto [0, 1] (the RBM and the VAE model
// values in [0, 1]); returns whether any column was scaled.
bool ScaleFeaturesToUnitRange(LabeledData& data);

// False with a message naming the file (and for CSV the line) when the files do not make a data set.
bool LoadDataFiles(const std::vector<DataFile>& files, const DataFileLimits& limits, Rng& rng, LoadedDataFiles& out,
                   std::string& error);

}  // namespace netlab
