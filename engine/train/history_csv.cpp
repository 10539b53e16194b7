#include "train/history_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

namespace netlab {
namespace {

// %.9g keeps every float digit and enough of a double's for plotting; non-finite values stay empty.
void AppendNumber(std::string& out, double value) {
  out += ',';
  if (!std::isfinite(value)) return;
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  out += text;
}

}  // namespace

std::string HistoryCsv(const std::vector<MetricsPoint>& history) {
  size_t layers = 0;
  for (const MetricsPoint& m : history) layers = std::max(layers, m.layer_gradient_norms.size());
  std::string out =
      "step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,validation_loss,learning_rate,gradient_norm";
  for (size_t l = 0; l < layers; ++l) out += ",gradient_norm_layer_" + std::to_string(l + 1);
  out += '\n';
  for (const MetricsPoint& m : history) {
    out += std::to_string(m.step);
    for (double v : {m.epoch, m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy, m.validation_loss,
                     m.learning_rate, m.gradient_norm})
      AppendNumber(out, v);
    for (size_t l = 0; l < layers; ++l)
      AppendNumber(out, l < m.layer_gradient_norms.size() ? double(m.layer_gradient_norms[l]) : NAN);
    out += '\n';
  }
  return out;
}

namespace {

// "a=1 b=x y" -> {{"a","1"},{"b","x y"}}: a value runs to the next " key=" (an error's text has spaces).
std::vector<std::pair<std::string, std::string>> ReportFields(const std::string& line) {
  std::vector<std::pair<std::string, std::string>> fields;
  size_t at = 0;
  while (at < line.size()) {
    const size_t equals = line.find('=', at);
    if (equals == std::string::npos) break;
    size_t end = equals + 1;
    // The value ends before the next space that starts a "key=" word (a key has no space in it).
    while (true) {
      const size_t space = line.find(' ', end);
      if (space == std::string::npos) {
        end = line.size();
        break;
      }
      const size_t next_equals = line.find('=', space + 1);
      const size_t next_space = line.find(' ', space + 1);
      if (next_equals != std::string::npos && (next_space == std::string::npos || next_equals < next_space)) {
        end = space;
        break;
      }
      end = space + 1;
    }
    fields.emplace_back(line.substr(at, equals - at), line.substr(equals + 1, end - equals - 1));
    at = end + 1;
  }
  return fields;
}

std::string CsvCell(const std::string& value) {
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string ReportLinesCsv(const std::vector<std::string>& lines) {
  std::vector<std::string> keys;
  std::vector<std::vector<std::pair<std::string, std::string>>> rows;
  for (const std::string& line : lines) {
    rows.push_back(ReportFields(line));
    for (const auto& field : rows.back())
      if (std::find(keys.begin(), keys.end(), field.first) == keys.end()) keys.push_back(field.first);
  }
  std::string csv;
  for (size_t k = 0; k < keys.size(); ++k) csv += (k ? "," : "") + CsvCell(keys[k]);
  csv += "\n";
  for (const auto& row : rows) {
    for (size_t k = 0; k < keys.size(); ++k) {
      if (k) csv += ",";
      for (const auto& field : row)
        if (field.first == keys[k]) {
          csv += CsvCell(field.second);
          break;
        }
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace netlab
