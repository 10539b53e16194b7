// libFuzzer target for the TF Playground link reader on its own (tfplayground/link.h) and for Netlab's
// reading of such a link with its course keys (config/tf_playground_link.h). Besides never crashing,
// hanging or allocating without bound, it checks two properties: a link that parses writes a fragment
// that parses back to the same settings, and whatever opens as a Config re-encodes to a link that
// opens as the same Config. Its inputs are prefixed with the TF Playground address half of the time,
// so the reader is reached whatever the bytes look like.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "links/share_link.h"
#include "links/tf_playground_link.h"
#include "tfplayground/link.h"
#include "links/config_text.h"

namespace {

bool SameSettings(const netlab::tfplayground::Settings& a, const netlab::tfplayground::Settings& b) {
  return netlab::tfplayground::TfPlaygroundFragment(a) == netlab::tfplayground::TfPlaygroundFragment(b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the form: a bare fragment, or the same after the address.
  const std::string fragment(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string link = (data[0] & 1) ? "https://playground.tensorflow.org/#" + fragment : fragment;
  netlab::tfplayground::Settings settings;
  std::string error;
  if (netlab::tfplayground::ParseTfPlaygroundLink(link, settings, error)) {
    netlab::tfplayground::Settings back;
    if (!netlab::tfplayground::ParseTfPlaygroundLink(netlab::tfplayground::TfPlaygroundFragment(settings), back, error))
      std::abort();
    if (!SameSettings(settings, back)) std::abort();
  }
  netlab::Config config;
  if (netlab::DecodeTfPlaygroundLink(link, config, error)) {
    netlab::Config reopened;
    if (!netlab::DecodeShareLink(netlab::EncodeShareLink(config), reopened, error)) std::abort();
    if (netlab::ConfigToText(reopened) != netlab::ConfigToText(config)) std::abort();
  }
  return 0;
}
