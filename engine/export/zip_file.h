#pragma once
// A .zip of an export's files, stored without compression (the PKWARE APPNOTE's method 0): what the
// page's Export PyTorch button downloads and what --export-pytorch NAME.zip writes. The files are a few
// hundred kilobytes of text, so DEFLATE would save little and a reader needs nothing beyond CRC-32.
#include <string>
#include <vector>

#include "core/exported_file.h"

namespace netlab {

// The archive's bytes: the files in order, each in the folder `folder` ("netlab-pytorch/train.py").
std::string ZipFiles(const std::vector<ExportedFile>& files, const std::string& folder);

}  // namespace netlab
