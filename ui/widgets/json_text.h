#pragma once
// The bits of JSON the UI writes for window.netlab.status(): numbers (NaN and infinities as null, which
// JSON lacks) and strings.
#include <string>

namespace netlab {

std::string JsonNumber(double v);
std::string JsonString(const std::string& s);

}  // namespace netlab
