// libFuzzer target for share links (plain, z1. and z2., whole URLs), config text and weights files.
// Besides "never crash, never hang, never allocate without bound" (ASan + libFuzzer's -rss_limit_mb /
// -timeout), it checks a property: whatever parses re-encodes to a link that parses back to the same
// config. The data readers and the DEFLATE streams have their own targets beside it.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "links/compression.h"
#include "links/share_link.h"
#include "links/weights_file.h"
#include "links/config_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  netlab::Config config;
  std::string error;
  if (netlab::DecodeShareLink(input, config, error)) {
    netlab::Config back;
    if (!netlab::DecodeShareLink(netlab::EncodeShareLink(config), back, error)) std::abort();
    if (netlab::ConfigToText(back) != netlab::ConfigToText(config)) std::abort();
  }
  std::string unpacked;
  netlab::LzDecompress(input, 1 << 16, unpacked, error);
  if (netlab::LooksLikeWeights(input)) {
    netlab::LoadedWeights weights;
    netlab::ParseWeights(input, weights, error);
  }
  return 0;
}
