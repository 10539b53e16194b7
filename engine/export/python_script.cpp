#include "export/python_script.h"

#include "core/json_text.h"

namespace netlab {
namespace {

// Text as a notebook cell's "source": a JSON list of its lines, each but the last keeping its newline
// (nbformat 4's multiline string).
std::string SourceLines(const std::string& text) {
  std::string out = "[";
  size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string line = text.substr(start, end - start);
    if (end == text.size() && !line.empty() && line.back() == '\n') line.pop_back();  // no trailing newline
    out += (first ? "" : ", ") + JsonString(line);
    first = false;
    start = end;
  }
  return out + "]";
}

std::string Cell(const char* type, const std::string& text) {
  std::string cell = "{\"cell_type\": \"" + std::string(type) + "\", \"metadata\": {}, \"source\": " + SourceLines(text);
  if (std::string(type) == "code") cell += ", \"execution_count\": null, \"outputs\": []";
  return cell + "}";
}

std::string Commented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    out += line.empty() ? "#\n" : "# " + line + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string ScriptText(const std::string& preamble, const std::vector<ScriptSection>& sections) {
  std::string out = preamble;
  for (const ScriptSection& s : sections) out += "\n\n# %% " + s.title + "\n" + Commented(s.explanation) + s.code;
  return out;
}

std::string NotebookJson(const std::string& intro, const std::string& preamble, const std::vector<ScriptSection>& sections) {
  std::string cells = Cell("markdown", intro) + ",\n" + Cell("code", preamble);
  for (const ScriptSection& s : sections)
    cells += ",\n" + Cell("markdown", "## " + s.title + "\n\n" + s.explanation) + ",\n" + Cell("code", s.code);
  return "{\"nbformat\": 4, \"nbformat_minor\": 4,\n"
         " \"metadata\": {\"kernelspec\": {\"name\": \"python3\", \"display_name\": \"Python 3\", \"language\": \"python\"},\n"
         "              \"language_info\": {\"name\": \"python\"}},\n"
         " \"cells\": [\n" + cells + "\n]}\n";
}

}  // namespace netlab
