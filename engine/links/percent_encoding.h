#pragma once
// %-escapes for the text of a share link (RFC 3986, section 2.1): bytes outside a small safe set are
// written as %XX. Shared by the Netlab link and the course keys riding on a TF Playground link, which
// must be read without going through the link decoder (that would read them as a link again).
#include <string>

namespace netlab {

std::string PercentEncode(const std::string& text);
// False when an escape is cut off or not hexadecimal; `out` then holds what was read so far.
bool PercentDecode(const std::string& text, std::string& out);

}  // namespace netlab
