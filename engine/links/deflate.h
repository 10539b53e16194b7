#pragma once
// Raw DEFLATE (RFC 1951) for share links, so any tool can read one: zlib with windowBits -15, Python's
// zlib.decompress(data, -15), the browser's DecompressionStream('deflate-raw'). Written here rather than
// linked because the WASM build has no zlib; the native tests check both directions against zlib.
//
// The inflater faces hostile input: every code, length and distance is checked, the output is capped
// at `max_output` (a "compression bomb" stops there), and reading past the input is an error.
// The encoder writes one block with the fixed Huffman codes (RFC 1951 section 3.2.6) over greedy LZ77
// matches; configs are a few hundred bytes, where dynamic codes would not pay for their own tables.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/checksums.h"  // Crc32, which the z2 links carry

namespace netlab {

std::string DeflateRaw(const std::string& input);
// False with `error` set on a malformed or cut-off stream, bytes after its end, or output over `max_output`.
bool InflateRaw(const std::string& input, size_t max_output, std::string& output, std::string& error);

// A gzip file (RFC 1952: members of a header, DEFLATE data, CRC-32 and length) unpacked, at most
// `max_output` bytes; false with `error` on a damaged, cut-off or oversized file. The command line
// reads .gz data files (Debian's Fashion-MNIST) with it on every platform.
bool LooksGzipped(const std::string& bytes);
bool Gunzip(const std::string& input, size_t max_output, std::string& output, std::string& error);

}  // namespace netlab
