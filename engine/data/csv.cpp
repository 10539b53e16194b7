#include "data/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace netlab {

std::vector<std::string> SplitCsvLine(const std::string& line, char separator) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t end = line.find(separator, start);
    std::string field = line.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const size_t first = field.find_first_not_of(" \t");
    const size_t last = field.find_last_not_of(" \t");
    fields.push_back(first == std::string::npos ? std::string() : field.substr(first, last - first + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return fields;
}

bool ParseNumber(const std::string& field, double& value) {
  if (field.empty()) return false;
  char* end = nullptr;
  value = std::strtod(field.c_str(), &end);
  return end == field.c_str() + field.size() && std::isfinite(value);
}

bool ParseCsv(const std::string& text, const CsvOptions& options, CsvTable& table, std::string& error) {
  table = CsvTable{};
  size_t columns = 0;
  // A UTF-8 byte-order mark (spreadsheet exports) is not part of the first field.
  size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  int line_number = 0;
  bool header_pending = options.has_header;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (options.max_rows > 0 && table.rows.size() >= options.max_rows && !header_pending) {
      ++table.rows_left_out;
      continue;
    }
    // Counted before splitting: a line of a million commas must not become a million strings.
    const size_t field_count = size_t(std::count(line.begin(), line.end(), options.separator)) + 1;
    if (options.max_columns > 0 && field_count > options.max_columns) {
      error = "line " + std::to_string(line_number) + ": " + std::to_string(field_count) +
              " fields exceed the limit of " + std::to_string(options.max_columns);
      return false;
    }
    std::vector<std::string> fields = SplitCsvLine(line, options.separator);
    if (header_pending) {
      table.header = fields;
      columns = fields.size();
      header_pending = false;
      continue;
    }
    if (columns == 0) columns = fields.size();
    if (fields.size() != columns) {
      error = "line " + std::to_string(line_number) + ": expected " + std::to_string(columns) +
              " fields, found " + std::to_string(fields.size());
      return false;
    }
    std::vector<double> row(fields.size());
    for (size_t c = 0; c < fields.size(); ++c) {
      if (!ParseNumber(fields[c], row[c])) {
        error = "line " + std::to_string(line_number) + ", column " + std::to_string(c + 1) +
                ": not a finite number: '" + fields[c] + "'";
        return false;
      }
    }
    table.rows.push_back(std::move(row));
  }
  if (table.rows.empty()) {
    error = "no data rows";
    return false;
  }
  return true;
}

}  // namespace netlab
