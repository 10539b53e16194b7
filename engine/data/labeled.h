#pragma once
// Labelled classification data (one sample per row, a class index per sample) and the readers for the
// data sets the notes use: scikit-learn's 8x8 digits and Fisher's iris, plus user CSV with the class in
// the last column. All take text so they run the same natively and in the browser.
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/csv.h"
#include "core/tensor.h"

namespace netlab {

struct LabeledData {
  Matrix features;          // samples x features, scaled to roughly [0, 1]
  std::vector<int> labels;  // class index per row, in [0, classes)
  int classes = 0;
  int image_width = 0, image_height = 0;  // > 0 when each row is an image (row-major pixels)
  std::vector<std::string> class_names;
};

// scikit-learn digits.csv: 1797 rows of 64 pixel values in 0..16 and a label 0..9, no header.
// Pixels are divided by 16 so they lie in [0, 1].
bool ParseDigitsCsv(const std::string& text, LabeledData& data, std::string& error);

// scikit-learn iris.csv: header "150,4,setosa,versicolor,virginica", then 4 measurements and a label.
bool ParseIrisCsv(const std::string& text, LabeledData& data, std::string& error);

// User CSV: numeric features, last column an integer class label >= 0; optional header row.
// `options.max_rows` / `max_columns` bound the parse (csv.h); `rows_left_out` counts the rows not read.
bool ParseLabeledCsv(const std::string& text, const CsvOptions& options, LabeledData& data, std::string& error,
                     size_t* rows_left_out = nullptr);

// Rows of `labels` as one-hot targets (samples x classes).
Matrix OneHot(const std::vector<int>& labels, int classes);

// Shuffles with `rng` and puts `test_fraction` of the samples into `test`, the rest into `train`.
void SplitTrainTest(const LabeledData& all, float test_fraction, Rng& rng, LabeledData& train, LabeledData& test);

// The rows listed in `rows`, in that order.
LabeledData SelectRows(const LabeledData& data, const std::vector<int>& rows);

}  // namespace netlab
