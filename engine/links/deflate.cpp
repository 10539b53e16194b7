#include "links/deflate.h"

#include <array>
#include <vector>

namespace netlab {
namespace {

// RFC 1951 section 3.2.5: base values and extra bits of the 29 length and 30 distance codes.
constexpr uint16_t kLengthBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistanceBase[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                        193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t kDistanceExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
constexpr int kMaxBits = 15;
constexpr size_t kWindow = 32768, kMinMatch = 3, kMaxMatch = 258;

// Bits are packed starting at each byte's least significant bit (section 3.1.1).
struct BitReader {
  const std::string& data;
  size_t position = 0;
  uint32_t buffer = 0;
  int count = 0;
  bool overrun = false;  // a read wanted bits past the end; every reader checks it

  uint32_t Bits(int need) {
    while (count < need) {
      if (position >= data.size()) {
        overrun = true;
        return 0;
      }
      buffer |= uint32_t(uint8_t(data[position++])) << count;
      count += 8;
    }
    const uint32_t value = buffer & ((1u << need) - 1);
    buffer >>= need;
    count -= need;
    return value;
  }
};

// A canonical Huffman code (section 3.2.2) as counts per length and the symbols in code order, decoded
// one bit at a time: slow, short and easy to check, like zlib's reference decoder puff.c.
struct Huffman {
  std::array<uint16_t, kMaxBits + 1> count{};
  std::vector<uint16_t> symbol;
};

// Returns 0 for a complete code, > 0 for an incomplete one, < 0 for an over-subscribed one (invalid).
int BuildHuffman(Huffman& code, const uint8_t* lengths, int n) {
  code.count.fill(0);
  code.symbol.assign(size_t(n), 0);
  for (int s = 0; s < n; ++s) ++code.count[lengths[s]];
  if (code.count[0] == n) return 0;  // no codes: only valid if never used, which Decode then reports
  int left = 1;
  for (int length = 1; length <= kMaxBits; ++length) {
    left = left * 2 - code.count[length];
    if (left < 0) return left;
  }
  std::array<uint16_t, kMaxBits + 2> offset{};
  for (int length = 1; length < kMaxBits; ++length) offset[length + 1] = uint16_t(offset[length] + code.count[length]);
  for (int s = 0; s < n; ++s)
    if (lengths[s] != 0) code.symbol[offset[lengths[s]]++] = uint16_t(s);
  return left;
}

// The next symbol, or -1 for a code not in the table or a cut-off stream.
int Decode(BitReader& in, const Huffman& code) {
  int bits = 0, first = 0, index = 0;
  for (int length = 1; length <= kMaxBits; ++length) {
    bits |= int(in.Bits(1));
    if (in.overrun) return -1;
    const int count = code.count[length];
    if (bits - count < first) return code.symbol[size_t(index + (bits - first))];
    index += count;
    first = (first + count) << 1;
    bits <<= 1;
  }
  return -1;
}

struct Inflater {
  BitReader in;
  size_t max_output;
  std::string out;
  std::string error;

  bool Fail(const std::string& why) {
    error = why;
    return false;
  }
  bool Cut() { return Fail("the compressed data is cut off"); }
  bool TooBig() { return Fail("it expands to more than " + std::to_string(max_output) + " bytes"); }

  bool Stored() {
    in.buffer = 0, in.count = 0;  // to the byte boundary
    if (in.position + 4 > in.data.size()) return Cut();
    const auto byte = [&](size_t i) { return unsigned(uint8_t(in.data[in.position + i])); };
    const unsigned length = byte(0) | byte(1) << 8, complement = byte(2) | byte(3) << 8;
    in.position += 4;
    if (length != (~complement & 0xffff)) return Fail("a stored block's length check is wrong");
    if (in.position + length > in.data.size()) return Cut();
    if (out.size() + length > max_output) return TooBig();
    out.append(in.data, in.position, length);
    in.position += length;
    return true;
  }

  bool Codes(const Huffman& literals, const Huffman& distances) {
    while (true) {
      const int symbol = Decode(in, literals);
      if (symbol < 0) return in.overrun ? Cut() : Fail("a literal/length code is not in the table");
      if (symbol < 256) {
        if (out.size() >= max_output) return TooBig();
        out += char(symbol);
        continue;
      }
      if (symbol == 256) return true;  // end of block
      if (symbol - 257 >= 29) return Fail("a length code is out of range");
      const size_t length = kLengthBase[symbol - 257] + in.Bits(kLengthExtra[symbol - 257]);
      const int distance_symbol = Decode(in, distances);
      if (distance_symbol < 0) return in.overrun ? Cut() : Fail("a distance code is not in the table");
      if (distance_symbol >= 30) return Fail("a distance code is out of range");
      const size_t distance = kDistanceBase[distance_symbol] + in.Bits(kDistanceExtra[distance_symbol]);
      if (in.overrun) return Cut();
      if (distance > out.size()) return Fail("a distance reaches before the start");
      if (out.size() + length > max_output) return TooBig();
      // Byte by byte: a copy may overlap its own output (distance < length repeats a pattern).
      for (size_t k = 0; k < length; ++k) out += out[out.size() - distance];
    }
  }

  bool Fixed() {
    static const std::array<Huffman, 2> codes = [] {
      std::array<uint8_t, 288> lengths{};
      for (int s = 0; s < 288; ++s) lengths[size_t(s)] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
      std::array<Huffman, 2> built;
      BuildHuffman(built[0], lengths.data(), 288);
      std::array<uint8_t, 30> distance_lengths;
      distance_lengths.fill(5);
      BuildHuffman(built[1], distance_lengths.data(), 30);
      return built;
    }();
    return Codes(codes[0], codes[1]);
  }

  bool Dynamic() {
    const int literal_count = int(in.Bits(5)) + 257, distance_count = int(in.Bits(5)) + 1, length_count = int(in.Bits(4)) + 4;
    if (in.overrun) return Cut();
    if (literal_count > 286 || distance_count > 30) return Fail("a dynamic block has too many codes");
    static const uint8_t kOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    std::array<uint8_t, 320> lengths{};
    for (int i = 0; i < length_count; ++i) lengths[kOrder[i]] = uint8_t(in.Bits(3));
    if (in.overrun) return Cut();
    Huffman length_code;
    if (BuildHuffman(length_code, lengths.data(), 19) != 0) return Fail("a dynamic block's code-length code is incomplete");
    lengths.fill(0);
    for (int index = 0; index < literal_count + distance_count;) {
      const int symbol = Decode(in, length_code);
      if (symbol < 0) return in.overrun ? Cut() : Fail("a code length is not in the table");
      if (symbol < 16) {
        lengths[size_t(index++)] = uint8_t(symbol);
        continue;
      }
      uint8_t repeated = 0;
      int times;
      if (symbol == 16) {
        if (index == 0) return Fail("a code-length repeat has nothing to repeat");
        repeated = lengths[size_t(index - 1)];
        times = 3 + int(in.Bits(2));
      } else if (symbol == 17) {
        times = 3 + int(in.Bits(3));
      } else {
        times = 11 + int(in.Bits(7));
      }
      if (in.overrun) return Cut();
      if (index + times > literal_count + distance_count) return Fail("code-length repeats run past the end");
      while (times-- > 0) lengths[size_t(index++)] = repeated;
    }
    if (lengths[256] == 0) return Fail("a dynamic block has no end-of-block code");
    // Incomplete codes are allowed only as a single code of one bit, as zlib allows (puff.c's rule).
    Huffman literals, distances;
    const int literal_fit = BuildHuffman(literals, lengths.data(), literal_count);
    if (literal_fit < 0 || (literal_fit > 0 && literal_count != literals.count[0] + literals.count[1]))
      return Fail("a dynamic block's literal/length code is invalid");
    const int distance_fit = BuildHuffman(distances, lengths.data() + literal_count, distance_count);
    if (distance_fit < 0 || (distance_fit > 0 && distance_count != distances.count[0] + distances.count[1]))
      return Fail("a dynamic block's distance code is invalid");
    return Codes(literals, distances);
  }
};

struct BitWriter {
  std::string out;
  uint32_t buffer = 0;
  int count = 0;

  void Put(uint32_t value, int bits) {
    buffer |= value << count;
    count += bits;
    while (count >= 8) {
      out += char(buffer & 0xff);
      buffer >>= 8;
      count -= 8;
    }
  }
  // Huffman codes are packed starting with their most significant bit (section 3.1.1).
  void PutCode(uint32_t code, int bits) {
    uint32_t reversed = 0;
    for (int i = 0; i < bits; ++i) reversed |= ((code >> i) & 1u) << (bits - 1 - i);
    Put(reversed, bits);
  }
  void Flush() {
    if (count > 0) out += char(buffer & 0xff);
    buffer = 0, count = 0;
  }
};

// The fixed literal/length code of section 3.2.6.
void PutFixedSymbol(BitWriter& out, int symbol) {
  if (symbol < 144) out.PutCode(uint32_t(0x30 + symbol), 8);
  else if (symbol < 256) out.PutCode(uint32_t(0x190 + symbol - 144), 9);
  else if (symbol < 280) out.PutCode(uint32_t(symbol - 256), 7);
  else out.PutCode(uint32_t(0xc0 + symbol - 280), 8);
}

void PutMatch(BitWriter& out, size_t length, size_t distance) {
  int code = 28;
  while (kLengthBase[code] > length) --code;
  PutFixedSymbol(out, 257 + code);
  out.Put(uint32_t(length - kLengthBase[code]), kLengthExtra[code]);
  code = 29;
  while (kDistanceBase[code] > distance) --code;
  out.PutCode(uint32_t(code), 5);
  out.Put(uint32_t(distance - kDistanceBase[code]), kDistanceExtra[code]);
}

}  // namespace

// Greedy LZ77 (Ziv & Lempel 1977) with hash chains over the next three bytes, then one final block
// with the fixed codes: header bits BFINAL = 1, BTYPE = 01.
std::string DeflateRaw(const std::string& input) {
  BitWriter out;
  out.Put(1, 1);
  out.Put(1, 2);
  constexpr size_t kHashSize = 1 << 12, kChainLimit = 64;
  std::vector<int64_t> head(kHashSize, -1), previous(input.size(), -1);
  auto hash = [&](size_t i) {
    return ((uint8_t(input[i]) * 2654435761u) ^ (uint8_t(input[i + 1]) << 7) ^ uint8_t(input[i + 2]) * 40503u) &
           (kHashSize - 1);
  };
  auto insert = [&](size_t i) {
    if (i + kMinMatch > input.size()) return;
    const size_t h = hash(i);
    previous[i] = head[h];
    head[h] = int64_t(i);
  };
  size_t i = 0;
  while (i < input.size()) {
    size_t best_length = 0, best_distance = 0;
    if (i + kMinMatch <= input.size()) {
      size_t steps = 0;
      for (int64_t candidate = head[hash(i)]; candidate >= 0 && i - size_t(candidate) <= kWindow && steps < kChainLimit;
           candidate = previous[size_t(candidate)], ++steps) {
        size_t length = 0;
        while (i + length < input.size() && length < kMaxMatch && input[size_t(candidate) + length] == input[i + length])
          ++length;
        if (length > best_length) best_length = length, best_distance = i - size_t(candidate);
      }
    }
    if (best_length >= kMinMatch) {
      PutMatch(out, best_length, best_distance);
      for (size_t k = 0; k < best_length; ++k) insert(i + k);
      i += best_length;
    } else {
      PutFixedSymbol(out, uint8_t(input[i]));
      insert(i);
      ++i;
    }
  }
  PutFixedSymbol(out, 256);
  out.Flush();
  return out.out;
}

namespace {

// The DEFLATE stream at the start of `input`; `used` is how many bytes of it the stream took.
bool InflateFront(const std::string& input, size_t max_output, std::string& output, std::string& error,
                  size_t& used) {
  Inflater inflater{BitReader{input}, max_output, {}, {}};
  bool last = false;
  while (!last) {
    last = inflater.in.Bits(1) == 1;
    const uint32_t type = inflater.in.Bits(2);
    if (inflater.in.overrun) return error = "the compressed data is cut off", false;
    const bool ok = type == 0   ? inflater.Stored()
                    : type == 1 ? inflater.Fixed()
                    : type == 2 ? inflater.Dynamic()
                                : inflater.Fail("a block has the reserved type 3");
    if (!ok) return error = inflater.error, false;
  }
  used = inflater.in.position;
  output = std::move(inflater.out);
  return true;
}

uint32_t Little32(const std::string& bytes, size_t at) {
  return uint32_t(uint8_t(bytes[at])) | uint32_t(uint8_t(bytes[at + 1])) << 8 |
         uint32_t(uint8_t(bytes[at + 2])) << 16 | uint32_t(uint8_t(bytes[at + 3])) << 24;
}

}  // namespace

bool InflateRaw(const std::string& input, size_t max_output, std::string& output, std::string& error) {
  size_t used = 0;
  if (!InflateFront(input, max_output, output, error, used)) return false;
  if (used != input.size()) return error = "bytes follow the end of the compressed data", false;
  return true;
}

bool LooksGzipped(const std::string& bytes) {
  return bytes.size() >= 2 && uint8_t(bytes[0]) == 0x1f && uint8_t(bytes[1]) == 0x8b;
}

bool Gunzip(const std::string& input, size_t max_output, std::string& output, std::string& error) {
  output.clear();
  if (input.empty()) return error = "an empty file is no gzip file", false;
  size_t at = 0;
  // One member after another (RFC 1952 section 2.2: a gzip file is a series of members).
  while (at < input.size()) {
    const std::string member = input.substr(at);
    // Section 2.3: ID1 ID2 CM FLG MTIME(4) XFL OS, then the optional fields FLG names.
    if (member.size() < 18 || !LooksGzipped(member)) return error = "not a gzip file (or bytes after its end)", false;
    if (uint8_t(member[2]) != 8) return error = "a gzip member compressed with a method other than DEFLATE", false;
    const uint8_t flags = uint8_t(member[3]);
    if (flags & 0xe0) return error = "a gzip header with reserved flags set", false;
    size_t p = 10;
    if (flags & 0x04) {  // FEXTRA: a 2-byte length and that many bytes
      if (p + 2 > member.size()) return error = "the gzip header is cut off", false;
      p += 2 + (size_t(uint8_t(member[p])) | size_t(uint8_t(member[p + 1])) << 8);
    }
    for (const uint8_t text_flag : {uint8_t(0x08), uint8_t(0x10)}) {  // FNAME, FCOMMENT: zero-terminated
      if (!(flags & text_flag)) continue;
      const size_t end = member.find('\0', p);
      if (end == std::string::npos) return error = "the gzip header is cut off", false;
      p = end + 1;
    }
    if (flags & 0x02) p += 2;  // FHCRC
    if (p >= member.size()) return error = "the gzip header is cut off", false;
    std::string part;
    size_t used = 0;
    if (!InflateFront(member.substr(p), max_output - output.size(), part, error, used)) return false;
    p += used;
    if (p + 8 > member.size()) return error = "the gzip file is cut off before its checksum", false;
    if (Little32(member, p) != Crc32(part)) return error = "the gzip file's checksum does not match: it is damaged", false;
    if (Little32(member, p + 4) != uint32_t(part.size())) return error = "the gzip file's length does not match", false;
    output += part;
    at += p + 8;
  }
  return true;
}

}  // namespace netlab
