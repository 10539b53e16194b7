#pragma once
// PNG files (ISO/IEC 15948, RFC 2083) for exported plots and heatmaps: 8-bit RGBA, one IDAT chunk whose
// zlib stream (RFC 1950) holds "stored" deflate blocks (RFC 1951 section 3.2.4). Uncompressed, so no
// compressor is needed; a 600 x 400 plot is under a megabyte, which a download does not mind.
#include <cstdint>
#include <string>
#include <vector>

#include "core/checksums.h"  // Crc32, Adler32: the checksums PNG needs

namespace netlab {

// Raw DEFLATE of bytes (links/deflate.h's DeflateRaw), which a caller above this layer may pass in.
using DeflateRawFunction = std::string (*)(const std::string& bytes);

// `rgba`: width x height pixels, 4 bytes each (R, G, B, A), rows from the top. Empty on a bad size.
// With `deflate_raw` the pixels are compressed by it instead of stored: a heatmap of flat colours at 1,600 px
// a side shrinks from 10 MB to about half a megabyte (figures for slides, export/figure_svg.h).
std::string EncodePng(int width, int height, const std::vector<uint8_t>& rgba, DeflateRawFunction deflate_raw = nullptr);

}  // namespace netlab
