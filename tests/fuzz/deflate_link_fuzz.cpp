// libFuzzer target for the compressed link forms: raw DEFLATE streams (z2.) and whole z1./z2.
// fragments, and gzip files (Gunzip). Besides never crashing, hanging or allocating without bound, it checks two properties:
// whatever inflates re-deflates and inflates back to the same bytes, and whatever a link decodes to
// stays within the 64 KB config limit.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "links/compressed_link.h"
#include "config/config.h"
#include "links/deflate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string inflated, error;
  if (netlab::InflateRaw(input, 1 << 16, inflated, error)) {
    if (inflated.size() > (1 << 16)) std::abort();
    std::string back;
    if (!netlab::InflateRaw(netlab::DeflateRaw(inflated), inflated.size(), back, error) || back != inflated) std::abort();
  }
  // The same bytes as a gzip file (the command line's .gz data files): never past its bound.
  std::string unzipped;
  if (netlab::Gunzip(input, 1 << 16, unzipped, error) && unzipped.size() > (1 << 16)) std::abort();
  std::string text;
  if (netlab::DecompressLinkText(input, netlab::kMaxConfigTextBytes, text, error) && text.size() > netlab::kMaxConfigTextBytes)
    std::abort();
  // The input as a config text: its z2 link must give it back exactly.
  if (size <= netlab::kMaxConfigTextBytes) {
    std::string back;
    if (!netlab::DecompressLinkText(netlab::CompressLinkText(input), netlab::kMaxConfigTextBytes, back, error) ||
        back != input)
      std::abort();
  }
  return 0;
}
