#pragma once
// The check entry a plain share link starts with (docs/config.md, "Share links"):
//
//   check=<length>.<crc32>&version=1&dataset=xor&seed=9
//
// <length> is the byte count (decimal) and <crc32> the CRC-32 (8 lower-case hex digits) of the
// percent-decoded text after "check=...&", as a z2 link's header carries them. A link cut anywhere,
// "seed=42" -> "seed=4" included, no longer matches its check; being first, the entry cannot be cut off
// alone. Plain links without one (written by hand, or before it existed) open as they always did.
#include <string>

namespace netlab {

// "check=<length>.<crc32>&" + text.
std::string WithLinkCheck(const std::string& text);
// When `text` starts with "check=", verifies the entry and removes it; false with a message for the
// user in `error` when the rest does not match. Text without the entry is left as it is.
bool VerifyLinkCheck(std::string& text, std::string& error);

}  // namespace netlab
