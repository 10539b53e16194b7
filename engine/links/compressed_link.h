#pragma once
// The compressed forms of a share link's fragment (docs/config.md, "Share links"):
//
//   z2.<length>.<crc32>.<base64url of raw DEFLATE>   written today: the config text's length in bytes
//                                                   (decimal) and its CRC-32 (8 lower-case hex digits),
//                                                   then RFC 1951 data any zlib can read; a link cut
//                                                   anywhere fails one of the three checks.
//   z1.<base64url of Netlab's LZ77>                  read forever (links already shared); it carries
//                                                   no length or checksum, so only a cut inside a token
//                                                   or a base64 group can be detected.
#include <cstddef>
#include <string>

namespace netlab {

constexpr const char* kDeflateLinkPrefix = "z2.";
constexpr const char* kLzLinkPrefix = "z1.";

// True when `fragment` starts with one of the compressed prefixes.
bool IsCompressedLink(const std::string& fragment);
// `z2.` form of `text`.
std::string CompressLinkText(const std::string& text);
// Unpacks a `z1.` or `z2.` fragment into `text` (at most `max_text` bytes); false with a message for
// the user in `error` otherwise.
bool DecompressLinkText(const std::string& fragment, size_t max_text, std::string& text, std::string& error);

}  // namespace netlab
