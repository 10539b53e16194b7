#include "links/link_check.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "core/checksums.h"

namespace netlab {
namespace {

constexpr char kCheckKey[] = "check=";

const char kEditedByHand[] =
    " Copy the whole link again; if you edited it by hand, delete the 'check=...&' entry at its start.";

// Reads the decimal digits at text[at...] up to `stop` (at most 6 digits: a link is at most 16 KB).
bool ReadDecimal(const std::string& text, size_t& at, char stop, size_t& value) {
  const size_t start = at;
  value = 0;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9' && at - start < 6)
    value = value * 10 + size_t(text[at++] - '0');
  return at > start && at < text.size() && text[at++] == stop;
}

}  // namespace

std::string WithLinkCheck(const std::string& text) {
  char entry[40];
  std::snprintf(entry, sizeof entry, "%s%zu.%08x&", kCheckKey, text.size(), unsigned(Crc32(text)));
  return entry + text;
}

bool VerifyLinkCheck(std::string& text, std::string& error) {
  const size_t key = std::strlen(kCheckKey);
  // "c" .. "check": the entry cut before its value.
  const bool cut_in_key = !text.empty() && text.size() < key && std::strncmp(kCheckKey, text.c_str(), text.size()) == 0;
  if (!cut_in_key && text.compare(0, key, kCheckKey) != 0) return true;
  size_t at = key, length = 0;
  // <length>. then exactly 8 hex digits and '&'.
  const bool shaped = !cut_in_key && ReadDecimal(text, at, '.', length) && text.size() >= at + 9 && text[at + 8] == '&' &&
                      text.find_first_not_of("0123456789abcdef", at) >= at + 8;
  if (!shaped) {
    error = std::string("The link is cut off: its check entry is incomplete.") + kEditedByHand;
    return false;
  }
  const unsigned crc = unsigned(std::strtoul(text.substr(at, 8).c_str(), nullptr, 16));
  std::string rest = text.substr(at + 9);
  if (rest.size() != length) {
    error = "The link is cut off or changed: its settings should be " + std::to_string(length) +
            " characters long and are " + std::to_string(rest.size()) + "." + kEditedByHand;
    return false;
  }
  if (unsigned(Crc32(rest)) != crc) {
    error = std::string("The link is changed: its settings do not match its checksum.") + kEditedByHand;
    return false;
  }
  text = std::move(rest);
  return true;
}

}  // namespace netlab
