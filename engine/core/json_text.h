#pragma once
// The bits of JSON that the page's status, the GPU plan and the step results are written with: numbers
// with nine significant digits (all a float needs to round-trip, so two runs compare exactly; NaN and
// infinities as null, which JSON lacks) and strings.
#include <string>

namespace netlab {

std::string JsonNumber(double v);
std::string JsonString(const std::string& s);

}  // namespace netlab
