#pragma once
// A small LZ77 byte compressor for share links (so the native binary decodes the same links as the web
// page) and base64url to make its bytes URL-safe. The decoder is the part that faces hostile input:
// every length and offset is checked and the output is capped, so a "compression bomb" fails cleanly.
#include <cstddef>
#include <string>

namespace netlab {

// Token stream: a byte t < 0x80 is followed by t+1 literal bytes; a byte t >= 0x80 is a copy of
// (t - 0x80) + 3 bytes from `offset` bytes back, the offset following as two little-endian bytes.
std::string LzCompress(const std::string& input);
// False with `error` set on a truncated stream, an offset before the start, or output over `max_output`.
bool LzDecompress(const std::string& input, size_t max_output, std::string& output, std::string& error);

// RFC 4648 section 5 alphabet (A-Z a-z 0-9 - _), no padding.
std::string Base64UrlEncode(const std::string& bytes);
bool Base64UrlDecode(const std::string& text, std::string& bytes);

}  // namespace netlab
