#pragma once
// The random stream of TF Playground: David Bau's seedrandom 2.4.4 (ARC4 variant), which TF Playground
// installs as Math.random with Math.seedrandom(seed) and then uses for its data, shuffle and weights.
//
//   key   = the seed string mixed into <= 256 bytes (mixkey: key[j & 255] = 255 & ((smear ^= key*19) + c_j))
//   state = RC4 key schedule over that key, then the first 256 output bytes dropped (RC4-drop[256])
//   next  = 7+ RC4 bytes read as a base-256 fraction with exactly 52 significant bits, in [0, 1)
//
// Every step is integer or exact double arithmetic, so this reproduces seedrandom's numbers bit for bit.
#include <array>
#include <cstdint>
#include <string>

namespace netlab {
namespace tfplayground {

class SeedRandom {
 public:
  // `seed` is the seed text as UTF-8; seedrandom mixes its UTF-16 code units.
  explicit SeedRandom(const std::string& seed);
  double Next();  // Math.random() after Math.seedrandom(seed)

 private:
  uint32_t Bytes(int count);  // the next `count` RC4 bytes as a big-endian number (count <= 4)
  double BytesAsDouble(int count);
  std::array<uint8_t, 256> s_{};
  uint8_t i_ = 0, j_ = 0;
};

}  // namespace tfplayground
}  // namespace netlab
