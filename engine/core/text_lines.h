#pragma once
// A text cut at every `separator`: "a\nb\n" -> {"a", "b"}, "a,,b" -> {"a", "", "b"}, "" -> {}. The link,
// submission, pin and report readers all walk their text this way.
#include <string>
#include <vector>

namespace netlab {

inline std::vector<std::string> SplitText(const std::string& text, char separator = '\n') {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    pieces.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pieces;
}

}  // namespace netlab
