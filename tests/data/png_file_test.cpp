// PNG export: the checksums match published check values, and the file's bytes are the chunks the PNG
// specification lays out, with the pixels recoverable from its stored deflate blocks.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "data/png_file.h"

#ifdef NETLAB_HAVE_ZLIB
#include <zlib.h>
#endif

using namespace netlab;

namespace {

uint32_t BigEndianAt(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | uint8_t(s[at + i]);
  return v;
}

const uint8_t* Bytes(const char* text) { return reinterpret_cast<const uint8_t*>(text); }

// The IDAT chunk's data (the zlib stream); the PNG has exactly IHDR, IDAT, IEND after the signature.
std::string IdatData(const std::string& png) {
  const size_t idat = 8 + 12 + 13;  // signature, then IHDR: length, type, 13 data bytes, CRC
  REQUIRE(png.compare(idat + 4, 4, "IDAT") == 0);
  return png.substr(idat + 8, BigEndianAt(png, idat));
}

}  // namespace

TEST_CASE("PNG checksums match their published check values", "[png]") {
  // CRC-32 check value of "123456789" (Williams, "A painless guide to CRC error detection", CRC-32 entry).
  CHECK(Crc32(Bytes("123456789"), 9) == 0xCBF43926u);
  // Every PNG ends with the IEND chunk, whose CRC (over the type alone) is AE 42 60 82 (PNG spec 11.2.5).
  CHECK(Crc32(Bytes("IEND"), 4) == 0xAE426082u);
  // Adler-32 of "Wikipedia" is 0x11E60398 (the worked example of the Adler-32 article, from RFC 1950).
  CHECK(Adler32(Bytes("Wikipedia"), 9) == 0x11E60398u);
}

TEST_CASE("A 2 x 1 PNG holds its header and its pixels in one stored block", "[png]") {
  const std::vector<uint8_t> rgba = {255, 0, 0, 255, 0, 0, 255, 128};
  const std::string png = EncodePng(2, 1, rgba);
  REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  REQUIRE(BigEndianAt(png, 8) == 13);
  REQUIRE(png.compare(12, 4, "IHDR") == 0);
  CHECK(BigEndianAt(png, 16) == 2);                   // width
  CHECK(BigEndianAt(png, 20) == 1);                   // height
  CHECK(uint8_t(png[24]) == 8);                       // bits per channel
  CHECK(uint8_t(png[25]) == 6);                       // colour type 6: RGBA
  CHECK(BigEndianAt(png, 29) == Crc32(Bytes(png.data() + 12), 17));
  const std::string z = IdatData(png);
  // zlib header 78 01, one final stored block of 9 bytes (filter byte + 8), its complement, the bytes.
  REQUIRE(z.size() == 2 + 5 + 9 + 4);
  CHECK(uint8_t(z[0]) == 0x78);
  CHECK(uint8_t(z[1]) == 0x01);
  CHECK((uint8_t(z[0]) * 256 + uint8_t(z[1])) % 31 == 0);  // RFC 1950: FCHECK makes the header a multiple of 31
  CHECK(uint8_t(z[2]) == 1);
  CHECK(uint8_t(z[3]) == 9);
  CHECK(uint8_t(z[4]) == 0);
  CHECK(uint8_t(z[5]) == 0xF6);
  CHECK(uint8_t(z[6]) == 0xFF);
  const std::string scanline = z.substr(7, 9);
  CHECK(scanline[0] == 0);  // filter type None
  CHECK(std::memcmp(scanline.data() + 1, rgba.data(), 8) == 0);
  CHECK(BigEndianAt(z, 16) == Adler32(Bytes(scanline.data()), 9));
  // The file ends with an empty IEND chunk.
  CHECK(png.substr(png.size() - 12) == std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12));
}

TEST_CASE("A PNG over 64 KiB of pixels splits into stored blocks that unpack to its scanlines", "[png]") {
  const int width = 200, height = 100;  // 100 rows of 801 bytes = 80,100 bytes: two stored blocks
  std::vector<uint8_t> rgba(size_t(width) * height * 4);
  for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = uint8_t(i * 7 % 251);
  const std::string z = IdatData(EncodePng(width, height, rgba));
  CHECK(uint8_t(z[2]) == 0);  // first block not final
  CHECK(uint8_t(z[3]) == 0xFF);
  CHECK(uint8_t(z[4]) == 0xFF);  // 65,535 bytes
  const size_t second = 2 + 5 + 65535;
  CHECK(uint8_t(z[second]) == 1);
  CHECK(uint8_t(z[second + 1]) + 256 * uint8_t(z[second + 2]) == 80100 - 65535);
#ifdef NETLAB_HAVE_ZLIB
  std::vector<uint8_t> unpacked(80100);
  uLongf size = unpacked.size();
  REQUIRE(uncompress(unpacked.data(), &size, reinterpret_cast<const Bytef*>(z.data()), z.size()) == Z_OK);
  REQUIRE(size == 80100);
  for (int y = 0; y < height; ++y) {
    CHECK(unpacked[size_t(y) * 801] == 0);
    CHECK(std::memcmp(&unpacked[size_t(y) * 801 + 1], &rgba[size_t(y) * 800], 800) == 0);
  }
#endif
}

TEST_CASE("A PNG of an impossible size is refused", "[png]") {
  CHECK(EncodePng(0, 1, {}).empty());
  CHECK(EncodePng(2, 2, std::vector<uint8_t>(15)).empty());  // 2 x 2 RGBA needs 16 bytes
}
