#pragma once
// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for sealing an exercise's locks and goal in its link:
// a student who edits them in the link text no longer matches the teacher's seal (grading/exercise.h).
#include <array>
#include <cstdint>
#include <string>

namespace netlab {

std::array<uint8_t, 32> Sha256(const std::string& bytes);
// HMAC(K, m) = H((K' ^ opad) || H((K' ^ ipad) || m)), K' the key padded (or first hashed) to 64 bytes.
std::array<uint8_t, 32> HmacSha256(const std::string& key, const std::string& message);
// Lower-case hexadecimal, two digits a byte.
std::string Hex(const std::array<uint8_t, 32>& digest);

}  // namespace netlab
