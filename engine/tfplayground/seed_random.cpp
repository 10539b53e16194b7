#include "tfplayground/seed_random.h"

#include <vector>

namespace netlab {
namespace tfplayground {
namespace {

// UTF-8 to UTF-16 code units, as JavaScript's charCodeAt sees the string; a malformed byte counts as
// itself (a browser would have percent-encoded it anyway).
std::vector<uint32_t> CodeUnits(const std::string& text) {
  std::vector<uint32_t> units;
  for (size_t i = 0; i < text.size();) {
    const uint8_t c = uint8_t(text[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    uint32_t point = extra == 3 ? c & 7u : extra == 2 ? c & 15u : extra == 1 ? c & 31u : c;
    bool ok = c < 0x80 || extra > 0;
    for (int k = 1; ok && k <= extra; ++k)
      if (i + k >= text.size() || (uint8_t(text[i + k]) & 0xC0) != 0x80) ok = false;
      else point = (point << 6) | (uint8_t(text[i + k]) & 63u);
    if (!ok) {
      units.push_back(c);
      ++i;
      continue;
    }
    i += size_t(extra) + 1;
    if (point >= 0x10000) {  // a surrogate pair
      point -= 0x10000;
      units.push_back(0xD800 + (point >> 10));
      units.push_back(0xDC00 + (point & 0x3FF));
    } else {
      units.push_back(point);
    }
  }
  return units;
}

}  // namespace

SeedRandom::SeedRandom(const std::string& seed) {
  // mixkey(seed, key): `smear` starts undefined, and undefined key slots read as 0 under ^ and +.
  std::vector<uint32_t> key;
  uint32_t smear = 0;
  const std::vector<uint32_t> units = CodeUnits(seed);
  for (size_t j = 0; j < units.size(); ++j) {
    const size_t slot = j & 255;
    if (slot >= key.size()) key.resize(slot + 1, 0);
    smear ^= key[slot] * 19;
    key[slot] = (smear + units[j]) & 255;
  }
  if (key.empty()) key.push_back(0);  // ARC4([]) uses the key [0]
  // RC4 key schedule.
  for (int i = 0; i < 256; ++i) s_[i] = uint8_t(i);
  uint8_t j = 0;
  for (int i = 0; i < 256; ++i) {
    const uint8_t t = s_[i];
    j = uint8_t(j + key[size_t(i) % key.size()] + t);
    s_[i] = s_[j];
    s_[j] = t;
  }
  for (int k = 0; k < 256; ++k) Bytes(1);  // RC4-drop[256]
}

uint32_t SeedRandom::Bytes(int count) {
  uint32_t r = 0;
  while (count--) {
    i_ = uint8_t(i_ + 1);
    const uint8_t t = s_[i_];
    j_ = uint8_t(j_ + t);
    s_[i_] = s_[j_];
    s_[j_] = t;
    r = r * 256 + s_[uint8_t(s_[i_] + s_[j_])];
  }
  return r;
}

double SeedRandom::BytesAsDouble(int count) {
  double r = 0;
  while (count--) r = r * 256 + Bytes(1);
  return r;
}

double SeedRandom::Next() {
  // seedrandom's prng(): 6 bytes (48 bits), then more bytes until 52 significant bits, halving past 53.
  const double significance = 4503599627370496.0;  // 2^52
  const double overflow = 9007199254740992.0;      // 2^53
  double n = BytesAsDouble(6), d = 281474976710656.0;  // 256^6
  uint32_t x = 0;
  while (n < significance) {
    n = (n + x) * 256;
    d *= 256;
    x = Bytes(1);
  }
  while (n >= overflow) {
    n /= 2;
    d /= 2;
    x >>= 1;
  }
  return (n + x) / d;
}

}  // namespace tfplayground
}  // namespace netlab
