#include "export/zip_file.h"

#include <cstdint>

#include "core/checksums.h"

namespace netlab {
namespace {

void U16(std::string& out, uint32_t v) {
  out += char(v & 0xFF);
  out += char((v >> 8) & 0xFF);
}
void U32(std::string& out, uint32_t v) {
  U16(out, v & 0xFFFF);
  U16(out, v >> 16);
}

}  // namespace

std::string ZipFiles(const std::vector<ExportedFile>& files, const std::string& folder) {
  // APPNOTE 6.3.10, sections 4.3.7 (local file header), 4.3.12 (central directory header) and 4.3.16
  // (end of central directory). Times are 1980-01-01 00:00, DOS's zero, so the same files give the same bytes.
  std::string out, directory;
  for (const ExportedFile& f : files) {
    const std::string name = folder.empty() ? f.name : folder + "/" + f.name;
    const uint32_t crc = Crc32(f.bytes), size = uint32_t(f.bytes.size()), offset = uint32_t(out.size());
    auto common = [&](std::string& h) {
      U16(h, 20);       // version needed to extract: 2.0
      U16(h, 0x0800);   // flags: the name is UTF-8
      U16(h, 0);        // method: stored
      U16(h, 0);        // time
      U16(h, 0x21);     // date: 1980-01-01
      U32(h, crc);
      U32(h, size);     // compressed size
      U32(h, size);     // uncompressed size
      U16(h, uint32_t(name.size()));
      U16(h, 0);        // extra field length
    };
    U32(out, 0x04034b50);
    common(out);
    out += name;
    out += f.bytes;
    U32(directory, 0x02014b50);
    U16(directory, 0x031E);  // made by: Unix, spec 3.0
    common(directory);
    U16(directory, 0);  // comment length
    U16(directory, 0);  // disk number
    U16(directory, 0);  // internal attributes
    U32(directory, 0100644u << 16);  // external attributes: a regular file, rw-r--r--
    U32(directory, offset);
    directory += name;
  }
  const uint32_t directory_offset = uint32_t(out.size());
  out += directory;
  U32(out, 0x06054b50);
  U16(out, 0);  // this disk
  U16(out, 0);  // the directory's disk
  U16(out, uint32_t(files.size()));
  U16(out, uint32_t(files.size()));
  U32(out, uint32_t(directory.size()));
  U32(out, directory_offset);
  U16(out, 0);  // comment length
  return out;
}

}  // namespace netlab
