// libFuzzer target for the CSV readers: the generic numeric parser with its parse-time limits, the
// shipped-data readers (digits, iris) and the Models window's CSV path (header guess, label checks,
// scaling, split). Checks that the limits hold: never more rows or fields than allowed.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "data/csv.h"
#include "data/from_files.h"
#include "data/labeled.h"
#include "load_within_limits.h"

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
  LoadWithinLimits({{"fuzz.csv", std::vector<uint8_t>(data, data + size)}}, 40, 10, 16, 10, 1);
  return 0;
}
