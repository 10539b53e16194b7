#pragma once
// The labelled data sets that ship with Netlab (web/data: scikit-learn's 8x8 digits and iris), read
// from `data_dir` (the source tree natively, /data in the WASM build's embedded files) and split 80/20.
#include <string>

#include "core/rng.h"
#include "data/labeled.h"

namespace netlab {

struct BuiltInData {
  std::string name;  // as the UI shows it: "digits 8x8" or "iris"
  LabeledData train, test;
};

// `which` is "digits" or "iris"; false with `error` set when the file is missing or malformed.
bool LoadBuiltInData(const std::string& which, const std::string& data_dir, Rng& rng, BuiltInData& out,
                     std::string& error);

}  // namespace netlab
