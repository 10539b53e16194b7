#include "data/built_in.h"

#include "core/file_bytes.h"
#include "data/from_files.h"

namespace netlab {
namespace {

bool ReadDataFile(const std::string& name, const std::string& data_dir, std::string& text, std::string& error) {
  std::string why;
  if (ReadFileBytes(data_dir + "/" + name, text, why)) return true;
  error = name + " not found in " + data_dir + " (" + why + ")";
  return false;
}

}  // namespace

bool LoadBuiltInData(const std::string& which, const std::string& data_dir, Rng& rng, BuiltInData& out,
                     std::string& error) {
  std::string text;
  LabeledData all;
  if (which == "iris") {
    if (!ReadDataFile("iris.csv", data_dir, text, error) || !ParseIrisCsv(text, all, error)) return false;
    // Measurements in centimetres (every column reaches past 1): scaled like user CSVs.
    ScaleFeaturesToUnitRange(all);
    out.name = "iris";
  } else {
    if (!ReadDataFile("digits.csv", data_dir, text, error) || !ParseDigitsCsv(text, all, error)) return false;
    out.name = "digits 8x8";
  }
  SplitTrainTest(all, 0.2f, rng, out.train, out.test);
  return true;
}

}  // namespace netlab
