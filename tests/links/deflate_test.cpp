// Raw DEFLATE (RFC 1951) for share links: published vectors, exact round trips, refusals of cut-off,
// corrupt and bomb streams; natively also both directions against zlib, the reference implementation.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/file_bytes.h"
#include "links/deflate.h"
#include "core/rng.h"

#ifdef NETLAB_HAVE_ZLIB
#include <zlib.h>
#endif

using namespace netlab;

namespace {

std::string Hex(const char* hex) {
  std::string bytes;
  for (size_t i = 0; hex[i] && hex[i + 1]; i += 2) bytes += char(std::stoi(std::string(hex + i, 2), nullptr, 16));
  return bytes;
}

std::vector<std::string> SampleTexts() {
  Rng rng(17);
  std::vector<std::string> texts = {"", "a", "hello", std::string(70000, 'z')};
  std::string config = "version=1&dataset=spiral&layers=";
  for (int i = 0; i < 12; ++i) config += "16:relu:bn,";
  texts.push_back(config + "8:tanh&seed=42");
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes += char(b);
  texts.push_back(all_bytes + all_bytes);
  for (int trial = 0; trial < 40; ++trial) {
    std::string text;
    const int size = int(rng.Uniform() * 5000);
    const int symbols = 1 + int(rng.Uniform() * (trial % 2 ? 4 : 256));  // long repeats or literals
    for (int i = 0; i < size; ++i) text += char(int(rng.Uniform() * symbols));
    texts.push_back(text);
  }
  return texts;
}

}  // namespace

TEST_CASE("CRC-32 gives the catalogue's check value", "[share]") {
  // The CRC RevEng catalogue's "check" for CRC-32/ISO-HDLC (the CRC of "123456789").
  CHECK(Crc32("123456789") == 0xcbf43926u);
  CHECK(Crc32("") == 0u);
}

TEST_CASE("inflate reads zlib's stream of \"hello\", a stored block and a fixed block", "[share]") {
  std::string out, error;
  // zlib.compress(b"hello") is 78 9c | cb 48 cd c9 c9 07 00 | 06 2c 02 15: the raw DEFLATE part.
  REQUIRE(InflateRaw(Hex("cb48cdc9c90700"), 100, out, error));
  CHECK(out == "hello");
  // A final stored block (RFC 1951 section 3.2.4): header byte 01, LEN 5, NLEN ~5, then the bytes.
  REQUIRE(InflateRaw(Hex("010500faff") + "hello", 100, out, error));
  CHECK(out == "hello");
  CHECK_FALSE(InflateRaw(Hex("010500fbff") + "hello", 100, out, error));  // NLEN is not ~LEN
  CHECK_FALSE(InflateRaw(Hex("07"), 100, out, error));                     // block type 3 is reserved
  CHECK(error.find("reserved") != std::string::npos);
  CHECK_FALSE(InflateRaw(Hex("cb48cdc9c9070000"), 100, out, error));  // a byte after the end
  // A fixed block that starts with a copy (length 3, distance 1) has nothing to copy from.
  CHECK_FALSE(InflateRaw(Hex("0302"), 100, out, error));
  CHECK(error.find("before the start") != std::string::npos);
}

TEST_CASE("deflate then inflate gives back every byte, and packs repeats", "[share]") {
  for (const std::string& text : SampleTexts()) {
    const std::string packed = DeflateRaw(text);
    std::string out, error;
    REQUIRE(InflateRaw(packed, text.size(), out, error));
    REQUIRE(out == text);
  }
  // 70,000 equal bytes: one literal then copies of 258 bytes at 8 + 5 + 5 bits... under 14 bits each.
  CHECK(DeflateRaw(std::string(70000, 'z')).size() < 70000 / 258 * 14 / 8 + 16);
}

TEST_CASE("every cut of a stream is refused, and the output cap stops a bomb", "[share]") {
  const std::string text = SampleTexts()[4];
  const std::string packed = DeflateRaw(text);
  for (size_t cut = 0; cut < packed.size(); ++cut) {
    std::string out, error;
    INFO(cut);
    CHECK_FALSE(InflateRaw(packed.substr(0, cut), 1 << 16, out, error));
    CHECK(error.find("cut off") != std::string::npos);
  }
  // 1 MB of one byte packs to about 7 KB; with the 64 KB cap of config text it stops there.
  const std::string bomb = DeflateRaw(std::string(1 << 20, 'a'));
  CHECK(bomb.size() < 8000);
  std::string out, error;
  CHECK_FALSE(InflateRaw(bomb, 1 << 16, out, error));
  CHECK(error.find("more than 65536") != std::string::npos);
  // Flipped bytes either fail or inflate to something within the cap; never a crash (ASan in scripts/fuzz).
  for (size_t i = 0; i < packed.size(); ++i) {
    std::string corrupt = packed;
    corrupt[i] = char(corrupt[i] ^ 0x5a);
    if (InflateRaw(corrupt, 1 << 16, out, error)) CHECK(out.size() <= size_t(1 << 16));
  }
}

#ifdef NETLAB_HAVE_ZLIB
namespace {

std::string ZlibDeflateRaw(const std::string& text, int level, int strategy) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, level, Z_DEFLATED, -15, 9, strategy) == Z_OK);
  std::string out(deflateBound(&stream, uLong(text.size())) + 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = uInt(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(&out[0]);
  stream.avail_out = uInt(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

bool ZlibInflateRaw(const std::string& packed, std::string& text) {
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) return false;
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = uInt(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(&out[0]);
  stream.avail_out = uInt(out.size());
  const int status = inflate(&stream, Z_FINISH);
  const bool whole = status == Z_STREAM_END && stream.avail_in == 0;
  out.resize(stream.total_out);
  inflateEnd(&stream);
  text = out;
  return whole;
}

}  // namespace

TEST_CASE("zlib reads what DeflateRaw writes, and InflateRaw reads what zlib writes at every level", "[share]") {
  for (const std::string& text : SampleTexts()) {
    std::string back;
    REQUIRE(ZlibInflateRaw(DeflateRaw(text), back));
    REQUIRE(back == text);
    CHECK(Crc32(text) == uint32_t(crc32(0, reinterpret_cast<const Bytef*>(text.data()), uInt(text.size()))));
    // Stored (level 0), fixed and dynamic Huffman blocks, Huffman-only and run-length matching.
    for (int level : {0, 1, 6, 9})
      for (int strategy : {Z_DEFAULT_STRATEGY, Z_FIXED, Z_HUFFMAN_ONLY, Z_RLE}) {
        INFO("level " << level << " strategy " << strategy << " size " << text.size());
        std::string out, error;
        REQUIRE(InflateRaw(ZlibDeflateRaw(text, level, strategy), text.size(), out, error));
        REQUIRE(out == text);
      }
  }
}

// gzip's own files (gzopen/gzwrite: a header with no name) and a header with FNAME, FEXTRA and FCOMMENT
// written by hand from RFC 1952 section 2.3, two members in one file, and damaged or cut files.
TEST_CASE("Gunzip reads zlib's gzip files and refuses damaged ones", "[share]") {
  const std::string path = "/tmp/netlab-gunzip-" + std::to_string(uintptr_t(&path) & 0xffffff) + ".gz";
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "row " + std::to_string(i * 7919 % 1000) + ",0.5\n";
  gzFile out = gzopen(path.c_str(), "wb6");
  REQUIRE(out);
  REQUIRE(gzwrite(out, text.data(), unsigned(text.size())) == int(text.size()));
  gzclose(out);
  std::string packed, error, back;
  REQUIRE(ReadFileBytes(path, packed, error));
  std::remove(path.c_str());
  REQUIRE(LooksGzipped(packed));
  REQUIRE(Gunzip(packed, text.size(), back, error));
  CHECK(back == text);
  // Two members: their texts one after the other.
  REQUIRE(Gunzip(packed + packed, 2 * text.size(), back, error));
  CHECK(back == text + text);
  // FLG = FEXTRA | FNAME | FCOMMENT (0x04 | 0x08 | 0x10), then the raw DEFLATE data, CRC-32, ISIZE.
  const std::string deflated = ZlibDeflateRaw("hello", 6, Z_DEFAULT_STRATEGY);
  std::string header("\x1f\x8b\x08\x1c\0\0\0\0\0\x03", 10);
  header += std::string("\x02\0xy", 4) + std::string("name.csv\0", 9) + std::string("comment\0", 8);
  const uint32_t crc = Crc32(std::string("hello")), size = 5;
  std::string trailer;
  for (uint32_t v : {crc, size})
    for (int b = 0; b < 4; ++b) trailer += char((v >> (8 * b)) & 0xff);
  REQUIRE(Gunzip(header + deflated + trailer, 100, back, error));
  CHECK(back == "hello");
  // A flipped bit in the checksum, a cut at every length, bytes after the end, and the size cap.
  std::string damaged = header + deflated + trailer;
  damaged[damaged.size() - 6] ^= 1;
  CHECK_FALSE(Gunzip(damaged, 100, back, error));
  CHECK(error.find("checksum") != std::string::npos);
  for (size_t cut = 0; cut < packed.size(); cut += 97) CHECK_FALSE(Gunzip(packed.substr(0, cut), text.size(), back, error));
  CHECK_FALSE(Gunzip(packed + "x", text.size(), back, error));
  CHECK_FALSE(Gunzip(packed, text.size() - 1, back, error));
  CHECK(error.find("more than") != std::string::npos);
}
#endif
