// The Models window's data loading from user files: CSV and IDX pairs, the train/test choice, scaling,
// limits, and the messages for files that are not a data set.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#ifdef NETLAB_HAVE_ZLIB
#include <zlib.h>
#endif

#include "support/data_files.h"
#include "data/from_files.h"

using namespace netlab;

namespace {

DataFile Text(const std::string& name, const std::string& text) { return {name, std::vector<uint8_t>(text.begin(), text.end())}; }

void PutBigEndian(std::vector<uint8_t>& bytes, uint32_t word) {
  for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(uint8_t(word >> shift));
}

// `count` images of side x side whose pixels all equal the image's index, and labels index % classes.
DataFile IdxImagesFile(const std::string& name, int count, int side) {
  DataFile file{name, {}};
  for (uint32_t word : {0x803u, uint32_t(count), uint32_t(side), uint32_t(side)}) PutBigEndian(file.bytes, word);
  for (int i = 0; i < count; ++i) file.bytes.insert(file.bytes.end(), size_t(side * side), uint8_t(i));
  return file;
}

DataFile IdxLabelsFile(const std::string& name, int count, int classes) {
  DataFile file{name, {}};
  for (uint32_t word : {0x801u, uint32_t(count)}) PutBigEndian(file.bytes, word);
  for (int i = 0; i < count; ++i) file.bytes.push_back(uint8_t(i % classes));
  return file;
}

}  // namespace

TEST_CASE("a CSV with a header becomes scaled train and test sets split 80/20", "[data]") {
  std::string text = "height,weight,class\n";
  for (int i = 0; i < 10; ++i) text += std::to_string(150 + 5 * i) + "," + std::to_string(50 + i) + "," + std::to_string(i % 3) + "\n";
  Rng rng(1);
  LoadedDataFiles data;
  std::string error;
  REQUIRE(LoadDataFiles({Text("people.csv", text)}, DataFileLimits{}, rng, data, error));
  CHECK(data.name == "people.csv");
  CHECK(data.train.labels.size() == 8);
  CHECK(data.test.labels.size() == 2);
  CHECK(data.train.classes == 3);
  CHECK(data.train.image_width == 0);
  CHECK(data.notice.find("scaled") != std::string::npos);
  // Min-max per column over all 10 rows: height 150..195 and weight 50..59 map onto [0, 1], so a row's
  // two scaled features are equal (both are i / 9) and its label is i % 3.
  for (const LabeledData* part : {&data.train, &data.test})
    for (Eigen::Index r = 0; r < part->features.rows(); ++r) {
      const float scaled = part->features(r, 0);
      CHECK(part->features(r, 1) == Approx(scaled).margin(1e-6));
      CHECK(part->labels[size_t(r)] == int(std::lround(scaled * 9)) % 3);
    }
}

TEST_CASE("the shipped iris CSV loads without a header guess going wrong, and 16 columns show as 4x4 images", "[data]") {
  std::string iris;
  REQUIRE(ReadTextFile(SourcePath("web/data/iris.csv"), iris));
  Rng rng(2);
  LoadedDataFiles data;
  std::string error;
  // iris.csv's first line is "150,4,setosa,...": numeric first field, so it is read as data and the
  // class-name fields fail with the line number.
  CHECK_FALSE(LoadDataFiles({Text("iris.csv", iris)}, DataFileLimits{}, rng, data, error));
  CHECK(error.find("iris.csv: line 1") == 0);

  std::string square;
  for (int r = 0; r < 20; ++r) {
    for (int c = 0; c < 16; ++c) square += std::to_string((r + c) % 2) + ",";
    square += std::to_string(r % 2) + "\n";
  }
  REQUIRE(LoadDataFiles({Text("checks.csv", square)}, DataFileLimits{}, rng, data, error));
  CHECK(data.train.image_width == 4);
  CHECK(data.train.image_height == 4);
  CHECK(data.notice.empty());  // already in [0, 1]: nothing scaled
}

TEST_CASE("a malformed CSV names the file and the bad line", "[data]") {
  Rng rng(3);
  LoadedDataFiles data;
  std::string error;
  CHECK_FALSE(LoadDataFiles({Text("bad.csv", "a,b,label\n1,2,0\n3,x,1\n")}, DataFileLimits{}, rng, data, error));
  CHECK(error.find("bad.csv: line 3") == 0);
  CHECK_FALSE(LoadDataFiles({Text("short.csv", "1,2,0\n3,4\n")}, DataFileLimits{}, rng, data, error));
  CHECK(error.find("short.csv: line 2") == 0);
  CHECK_FALSE(LoadDataFiles({Text("huge.csv", "1,0\n2,1\n3,5000\n4,1\n5,0\n")}, DataFileLimits{}, rng, data, error));
  CHECK(error.find("more than 1000 classes") != std::string::npos);
  CHECK_FALSE(LoadDataFiles({Text("few.csv", "1,0\n2,1\n")}, DataFileLimits{}, rng, data, error));
  CHECK(error.find("too few") != std::string::npos);
  CHECK_FALSE(LoadDataFiles({Text("a.csv", "1,0\n"), Text("b.csv", "1,0\n")}, DataFileLimits{}, rng, data, error));
  CHECK_FALSE(LoadDataFiles({DataFile{"x.gz", {0x1f, 0x8b, 8, 0}}}, DataFileLimits{}, rng, data, error));
  CHECK(error.find("gzipped") != std::string::npos);
  CHECK_FALSE(LoadDataFiles({}, DataFileLimits{}, rng, data, error));
}

TEST_CASE("IDX pairs: labels matched by count, the t10k pair is the test set, limits cut the first samples", "[data]") {
  Rng rng(4);
  LoadedDataFiles data;
  std::string error;
  const std::vector<DataFile> files = {IdxLabelsFile("t10k-labels", 6, 3), IdxImagesFile("train-images", 40, 5),
                                       IdxImagesFile("t10k-images", 6, 5), IdxLabelsFile("train-labels", 40, 3)};
  REQUIRE(LoadDataFiles(files, DataFileLimits{}, rng, data, error));
  CHECK(data.train.labels.size() == 40);
  CHECK(data.test.labels.size() == 6);
  CHECK(data.train.image_width == 5);
  CHECK(data.train.classes == 3);
  // Image i has every pixel equal to i: the order is the file's.
  CHECK(data.train.features(7, 12) == Approx(7.0f / 255.0f));
  CHECK(data.test.labels[5] == 5 % 3);

  DataFileLimits small;
  small.max_train = 10;
  small.max_test = 4;
  REQUIRE(LoadDataFiles(files, small, rng, data, error));
  CHECK(data.train.labels.size() == 10);
  CHECK(data.test.labels.size() == 4);
  CHECK(data.notice.find("read the first 10 of 40 images of train-images") != std::string::npos);

  // One pair is split 80/20.
  REQUIRE(LoadDataFiles({IdxImagesFile("img", 40, 5), IdxLabelsFile("lab", 40, 3)}, DataFileLimits{}, rng, data, error));
  CHECK(data.train.labels.size() == 32);
  CHECK(data.test.labels.size() == 8);

  CHECK_FALSE(LoadDataFiles({IdxImagesFile("img", 40, 5), IdxLabelsFile("lab", 39, 3)}, DataFileLimits{}, rng, data, error));
  CHECK(error.find("no label file with 40 labels") != std::string::npos);
  CHECK_FALSE(LoadDataFiles({IdxImagesFile("img", 40, 5)}, DataFileLimits{}, rng, data, error));
  CHECK_FALSE(LoadDataFiles({IdxImagesFile("img", 4, 5), Text("x.csv", "1,0\n")}, DataFileLimits{}, rng, data, error));
  small.max_features = 16;
  CHECK_FALSE(LoadDataFiles({IdxImagesFile("img", 40, 5), IdxLabelsFile("lab", 40, 3)}, small, rng, data, error));
  CHECK(error.find("exceed the limit") != std::string::npos);
}

TEST_CASE("CSV limits apply while parsing: rows past the kept ones are counted, not parsed; wide lines stop it", "[data]") {
  Rng rng(5);
  LoadedDataFiles data;
  std::string error;
  DataFileLimits small;
  small.max_train = 8;
  small.max_test = 2;  // 10 rows read: the 80/20 split of 10 is exactly 8 + 2
  std::string text;
  for (int i = 0; i < 10; ++i) text += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  // Row 11 would fail to parse; past the limit it is never parsed, only counted (with rows 12..30).
  text += "not,a number\n";
  for (int i = 0; i < 19; ++i) text += "1,0\n";
  REQUIRE(LoadDataFiles({Text("long.csv", text)}, small, rng, data, error));
  CHECK(data.train.labels.size() == 8);
  CHECK(data.test.labels.size() == 2);
  CHECK(data.notice.find("read the first 10 of 30 rows of long.csv") != std::string::npos);

  // 4096 features + a label is the widest line allowed; one field more is refused at that line.
  small.max_features = 4;
  std::string wide = "1,2,3,4,0\n1,2,3,4,1\n1,2,3,4,5,0\n";
  CHECK_FALSE(LoadDataFiles({Text("wide.csv", wide)}, small, rng, data, error));
  CHECK(error.find("wide.csv: line 3: 6 fields exceed the limit of 5") == 0);
  std::string header(100000, ',');  // a header of 100,001 empty names, refused before it is split
  CHECK_FALSE(LoadDataFiles({Text("commas.csv", "x" + header + "\n1,0\n")}, small, rng, data, error));
  CHECK(error.find("commas.csv: line 1: 100001 fields exceed") == 0);
}

TEST_CASE("a data file over the documented size limit is refused with a message", "[data]") {
  Rng rng(6);
  LoadedDataFiles data;
  std::string error;
  std::vector<DataFile> files(1);  // built in place: one 128 MB buffer, not two
  files[0].name = "big.csv";
  files[0].bytes.assign(kMaxDataFileBytes + 1, uint8_t('1'));
  CHECK_FALSE(LoadDataFiles(files, DataFileLimits{}, rng, data, error));
  CHECK(error == "big.csv: over the limit of 128 MB for a data file");  // 128 MB: kMaxDataFileBytes as documented
}

#ifdef NETLAB_HAVE_ZLIB
TEST_CASE("the desktop's gunzip stops at the size limit: a small .gz bomb is refused, not unpacked", "[data]") {
  const std::string path = "/tmp/netlab-gzip-bomb-" + std::to_string(uintptr_t(&path) & 0xffffff) + ".gz";
  gzFile out = gzopen(path.c_str(), "wb9");
  REQUIRE(out);
  const std::vector<char> zeros(1 << 20, 0);
  for (int i = 0; i < 8; ++i) REQUIRE(gzwrite(out, zeros.data(), unsigned(zeros.size())) == int(zeros.size()));
  gzclose(out);
  std::ifstream packed(path, std::ios::binary | std::ios::ate);
  // DEFLATE packs long runs of zeros about 1000:1, so 8 MB of zeros make a file far below 64 KB.
  CHECK(packed.tellg() < 65536);
  std::vector<uint8_t> bytes;
  std::string error;
  CHECK_FALSE(ReadMaybeGzippedFile(path, size_t(2) << 20, bytes, error));
  CHECK(error.find("unpacks to more than 2 MB") != std::string::npos);
  CHECK(bytes.empty());
  REQUIRE(ReadMaybeGzippedFile(path, size_t(8) << 20, bytes, error));  // exactly at the limit is fine
  CHECK(bytes.size() == size_t(8) << 20);
  std::remove(path.c_str());
}
#endif
