#include "links/compressed_link.h"

#include <cstdio>
#include <cstring>

#include "links/compression.h"
#include "links/deflate.h"

namespace netlab {
namespace {

bool StartsWith(const std::string& text, const char* prefix) { return text.compare(0, std::strlen(prefix), prefix) == 0; }

const char kCutOff[] = "The link is cut off or changed (";
const char kCopyAgain[] = "). Copy the whole link again.";

bool DecompressLz(const std::string& payload, size_t max_text, std::string& text, std::string& error) {
  std::string bytes, why;
  if (!Base64UrlDecode(payload, bytes)) {
    error = std::string(kCutOff) + "its compressed part is not whole base64url" + kCopyAgain;
    return false;
  }
  if (!LzDecompress(bytes, max_text, text, why)) {
    error = why.find("truncated") != std::string::npos
                ? std::string(kCutOff) + "it ends inside its compressed data" + kCopyAgain
                : "The compressed link cannot be unpacked: " + why + ".";
    return false;
  }
  return true;
}

bool DecompressDeflate(const std::string& rest, size_t max_text, std::string& text, std::string& error) {
  // <length>.<crc32>.<payload>
  const size_t first = rest.find('.'), second = first == std::string::npos ? first : rest.find('.', first + 1);
  if (second == std::string::npos) {
    error = std::string(kCutOff) + "it has no length and checksum" + kCopyAgain;
    return false;
  }
  const std::string length_text = rest.substr(0, first), crc_text = rest.substr(first + 1, second - first - 1);
  size_t length = 0;
  bool ok = !length_text.empty() && length_text.size() <= 7;
  for (char c : length_text) ok = ok && c >= '0' && c <= '9', length = length * 10 + size_t(c - '0');
  uint32_t crc = 0;
  ok = ok && crc_text.size() == 8;
  for (char c : crc_text) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    ok = ok && digit >= 0;
    crc = crc << 4 | uint32_t(digit & 15);
  }
  if (!ok) {
    error = "The compressed link's header is garbled (it should read z2.<length>.<8 hex digits>.<data>).";
    return false;
  }
  if (length > max_text) {
    error = "The compressed link's config is " + std::to_string(length) + " bytes, over the limit of " +
            std::to_string(max_text) + ".";
    return false;
  }
  std::string bytes, why, unpacked;
  if (!Base64UrlDecode(rest.substr(second + 1), bytes)) {
    error = std::string(kCutOff) + "its compressed part is not whole base64url" + kCopyAgain;
    return false;
  }
  // The declared length caps the output, so a bomb stops there (and never past max_text).
  if (!InflateRaw(bytes, length, unpacked, why)) {
    error = why.find("cut off") != std::string::npos ? std::string(kCutOff) + why + kCopyAgain
                                                     : "The compressed link cannot be unpacked: " + why + ".";
    return false;
  }
  if (unpacked.size() != length || Crc32(unpacked) != crc) {
    error = std::string(kCutOff) + "its text does not match its length and checksum" + kCopyAgain;
    return false;
  }
  text = std::move(unpacked);
  return true;
}

}  // namespace

bool IsCompressedLink(const std::string& fragment) {
  return StartsWith(fragment, kDeflateLinkPrefix) || StartsWith(fragment, kLzLinkPrefix);
}

std::string CompressLinkText(const std::string& text) {
  char crc[9];
  std::snprintf(crc, sizeof crc, "%08x", unsigned(Crc32(text)));
  return kDeflateLinkPrefix + std::to_string(text.size()) + "." + crc + "." + Base64UrlEncode(DeflateRaw(text));
}

bool DecompressLinkText(const std::string& fragment, size_t max_text, std::string& text, std::string& error) {
  if (StartsWith(fragment, kDeflateLinkPrefix))
    return DecompressDeflate(fragment.substr(std::strlen(kDeflateLinkPrefix)), max_text, text, error);
  if (StartsWith(fragment, kLzLinkPrefix))
    return DecompressLz(fragment.substr(std::strlen(kLzLinkPrefix)), max_text, text, error);
  error = "not a compressed link";
  return false;
}

}  // namespace netlab
