// libFuzzer target for the CSV readers: the generic numeric parser with its parse-time limits, the
// shipped-data readers (digits, iris) and the Models window's CSV path (header guess, label checks,
// scaling, split). Checks that the limits hold: never more rows or fields than allowed.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "data/csv.h"
#include "data/from_files.h"
#include "data/labeled.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  netlab::CsvOptions options;
  options.has_header = size > 0 && (data[0] & 1);
  options.max_rows = 50;
  options.max_columns = 20;
  netlab::CsvTable table;
  if (netlab::ParseCsv(text, options, table, error)) {
    if (table.rows.size() > options.max_rows) std::abort();
    for (const auto& row : table.rows)
      if (row.size() > options.max_columns) std::abort();
  }
  netlab::LabeledData labeled;
  netlab::ParseDigitsCsv(text, labeled, error);
  netlab::ParseIrisCsv(text, labeled, error);
  netlab::DataFileLimits limits;
  limits.max_train = 40;
  limits.max_test = 10;
  limits.max_features = 16;
  limits.max_classes = 10;
  netlab::Rng rng(1);
  netlab::LoadedDataFiles loaded;
  if (netlab::LoadDataFiles({{"fuzz.csv", std::vector<uint8_t>(data, data + size)}}, limits, rng, loaded, error)) {
    if (loaded.train.labels.size() > 40 || loaded.test.labels.size() > 10 || loaded.train.features.cols() > 16) std::abort();
  }
  return 0;
}
