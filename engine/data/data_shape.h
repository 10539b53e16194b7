#pragma once
// The shape of a data set's samples, known before loading for the built-in ones.
#include <string>

namespace netlab {

// The built-in data sets of the non-playground tasks, with their shape when it is known before loading
// (images: channels x height x width; table rows: 1 x 1 x columns). `file` (the user's own data) has
// none until it is read.
struct DataShape {
  int channels = 0, height = 0, width = 0, classes = 0;
  bool known() const { return width > 0; }
  bool images() const { return height > 1; }
};
DataShape KnownDataShape(const std::string& data_kind);

}  // namespace netlab
