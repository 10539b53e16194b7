#include "data/from_files.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "data/idx.h"

namespace netlab {
namespace {

bool IsIdx(const DataFile& file) {
  return file.bytes.size() >= 4 && file.bytes[0] == 0 && file.bytes[1] == 0 && file.bytes[2] == 0x08 &&
         (file.bytes[3] == 1 || file.bytes[3] == 3);
}

bool IsGzip(const DataFile& file) { return file.bytes.size() >= 2 && file.bytes[0] == 0x1f && file.bytes[1] == 0x8b; }

bool NamedTest(const std::string& name) {
  return name.find("t10k") != std::string::npos || name.find("test") != std::string::npos;
}

// Keeps the first `limit` rows; says so in `notice`.
void Truncate(LabeledData& data, int limit, const char* what, std::string& notice) {
  const int rows = int(data.labels.size());
  if (rows <= limit) return;
  std::vector<int> first(static_cast<size_t>(limit));
  for (int i = 0; i < limit; ++i) first[size_t(i)] = i;
  data = SelectRows(data, first);
  notice += std::string(notice.empty() ? "" : "; ") + "kept the first " + std::to_string(limit) + " of " +
            std::to_string(rows) + " " + what + " samples";
}

struct IdxSet {
  std::string images_name, labels_name;
  LabeledData data;
};

bool LoadIdx(const std::vector<DataFile>& files, const DataFileLimits& limits, Rng& rng, LoadedDataFiles& out,
             std::string& error) {
  std::vector<std::pair<const DataFile*, IdxImages>> images;
  std::vector<std::pair<const DataFile*, std::vector<uint8_t>>> labels;
  for (const DataFile& file : files) {
    if (!IsIdx(file)) {
      error = file.name + ": not an IDX file (a CSV cannot be mixed with IDX files)";
      return false;
    }
    if (file.bytes[3] == 3) {
      images.emplace_back(&file, IdxImages{});
      if (!ParseIdxImages(file.bytes, images.back().second, error)) return error = file.name + ": " + error, false;
      const IdxImages& parsed = images.back().second;
      if (parsed.rows * parsed.columns > limits.max_features) {
        error = file.name + ": " + std::to_string(parsed.rows) + "x" + std::to_string(parsed.columns) +
                " images exceed the limit of " + std::to_string(limits.max_features) + " pixels";
        return false;
      }
    } else {
      labels.emplace_back(&file, std::vector<uint8_t>{});
      if (!ParseIdxLabels(file.bytes, labels.back().second, error)) return error = file.name + ": " + error, false;
    }
  }
  if (images.empty() || images.size() != labels.size() || images.size() > 2) {
    error = "IDX: pick an image file and its label file (or two such pairs, train and test); got " +
            std::to_string(images.size()) + " image and " + std::to_string(labels.size()) + " label files";
    return false;
  }
  std::vector<IdxSet> sets;
  std::vector<bool> used(labels.size(), false);
  for (const auto& [image_file, parsed] : images) {
    size_t match = labels.size();
    for (size_t l = 0; l < labels.size(); ++l)
      if (!used[l] && int(labels[l].second.size()) == parsed.count) match = l;
    if (match == labels.size()) {
      error = image_file->name + ": no label file with " + std::to_string(parsed.count) + " labels";
      return false;
    }
    used[match] = true;
    IdxSet set{image_file->name, labels[match].first->name, {}};
    int classes = 2;
    for (uint8_t label : labels[match].second) classes = std::max(classes, int(label) + 1);
    // Converting only what is kept spares a page 188 MB of floats for the full 60,000 images.
    const int keep = images.size() == 2 ? std::max(limits.max_train, limits.max_test) : limits.max_train + limits.max_test;
    if (!MakeIdxDataset(parsed, labels[match].second, classes, keep, set.data, error))
      return error = image_file->name + ": " + error, false;
    if (parsed.count > keep)
      out.notice += std::string(out.notice.empty() ? "" : "; ") + "read the first " + std::to_string(keep) + " of " +
                    std::to_string(parsed.count) + " images of " + image_file->name;
    sets.push_back(std::move(set));
  }
  if (sets.size() == 2) {
    if (sets[0].data.features.cols() != sets[1].data.features.cols()) {
      error = "IDX: the two image files have different image sizes";
      return false;
    }
    // The test set is the one its name calls so, else the smaller one (MNIST's t10k has 10,000 of 70,000).
    const bool first_is_test = NamedTest(sets[0].images_name) ||
                               (!NamedTest(sets[1].images_name) && sets[0].data.labels.size() < sets[1].data.labels.size());
    IdxSet& train = sets[first_is_test ? 1 : 0];
    IdxSet& test = sets[first_is_test ? 0 : 1];
    const int classes = std::max(train.data.classes, test.data.classes);
    out.name = train.images_name + " + " + test.images_name;
    out.train = std::move(train.data);
    out.test = std::move(test.data);
    out.train.classes = out.test.classes = classes;
  } else {
    out.name = sets[0].images_name;
    SplitTrainTest(sets[0].data, 0.2f, rng, out.train, out.test);
  }
  return true;
}

bool LoadCsv(const DataFile& file, const DataFileLimits& limits, Rng& rng, LoadedDataFiles& out, std::string& error) {
  const std::string text(file.bytes.begin(), file.bytes.end());
  // A header is a first line whose first field is not a number.
  size_t start = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\r' || text[start] == '\n')) ++start;
  const char first = start < text.size() ? text[start] : '0';
  const bool has_header = !(std::isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '+' || first == '.');
  // The limits apply while parsing: rows beyond what the split keeps are counted, not parsed, and a line
  // with too many fields stops the parse (features plus the label column).
  CsvOptions options;
  options.has_header = has_header;
  options.max_rows = size_t(limits.max_train) + size_t(limits.max_test);
  options.max_columns = size_t(limits.max_features) + 1;
  LabeledData all;
  size_t rows_left_out = 0;
  if (!ParseLabeledCsv(text, options, all, error, &rows_left_out)) return error = file.name + ": " + error, false;
  if (rows_left_out > 0)
    out.notice = "read the first " + std::to_string(all.labels.size()) + " of " +
                 std::to_string(all.labels.size() + rows_left_out) + " rows of " + file.name;
  if (all.classes > limits.max_classes) {
    error = file.name + ": a class label of " + std::to_string(all.classes - 1) + " means more than " +
            std::to_string(limits.max_classes) + " classes; labels must count from 0";
    return false;
  }
  if (all.labels.size() < 5) {
    error = file.name + ": " + std::to_string(all.labels.size()) + " data rows are too few to train and test on";
    return false;
  }
  all.classes = std::max(all.classes, 2);
  if (ScaleFeaturesToUnitRange(all))
    out.notice += std::string(out.notice.empty() ? "" : "; ") + "features scaled to [0, 1] per column";
  const int side = int(std::lround(std::sqrt(double(all.features.cols()))));
  if (side >= 4 && side * side == int(all.features.cols())) all.image_width = all.image_height = side;
  out.name = file.name;
  SplitTrainTest(all, 0.2f, rng, out.train, out.test);
  return true;
}

}  // namespace

bool ScaleFeaturesToUnitRange(LabeledData& data) {
  bool scaled = false;
  for (Eigen::Index c = 0; c < data.features.cols(); ++c) {
    const float low = data.features.col(c).minCoeff(), high = data.features.col(c).maxCoeff();
    if (low >= 0.0f && high <= 1.0f) continue;
    scaled = true;
    data.features.col(c) = (data.features.col(c).array() - low) / std::max(high - low, 1e-12f);
  }
  return scaled;
}

bool LoadDataFiles(const std::vector<DataFile>& files, const DataFileLimits& limits, Rng& rng, LoadedDataFiles& out,
                   std::string& error) {
  out = LoadedDataFiles{};
  if (limits.max_train < 1 || limits.max_test < 1) {
    error = "the data limits must keep at least one training and one test sample";
    return false;
  }
  if (files.empty()) {
    error = "no file was chosen";
    return false;
  }
  for (const DataFile& file : files) {
    if (file.bytes.size() > kMaxDataFileBytes) {
      error = file.name + ": over the limit of " + std::to_string(kMaxDataFileBytes >> 20) + " MB for a data file";
      return false;
    }
    if (IsGzip(file)) {
      error = file.name + ": still gzipped (unpack it first)";
      return false;
    }
  }
  bool ok = false;
  if (std::any_of(files.begin(), files.end(), IsIdx)) {
    ok = LoadIdx(files, limits, rng, out, error);
  } else if (files.size() == 1) {
    ok = LoadCsv(files[0], limits, rng, out, error);
  } else {
    error = "pick one CSV file, or IDX image and label files";
  }
  if (!ok) return false;
  Truncate(out.train, limits.max_train, "training", out.notice);
  Truncate(out.test, limits.max_test, "test", out.notice);
  return true;
}

}  // namespace netlab
