#pragma once
// Share links: the whole config in a URL fragment, so that opening the link restores the playground.
//
//   https://host/netlab/#check=42.<crc32>&version=1&dataset=xor&layers=8:relu,8:relu
//                                   (plain: only non-default keys, after a length and CRC: link_check.h;
//                                    links without the check entry still open)
//   https://host/netlab/#z2.<length>.<crc32>.<base64url of raw DEFLATE>  (when that is shorter;
//                                                                        z1. links still open: compressed_link.h)
//
// Plain fragments stay readable and hand-editable; keys left out take their defaults, so a link keeps
// working when later versions add keys. Characters outside [A-Za-z0-9-._~:,=&+] are percent-encoded.
// Decoding accepts a whole URL (everything up to '#' is ignored), the fragment with or without '#',
// or a config text (with line breaks: then '#' starts a comment line), and bounds every size (see docs/config.md, "Limits").
#include <string>
#include <vector>

#include "config/config.h"

namespace netlab {

// Fragments longer than this are refused before any decoding.
constexpr size_t kMaxLinkBytes = 16 * 1024;

// `version=...` followed by every key whose value differs from the default, '&'-separated.
std::string CompactConfigText(const Config& config);
// The fragment (without '#'): plain, or compressed when that is shorter.
std::string EncodeShareLink(const Config& config);
// Parses a link, fragment or config text into `out` (left unchanged on failure, with `error` set).
bool DecodeShareLink(const std::string& link, Config& out, std::string& error,
                     std::vector<std::string>* notices = nullptr);

}  // namespace netlab
