#include "links/compression.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace netlab {
namespace {

constexpr size_t kMinMatch = 3;
constexpr size_t kMaxMatch = 0x7f + kMinMatch;
constexpr size_t kMaxLiteralRun = 0x80;
constexpr size_t kWindow = 0xffff;

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void FlushLiterals(const std::string& input, size_t& start, size_t end, std::string& out) {
  while (start < end) {
    const size_t run = std::min(kMaxLiteralRun, end - start);
    out += char(run - 1);
    out.append(input, start, run);
    start += run;
  }
}

}  // namespace

// Greedy matching with a hash of the next three bytes -> most recent position (the LZ77 of Ziv & Lempel
// 1977 in its simplest form; configs are small, so compression speed does not matter).
std::string LzCompress(const std::string& input) {
  std::string out;
  std::vector<int64_t> last(1 << 12, -1);
  auto hash = [&](size_t i) {
    return ((uint8_t(input[i]) * 2654435761u) ^ (uint8_t(input[i + 1]) << 7) ^ uint8_t(input[i + 2]) * 40503u) &
           0xfff;
  };
  size_t literal_start = 0, i = 0;
  while (i < input.size()) {
    size_t best_length = 0, best_offset = 0;
    if (i + kMinMatch <= input.size()) {
      const uint32_t h = hash(i);
      const int64_t candidate = last[h];
      last[h] = int64_t(i);
      if (candidate >= 0 && i - size_t(candidate) <= kWindow) {
        size_t length = 0;
        while (i + length < input.size() && length < kMaxMatch && input[size_t(candidate) + length] == input[i + length])
          ++length;
        if (length >= kMinMatch) best_length = length, best_offset = i - size_t(candidate);
      }
    }
    if (best_length == 0) {
      ++i;
      continue;
    }
    FlushLiterals(input, literal_start, i, out);
    out += char(0x80 + best_length - kMinMatch);
    out += char(best_offset & 0xff);
    out += char(best_offset >> 8);
    for (size_t k = 1; k < best_length && i + k + kMinMatch <= input.size(); ++k) last[hash(i + k)] = int64_t(i + k);
    i += best_length;
    literal_start = i;
  }
  FlushLiterals(input, literal_start, input.size(), out);
  return out;
}

bool LzDecompress(const std::string& input, size_t max_output, std::string& output, std::string& error) {
  std::string out;
  size_t i = 0;
  while (i < input.size()) {
    const uint8_t token = uint8_t(input[i++]);
    if (token < 0x80) {
      const size_t run = size_t(token) + 1;
      if (i + run > input.size()) return error = "the compressed data is truncated", false;
      if (out.size() + run > max_output)
        return error = "it expands to more than " + std::to_string(max_output) + " bytes", false;
      out.append(input, i, run);
      i += run;
    } else {
      if (i + 2 > input.size()) return error = "the compressed data is truncated", false;
      const size_t length = size_t(token - 0x80) + kMinMatch;
      const size_t offset = uint8_t(input[i]) | (size_t(uint8_t(input[i + 1])) << 8);
      i += 2;
      if (offset == 0 || offset > out.size()) return error = "the compressed data is corrupted", false;
      if (out.size() + length > max_output)
        return error = "it expands to more than " + std::to_string(max_output) + " bytes", false;
      // Byte by byte: a copy may overlap its own output (offset < length repeats a pattern).
      for (size_t k = 0; k < length; ++k) out += out[out.size() - offset];
    }
  }
  output = std::move(out);
  return true;
}

std::string Base64UrlEncode(const std::string& bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

bool Base64UrlDecode(const std::string& text, std::string& bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '-') value = 62;
    else if (c == '_') value = 63;
    else return false;
    buffer = (buffer << 6) | uint32_t(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((buffer >> bits) & 0xff);
    }
  }
  // A length of 1 mod 4 cannot come from whole bytes; leftover bits must be the zero padding.
  if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0) return false;
  bytes = std::move(out);
  return true;
}

}  // namespace netlab
