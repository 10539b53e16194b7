// Points painted on the heatmap: their text form, the trip through a share link, the bound on their
// number, clean refusals of malformed text, and how they join the training set.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "config/config.h"
#include "links/share_link.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "data/painted_points.h"
#include "links/config_text.h"

using namespace netlab;

TEST_CASE("painted points are written in hundredths and read back exactly", "[painted]") {
  // Hand-rounded: 1.234 -> 1.23, -0.005 -> -0.01 (round half away from zero), 5.999 -> 6.
  const std::vector<PaintedPoint> points = {RoundedPaintedPoint(1.234f, -0.005f, 1.0f),
                                            RoundedPaintedPoint(5.999f, -6.0f, 0.0f),
                                            RoundedPaintedPoint(0.0f, 2.5f, -0.75f)};
  const std::string text = FormatPaintedPoints(points);
  CHECK(text == "1.23:-0.01:1,6:-6:0,0:2.5:-0.75");
  std::vector<PaintedPoint> parsed;
  std::string error;
  REQUIRE(ParsePaintedPoints(text, parsed, error));
  CHECK(parsed == points);
  // Off the plane, the coordinates are clamped to its edge [-6, 6]; labels to [-1, 1].
  CHECK(RoundedPaintedPoint(9.0f, -7.0f, 3.0f) == PaintedPoint{6.0f, -6.0f, 1.0f});
}

TEST_CASE("painted points travel through the share link and rebuild the same training set", "[painted]") {
  Config config;
  config.data.painted = {RoundedPaintedPoint(-1.5f, 2.25f, 0.0f), RoundedPaintedPoint(3.0f, -4.0f, 1.0f)};
  const std::string link = EncodeShareLink(config);
  Config decoded;
  std::string error;
  REQUIRE(DecodeShareLink(link, decoded, error));
  CHECK(decoded.data.painted == config.data.painted);
  CHECK(ConfigToText(decoded) == ConfigToText(config));
  // A config without painted points writes no points key: links made before the key existed read the same.
  CHECK(ConfigToText(Config()).find("points=") == std::string::npos);

  // The painted points are the last two training rows, with their classes, after the generated ones.
  Rng rng(7);
  const DataSplit split = GenerateData(config.data, rng);
  Rng plain_rng(7);
  const DataSplit plain = GenerateData(Config().data, plain_rng);
  REQUIRE(split.train.size() == plain.train.size() + 2);
  CHECK(split.test.size() == plain.test.size());
  const Eigen::Index last = split.train.size() - 1;
  CHECK(split.train.points(last - 1, 0) == -1.5f);
  CHECK(split.train.points(last - 1, 1) == 2.25f);
  CHECK(split.train.labels(last - 1, 0) == 0.0f);
  CHECK(split.train.points(last, 0) == 3.0f);
  CHECK(split.train.labels(last, 0) == 1.0f);
}

TEST_CASE("a regression value keeps its value and a class in between rounds to the nearer class", "[painted]") {
  Dataset train;
  train.points.resize(0, 2);
  train.labels.resize(0, 1);
  AddPaintedPoints({{0.0f, 0.0f, 0.4f}, {1.0f, 1.0f, 0.6f}}, false, train);
  CHECK(train.labels(0, 0) == 0.0f);  // 0.4 < 0.5: class 0
  CHECK(train.labels(1, 0) == 1.0f);  // 0.6 >= 0.5: class 1
  AddPaintedPoints({{0.0f, 0.0f, -0.25f}}, true, train);
  CHECK(train.labels(2, 0) == -0.25f);
}

TEST_CASE("more painted points than the limit, or malformed ones, are refused and the old ones kept", "[painted]") {
  std::vector<PaintedPoint> kept = {{1.0f, 1.0f, 1.0f}};
  std::string error;
  std::string many;
  for (int i = 0; i <= kMaxPaintedPoints; ++i) many += (i ? "," : "") + std::string("0:0:1");
  CHECK_FALSE(ParsePaintedPoints(many, kept, error));
  CHECK(error.find(std::to_string(kMaxPaintedPoints)) != std::string::npos);
  for (const char* bad : {"1:2", "1:2:3:4", "7:0:1", "0:-6.5:0", "0:0:2", "a:b:c", "1:2:1,", ",", "nan:0:1", "0:inf:1"}) {
    INFO(bad);
    CHECK_FALSE(ParsePaintedPoints(bad, kept, error));
  }
  CHECK(kept == std::vector<PaintedPoint>{{1.0f, 1.0f, 1.0f}});
  // Exactly the limit is accepted.
  std::string limit;
  for (int i = 0; i < kMaxPaintedPoints; ++i) limit += (i ? "," : "") + std::string("0:0:1");
  CHECK(ParsePaintedPoints(limit, kept, error));
  CHECK(kept.size() == size_t(kMaxPaintedPoints));
  // A link with a broken points key is refused as a whole.
  Config decoded;
  CHECK_FALSE(DecodeShareLink("version=1&points=1:2:9", decoded, error));
}

TEST_CASE("the nearest painted point within a radius", "[painted]") {
  const std::vector<PaintedPoint> points = {{0.0f, 0.0f, 0.0f}, {2.0f, 0.0f, 1.0f}};
  CHECK(NearestPaintedPoint(points, 1.5f, 0.0f, 1.0f) == 1);   // 0.5 from the second, 1.5 from the first
  CHECK(NearestPaintedPoint(points, 0.4f, 0.3f, 1.0f) == 0);   // 0.5 from the first
  CHECK(NearestPaintedPoint(points, 1.0f, 3.0f, 1.0f) == -1);  // over 1 from both
  CHECK(NearestPaintedPoint({}, 0.0f, 0.0f, 1.0f) == -1);
}
