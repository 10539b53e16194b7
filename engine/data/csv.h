#pragma once
// Numeric CSV parsing for user data and the shipped data sets. Platform-free: it takes the file's text,
// so the web build can hand it bytes fetched by the page and native code bytes read from disk.
#include <string>
#include <vector>

namespace netlab {

struct CsvTable {
  std::vector<std::string> header;   // column names, empty when the file has no header row
  std::vector<std::vector<double>> rows;
  size_t rows_left_out = 0;  // non-blank lines after `max_rows` that were not parsed
};

struct CsvOptions {
  bool has_header = false;  // first non-empty line holds column names
  char separator = ',';
  // Limits applied while parsing, so a huge file never becomes a huge nested vector (0: no limit).
  // More than `max_columns` fields on a line is an error; rows after `max_rows` are only counted.
  size_t max_rows = 0, max_columns = 0;
};

// Parses `text` into rows of numbers. Every row must have as many fields as the first one and every
// field must be a finite number. Returns false and sets `error` to a message naming the 1-based line
// number and the bad field otherwise. Blank lines and '\r' line ends are accepted.
bool ParseCsv(const std::string& text, const CsvOptions& options, CsvTable& table, std::string& error);

// Splits one line at `separator`, trimming spaces around each field (no quoting: numeric data only).
std::vector<std::string> SplitCsvLine(const std::string& line, char separator);

// Parses a whole field as a finite number; false for empty text, trailing junk, NaN or infinity.
bool ParseNumber(const std::string& field, double& value);

}  // namespace netlab
