#include "data/labeled.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/csv.h"
#include "core/shuffle.h"

namespace netlab {
namespace {

// Fills `data` from a table whose last column holds integer class labels.
bool TableToLabeled(const CsvTable& table, LabeledData& data, std::string& error) {
  const size_t columns = table.rows[0].size();
  if (columns < 2) {
    error = "need at least one feature column and a label column";
    return false;
  }
  data = LabeledData{};
  data.features.resize(Eigen::Index(table.rows.size()), Eigen::Index(columns - 1));
  data.labels.resize(table.rows.size());
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (size_t c = 0; c + 1 < columns; ++c) data.features(Eigen::Index(r), Eigen::Index(c)) = float(table.rows[r][c]);
    const double label = table.rows[r][columns - 1];
    if (label < 0 || label != std::floor(label) || label > 1e6) {
      // Data rows are counted from 1 so the message matches what a student sees in an editor (no header).
      error = "data row " + std::to_string(r + 1) + ": class label must be a whole number >= 0, found " +
              std::to_string(label);
      return false;
    }
    data.labels[r] = int(label);
    data.classes = std::max(data.classes, int(label) + 1);
  }
  return true;
}

}  // namespace

bool ParseDigitsCsv(const std::string& text, LabeledData& data, std::string& error) {
  CsvTable table;
  if (!ParseCsv(text, CsvOptions{}, table, error)) {
    error = "digits: " + error;
    return false;
  }
  if (table.rows[0].size() != 65) {
    error = "digits: expected 65 columns (64 pixels and a label), found " + std::to_string(table.rows[0].size());
    return false;
  }
  if (!TableToLabeled(table, data, error)) return false;
  if (data.features.minCoeff() < 0 || data.features.maxCoeff() > 16 || data.classes > 10) {
    error = "digits: pixels must lie in 0..16 and labels in 0..9";
    return false;
  }
  data.features /= 16.0f;
  data.classes = 10;
  data.image_width = data.image_height = 8;
  for (int c = 0; c < 10; ++c) data.class_names.push_back(std::to_string(c));
  return true;
}

bool ParseIrisCsv(const std::string& text, LabeledData& data, std::string& error) {
  const size_t newline = text.find('\n');
  if (newline == std::string::npos) {
    error = "iris: missing header line";
    return false;
  }
  std::vector<std::string> header = SplitCsvLine(text.substr(0, newline), ',');
  if (header.size() < 3) {
    error = "iris: header must be 'samples,features,class names...'";
    return false;
  }
  CsvTable table;
  if (!ParseCsv(text.substr(newline + 1), CsvOptions{}, table, error)) {
    error = "iris (counting lines after the header): " + error;
    return false;
  }
  if (!TableToLabeled(table, data, error)) return false;
  double samples = 0, features = 0;
  if (!ParseNumber(header[0], samples) || !ParseNumber(header[1], features) || samples != double(table.rows.size()) ||
      features != double(data.features.cols())) {
    error = "iris: header says " + header[0] + " samples of " + header[1] + " features, file has " +
            std::to_string(table.rows.size()) + " of " + std::to_string(data.features.cols());
    return false;
  }
  data.class_names.assign(header.begin() + 2, header.end());
  if (data.classes > int(data.class_names.size())) {
    error = "iris: a label exceeds the number of class names";
    return false;
  }
  data.classes = int(data.class_names.size());
  // Measurements are in centimetres (0.1..7.9); scale columns to [0, 1] so one learning rate fits all.
  for (Eigen::Index c = 0; c < data.features.cols(); ++c) {
    const float low = data.features.col(c).minCoeff(), high = data.features.col(c).maxCoeff();
    data.features.col(c) = (data.features.col(c).array() - low) / std::max(high - low, 1e-6f);
  }
  return true;
}

bool ParseLabeledCsv(const std::string& text, const CsvOptions& options, LabeledData& data, std::string& error,
                     size_t* rows_left_out) {
  CsvTable table;
  if (!ParseCsv(text, options, table, error)) return false;
  if (rows_left_out) *rows_left_out = table.rows_left_out;
  return TableToLabeled(table, data, error);
}

Matrix OneHot(const std::vector<int>& labels, int classes) {
  Matrix targets = Matrix::Zero(Eigen::Index(labels.size()), classes);
  for (size_t i = 0; i < labels.size(); ++i) targets(Eigen::Index(i), labels[i]) = 1.0f;
  return targets;
}

LabeledData SelectRows(const LabeledData& data, const std::vector<int>& rows) {
  LabeledData out;
  out.classes = data.classes;
  out.image_width = data.image_width;
  out.image_height = data.image_height;
  out.class_names = data.class_names;
  out.features.resize(Eigen::Index(rows.size()), data.features.cols());
  out.labels.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    out.features.row(Eigen::Index(i)) = data.features.row(rows[i]);
    out.labels[i] = data.labels[size_t(rows[i])];
  }
  return out;
}

void SplitTrainTest(const LabeledData& all, float test_fraction, Rng& rng, LabeledData& train, LabeledData& test) {
  std::vector<int> order(all.labels.size());
  std::iota(order.begin(), order.end(), 0);
  // Fisher-Yates with our own Rng: std::shuffle's sequence differs between standard libraries.
  Shuffle(order, rng);
  const size_t test_count = size_t(std::lround(test_fraction * float(order.size())));
  test = SelectRows(all, std::vector<int>(order.begin(), order.begin() + long(test_count)));
  train = SelectRows(all, std::vector<int>(order.begin() + long(test_count), order.end()));
}

}  // namespace netlab
