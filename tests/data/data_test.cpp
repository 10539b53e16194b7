// Data loaders: the real files parse to the documented shapes, and malformed input gets a message
// that names what is wrong and where.
#include <catch2/catch.hpp>

#include "data/csv.h"
#include "support/data_files.h"
#include "data/idx.h"
#include "data/labeled.h"

using namespace netlab;

namespace {

std::vector<uint8_t> BigEndian(std::initializer_list<uint32_t> words) {
  std::vector<uint8_t> bytes;
  for (uint32_t w : words)
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(uint8_t(w >> shift));
  return bytes;
}

// A data file shipped in web/data, read by `parse` (ParseDigitsCsv, ParseIrisCsv).
LabeledData ShippedData(const std::string& name, bool (*parse)(const std::string&, LabeledData&, std::string&)) {
  std::string text, error;
  REQUIRE(ReadTextFile(SourcePath("web/data/" + name), text));
  LabeledData data;
  const bool parsed = parse(text, data, error);
  INFO(name << ": " << error);
  REQUIRE(parsed);
  return data;
}

}  // namespace

TEST_CASE("digits.csv parses to 1797 images of 8x8 in [0, 1] with all ten classes", "[data]") {
  const LabeledData digits = ShippedData("digits.csv", ParseDigitsCsv);
  CHECK(digits.features.rows() == 1797);
  CHECK(digits.features.cols() == 64);
  CHECK(digits.features.minCoeff() == 0.0f);
  CHECK(digits.features.maxCoeff() == 1.0f);
  std::vector<int> counts(10, 0);
  for (int label : digits.labels) ++counts[size_t(label)];
  for (int c : counts) CHECK(c > 170);  // scikit-learn's digits are close to balanced: 174..183 per class
}

TEST_CASE("iris.csv parses to 150 samples, 4 features, 3 named classes of 50", "[data]") {
  const LabeledData iris = ShippedData("iris.csv", ParseIrisCsv);
  CHECK(iris.features.rows() == 150);
  CHECK(iris.features.cols() == 4);
  CHECK(iris.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  CHECK(std::count(iris.labels.begin(), iris.labels.end(), 2) == 50);
}

TEST_CASE("malformed CSV is refused with the bad line number", "[data]") {
  CsvTable table;
  std::string error;
  SECTION("a non-number names line and column") {
    CHECK_FALSE(ParseCsv("1,2,3\n4,5,6\n7,x8,9\n", CsvOptions{}, table, error));
    CHECK(error.find("line 3") != std::string::npos);
    CHECK(error.find("column 2") != std::string::npos);
  }
  SECTION("a short row names its line, counting blank lines and the header") {
    CsvOptions options;
    options.has_header = true;
    CHECK_FALSE(ParseCsv("a,b\n1,2\n\n3\n", options, table, error));
    CHECK(error.find("line 4") != std::string::npos);
  }
  SECTION("NaN and infinity are not data") {
    CHECK_FALSE(ParseCsv("1,nan\n", CsvOptions{}, table, error));
    CHECK(error.find("line 1") != std::string::npos);
    CHECK_FALSE(ParseCsv("1,2\n1,inf\n", CsvOptions{}, table, error));
    CHECK(error.find("line 2") != std::string::npos);
  }
  SECTION("an empty file") {
    CHECK_FALSE(ParseCsv("\n \n", CsvOptions{}, table, error));
    CHECK(error == "no data rows");
  }
  SECTION("a byte-order mark is skipped") {
    REQUIRE(ParseCsv("\xEF\xBB\xBF" "5,6\n", CsvOptions{}, table, error));
    CHECK(table.rows == std::vector<std::vector<double>>{{5, 6}});
  }
  SECTION("Windows line ends and spaces are fine") {
    REQUIRE(ParseCsv(" 1, 2 \r\n3,4\r\n", CsvOptions{}, table, error));
    CHECK(table.rows == std::vector<std::vector<double>>{{1, 2}, {3, 4}});
  }
}

TEST_CASE("user CSV with a class column: labels must be whole numbers >= 0", "[data]") {
  LabeledData data;
  std::string error;
  REQUIRE(ParseLabeledCsv("x,y,class\n0.5,1,0\n2,3,2\n", CsvOptions{true}, data, error));
  CHECK(data.classes == 3);
  CHECK(data.features(1, 1) == 3.0f);
  CHECK_FALSE(ParseLabeledCsv("0.5,1,0\n2,3,1.5\n", CsvOptions{}, data, error));
  CHECK(error.find("row 2") != std::string::npos);
  CHECK_FALSE(ParseLabeledCsv("1,-1\n", CsvOptions{}, data, error));
}

TEST_CASE("truncated or wrong digits and iris files are refused", "[data]") {
  LabeledData data;
  std::string error;
  CHECK_FALSE(ParseDigitsCsv("0,1,2\n", data, error));
  CHECK(error.find("65 columns") != std::string::npos);
  CHECK_FALSE(ParseIrisCsv("150,4,a,b,c\n1,2,3,4,0\n", data, error));
  CHECK(error.find("150 samples") != std::string::npos);
}

TEST_CASE("IDX parser checks magic numbers and sizes", "[data]") {
  IdxImages images;
  std::vector<uint8_t> labels;
  std::string error;
  std::vector<uint8_t> good = BigEndian({0x803, 2, 2, 3});
  for (int i = 0; i < 12; ++i) good.push_back(uint8_t(i * 20));
  REQUIRE(ParseIdxImages(good, images, error));
  CHECK(images.count == 2);
  CHECK(images.rows == 2);
  CHECK(images.columns == 3);
  CHECK(images.pixels[11] == 220);

  std::vector<uint8_t> truncated(good.begin(), good.end() - 1);
  CHECK_FALSE(ParseIdxImages(truncated, images, error));
  CHECK(error.find("truncated") != std::string::npos);
  CHECK_FALSE(ParseIdxImages(std::vector<uint8_t>(good.begin(), good.begin() + 10), images, error));
  CHECK(error.find("too short") != std::string::npos);
  std::vector<uint8_t> gzip_magic = good;
  gzip_magic[0] = 0x1f;
  gzip_magic[1] = 0x8b;
  CHECK_FALSE(ParseIdxImages(gzip_magic, images, error));
  CHECK(error.find("magic") != std::string::npos);
  CHECK_FALSE(ParseIdxLabels(good, labels, error));  // an image file is not a label file

  std::vector<uint8_t> label_bytes = BigEndian({0x801, 2});
  label_bytes.push_back(7);
  label_bytes.push_back(3);
  REQUIRE(ParseIdxLabels(label_bytes, labels, error));
  CHECK(labels == std::vector<uint8_t>{7, 3});
  LabeledData data;
  REQUIRE(MakeIdxDataset(images, labels, 10, 0, data, error));
  CHECK(data.features(0, 1) == Approx(20.0f / 255.0f));
  CHECK_FALSE(MakeIdxDataset(images, labels, 5, 0, data, error));  // label 7 is not below 5
  label_bytes.pop_back();
  CHECK_FALSE(ParseIdxLabels(label_bytes, labels, error));
}

#ifdef NETLAB_HAVE_ZLIB
TEST_CASE("installed Fashion-MNIST has 60000 + 10000 images of 28x28", "[data]") {
  const std::string dir = "/usr/share/datasets/fashion-mnist/";
  std::vector<uint8_t> bytes, labels;
  IdxImages images;
  std::string error;
  REQUIRE(ReadGzipFile(dir + "t10k-images-idx3-ubyte.gz", bytes));
  REQUIRE(ParseIdxImages(bytes, images, error));
  CHECK(images.count == 10000);
  CHECK(images.rows == 28);
  REQUIRE(ReadGzipFile(dir + "train-labels-idx1-ubyte.gz", bytes));
  REQUIRE(ParseIdxLabels(bytes, labels, error));
  CHECK(labels.size() == 60000);
}
#endif
