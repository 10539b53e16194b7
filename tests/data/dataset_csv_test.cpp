// The current points as CSV read back by the CSV reader to the very same floats.
#include <catch2/catch.hpp>

#include "core/rng.h"
#include "data/csv.h"
#include "data/dataset_csv.h"

using namespace netlab;

TEST_CASE("data set CSV round-trips every point exactly, train rows then test rows", "[data][csv]") {
  DataConfig config;
  config.kind = "spiral";
  config.samples = 60;
  config.noise = 0.3f;
  Rng rng(7);
  const DataSplit data = GenerateData(config, rng);
  CsvTable table;
  CsvOptions options;
  options.has_header = true;
  std::string error;
  REQUIRE(ParseCsv(DatasetCsv(data), options, table, error));
  CHECK(table.header == std::vector<std::string>{"x1", "x2", "label", "test"});
  REQUIRE(table.rows.size() == size_t(data.train.size() + data.test.size()));
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const bool test = r >= size_t(data.train.size());
    const Dataset& set = test ? data.test : data.train;
    const Eigen::Index i = Eigen::Index(test ? r - size_t(data.train.size()) : r);
    CHECK(float(table.rows[r][0]) == set.points(i, 0));
    CHECK(float(table.rows[r][1]) == set.points(i, 1));
    CHECK(float(table.rows[r][2]) == set.labels(i, 0));
    CHECK(table.rows[r][3] == (test ? 1.0 : 0.0));
  }
}
