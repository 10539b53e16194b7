#include "data/png_file.h"

#include <algorithm>

namespace netlab {
namespace {

void PutBigEndian(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += char((v >> shift) & 0xFF);
}

// A chunk: length, type, data, then the CRC of type and data (PNG section 5.3).
void PutChunk(std::string& out, const char* type, const std::string& data) {
  PutBigEndian(out, uint32_t(data.size()));
  const std::string typed = std::string(type, 4) + data;
  out += typed;
  PutBigEndian(out, Crc32(reinterpret_cast<const uint8_t*>(typed.data()), typed.size()));
}

}  // namespace


std::string EncodePng(int width, int height, const std::vector<uint8_t>& rgba, DeflateRawFunction deflate_raw) {
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384 ||
      rgba.size() != size_t(width) * size_t(height) * 4)
    return "";
  // Scanlines with filter type 0 (None) in front of each row (PNG section 9).
  std::string raw;
  const size_t row_bytes = size_t(width) * 4;
  raw.reserve((row_bytes + 1) * size_t(height));
  for (int y = 0; y < height; ++y) {
    raw += char(0);
    raw.append(reinterpret_cast<const char*>(rgba.data()) + size_t(y) * row_bytes, row_bytes);
  }
  // zlib header 0x78 0x01 (deflate, 32 KiB window, check bits making it a multiple of 31), stored blocks
  // of at most 65535 bytes (header bit BFINAL, BTYPE 00, then LEN and its one's complement NLEN), Adler-32.
  std::string zlib = {char(0x78), char(0x01)};
  if (deflate_raw) zlib += deflate_raw(raw);  // RFC 1950: the header and Adler-32 are the same around any DEFLATE data
  for (size_t at = 0; !deflate_raw && at < raw.size(); at += 65535) {
    const size_t length = std::min<size_t>(65535, raw.size() - at);
    zlib += char(at + length >= raw.size() ? 1 : 0);
    zlib += char(length & 0xFF);
    zlib += char(length >> 8);
    zlib += char(~length & 0xFF);
    zlib += char((~length >> 8) & 0xFF);
    zlib.append(raw, at, length);
  }
  PutBigEndian(zlib, Adler32(reinterpret_cast<const uint8_t*>(raw.data()), raw.size()));
  std::string header;
  PutBigEndian(header, uint32_t(width));
  PutBigEndian(header, uint32_t(height));
  header += {char(8), char(6), char(0), char(0), char(0)};  // 8 bits, RGBA, deflate, adaptive filters, no interlace
  std::string png = "\x89PNG\r\n\x1a\n";
  PutChunk(png, "IHDR", header);
  PutChunk(png, "IDAT", zlib);
  PutChunk(png, "IEND", "");
  return png;
}

}  // namespace netlab
