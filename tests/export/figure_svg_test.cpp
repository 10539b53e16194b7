// Figures for slides (issue 35): the heatmap and curve SVGs are well-formed XML of the requested size
// (read back by Python's ElementTree, tests/export/figure_check.py), the heatmap's pixels are the palette
// at the grid's values (decoded by Python's zlib and by hand), the points and the finite values are all
// drawn, and the ticks are round numbers. Expected colours are worked out from the published stops:
// TF Playground's #f59322 orange and #0877bd blue (playground.ts's colour scale), Netlab's #f7f7f7 middle,
// Okabe & Ito's #E69F00 and #0072B2.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/nice_ticks.h"
#include "export/figure_svg.h"
#include "links/deflate.h"

#ifdef NETLAB_HAVE_ZLIB
#include <zlib.h>
#endif

using namespace netlab;

namespace {

struct Bytes3 {
  int r, g, b;
};

Bytes3 ToBytes(const Rgb& c) { return {ChannelByte(c.r), ChannelByte(c.g), ChannelByte(c.b)}; }

// The facts figure_check.py prints about `svg`, one a line ("width 640", "pixel 0 0 248 179 100"); empty
// in the WASM build, where node runs the tests and there is no Python to start.
std::vector<std::string> CheckedFacts(const std::string& svg, const std::string& name) {
  std::vector<std::string> facts;
#ifdef __EMSCRIPTEN__
  (void)svg, (void)name;
  WARN("figure_check.py is not run under node");
#else
  const std::filesystem::path file = std::filesystem::temp_directory_path() / ("netlab-figure-test-" + name + ".svg");
  std::ofstream(file, std::ios::binary) << svg;
  const std::string command = "PYTHONIOENCODING=utf-8 /usr/bin/python3 " NETLAB_SOURCE_DIR
                              "/tests/export/figure_check.py '" + file.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char line[512];
  std::string all;
  while (std::fgets(line, sizeof line, pipe)) {
    std::string fact(line);
    all += fact;
    while (!fact.empty() && (fact.back() == '\n' || fact.back() == '\r')) fact.pop_back();
    facts.push_back(fact);
  }
  const int status = pclose(pipe);
  INFO("figure_check.py said:\n" << all);
  REQUIRE(status == 0);
  REQUIRE(!facts.empty());
  std::filesystem::remove(file);
#endif
  return facts;
}

std::string Fact(const std::vector<std::string>& facts, const std::string& key) {
  for (const std::string& f : facts)
    if (f.rfind(key + " ", 0) == 0) return f.substr(key.size() + 1);
  return "(none)";
}

std::vector<std::string> All(const std::vector<std::string>& facts, const std::string& key) {
  std::vector<std::string> out;
  for (const std::string& f : facts)
    if (f.rfind(key + " ", 0) == 0) out.push_back(f.substr(key.size() + 1));
  return out;
}

// Pixel (x, y) of the embedded image, from the "pixel X Y R G B" facts.
Bytes3 PixelFact(const std::vector<std::string>& facts, int x, int y) {
  for (const std::string& p : All(facts, "pixel")) {
    std::istringstream in(p);
    int px, py, r, g, b;
    in >> px >> py >> r >> g >> b;
    if (px == x && py == y) return {r, g, b};
  }
  FAIL("no pixel " << x << ", " << y);
  return {};
}

uint32_t BigEndianAt(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | uint8_t(s[at + i]);
  return v;
}

// The scanlines of a PNG written with stored deflate blocks (RFC 1951 section 3.2.4: a header byte,
// LEN, NLEN, LEN bytes), as data/png_file.h writes it: IHDR then one IDAT.
std::string StoredScanlines(const std::string& png, int& width, int& height) {
  width = int(BigEndianAt(png, 16));
  height = int(BigEndianAt(png, 20));
  const size_t idat = 8 + 12 + 13;
  REQUIRE(png.compare(idat + 4, 4, "IDAT") == 0);
  const std::string z = png.substr(idat + 8, BigEndianAt(png, idat));
  std::string raw;
  for (size_t at = 2; at + 5 <= z.size();) {
    const bool last = uint8_t(z[at]) & 1;
    const size_t length = uint8_t(z[at + 1]) | (size_t(uint8_t(z[at + 2])) << 8);
    raw.append(z, at + 5, length);
    at += 5 + length;
    if (last) break;
  }
  return raw;
}

// A 4 x 4 grid whose corners are known: top-left 0 (orange), top-right 1 (blue), bottom-left 0.5 (the
// middle), bottom-right 0.1; the rest 0.5.
HeatmapFigure FourByFour() {
  HeatmapFigure figure;
  figure.cells = 4;
  figure.values.assign(16, 0.5f);
  figure.values[0] = 0.0f;
  figure.values[3] = 1.0f;
  figure.values[12] = 0.5f;
  figure.values[15] = 0.1f;
  return figure;
}

}  // namespace

TEST_CASE("The palette is TF Playground's orange and blue around the page's white, washed as the heatmap", "[figures]") {
  const DivergingStops stops = PlaygroundStops(false);
  // The ends are the published stops: #f59322 = (245, 147, 34), #0877bd = (8, 119, 189); the middle #f7f7f7.
  const Bytes3 orange = ToBytes(DivergingRgb(stops, 0.0f)), blue = ToBytes(DivergingRgb(stops, 1.0f)),
               middle = ToBytes(DivergingRgb(stops, 0.5f));
  CHECK((orange.r == 245 && orange.g == 147 && orange.b == 34));
  CHECK((blue.r == 8 && blue.g == 119 && blue.b == 189));
  CHECK((middle.r == 247 && middle.g == 247 && middle.b == 247));
  // t = 0.1 is a fifth of the way from orange to the middle: 245 + 0.2·2 = 245.4, 147 + 0.2·100 = 167,
  // 34 + 0.2·213 = 76.6, rounded 245, 167, 77.
  const Bytes3 tenth = ToBytes(DivergingRgb(stops, 0.1f));
  CHECK((tenth.r == 245 && tenth.g == 167 && tenth.b == 77));
  // The heatmap's wash, c + (255 - c)·0.3: orange 245 + 3 = 248, 147 + 32.4 = 179.4, 34 + 66.3 = 100.3;
  // blue 8 + 74.1 = 82.1, 119 + 40.8 = 159.8, 189 + 19.8 = 208.8.
  const Bytes3 washed_orange = ToBytes(DivergingRgb(stops, 0.0f, kHeatmapWash));
  const Bytes3 washed_blue = ToBytes(DivergingRgb(stops, 1.0f, kHeatmapWash));
  CHECK((washed_orange.r == 248 && washed_orange.g == 179 && washed_orange.b == 100));
  CHECK((washed_blue.r == 82 && washed_blue.g == 160 && washed_blue.b == 209));
  // Out of range is clamped to the ends.
  CHECK(ToBytes(DivergingRgb(stops, -3.0f)).g == 147);
  CHECK(ToBytes(DivergingRgb(stops, 7.0f)).g == 119);
  // Okabe & Ito's orange #E69F00 = (230, 159, 0) and blue #0072B2 = (0, 114, 178).
  const DivergingStops safe = PlaygroundStops(true);
  const Bytes3 safe_orange = ToBytes(DivergingRgb(safe, 0.0f)), safe_blue = ToBytes(DivergingRgb(safe, 1.0f));
  CHECK((safe_orange.r == 230 && safe_orange.g == 159 && safe_orange.b == 0));
  CHECK((safe_blue.r == 0 && safe_blue.g == 114 && safe_blue.b == 178));
}

TEST_CASE("NiceTicks gives steps of 1, 2 or 5 times a power of ten", "[figures]") {
  // [-6, 6] in at most 6 steps: 12 / 6 = 2, a round step itself.
  CHECK(NiceTicks(-6, 6, 6) == std::vector<double>{-6, -4, -2, 0, 2, 4, 6});
  // [0, 1.37] in at most 5: 0.274 rounds up to 0.5 (0.1 and 0.2 are too small).
  CHECK(NiceTicks(0, 1.37, 5) == std::vector<double>{0, 0.5, 1});
  // [0, 1000] in at most 5: 200.
  CHECK(NiceTicks(0, 1000, 5) == std::vector<double>{0, 200, 400, 600, 800, 1000});
  // [0.3, 0.95] in at most 7: 0.0929 rounds up to 0.1; multiples of it, 0.3 written as 0.3 to 1e-12.
  const std::vector<double> tenths = NiceTicks(0.3, 0.95, 7);
  REQUIRE(tenths.size() == 7);
  for (size_t i = 0; i < tenths.size(); ++i) CHECK(tenths[i] == Approx(0.3 + 0.1 * double(i)).margin(1e-12));
  CHECK(NiceTicks(1, 1, 5).empty());
}

TEST_CASE("The heatmap SVG is XML of the requested size with the grid's colours, every point and round ticks", "[figures]") {
  HeatmapFigure figure = FourByFour();
  figure.width = 720;
  figure.height = 480;
  // Three training points and two test points on the plane, one test point off it (not drawn, as the page).
  figure.points = {{-3, 2, 0, false}, {1, 1, 1, false}, {5.5f, -5.5f, 1, false},
                   {0, 0, 0, true},   {-2, -4, 1, true}, {7, 0, 1, true}};
  const std::string svg = HeatmapSvg(figure);
  const std::vector<std::string> facts = CheckedFacts(svg, "heatmap");
  if (facts.empty()) return;  // WASM: no Python
  CHECK(Fact(facts, "root") == "svg");
  CHECK(Fact(facts, "width") == "720");
  CHECK(Fact(facts, "height") == "480");
  CHECK(Fact(facts, "viewBox") == "0 0 720 480");
  CHECK(Fact(facts, "circles") == "5");
  CHECK(Fact(facts, "ring") == "2");
  CHECK(Fact(facts, "image") == "4 4");
  // The cells, one pixel each: top-left 0 is the washed orange (248, 179, 100), top-right 1 the washed blue
  // (82, 160, 209), bottom-left 0.5 the washed middle 247 + 8·0.3 = 249.4, bottom-right 0.1 the washed
  // tenth: 245.4 + 9.6·0.3 = 248.3, 167 + 88·0.3 = 193.4, 76.6 + 178.4·0.3 = 130.1.
  const Bytes3 tl = PixelFact(facts, 0, 0), tr = PixelFact(facts, 3, 0), bl = PixelFact(facts, 0, 3),
               br = PixelFact(facts, 3, 3);
  CHECK((tl.r == 248 && tl.g == 179 && tl.b == 100));
  CHECK((tr.r == 82 && tr.g == 160 && tr.b == 209));
  CHECK((bl.r == 249 && bl.g == 249 && bl.b == 249));
  CHECK((br.r == 248 && br.g == 193 && br.b == 130));
  // Ticks: the plane's -6 ... 6 in steps of 2 on both axes (14 values) and the key's 0, 0.5, 1.
  std::multiset<double> ticks;
  for (const std::string& t : All(facts, "tick")) ticks.insert(std::stod(t));
  for (double v : {-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0}) CHECK(ticks.count(v) == (v == 0.0 ? 3u : 2u));
  CHECK(ticks.count(0.5) == 1);
  CHECK(ticks.count(1.0) == 1);
  CHECK(ticks.size() == 14 + 3);
  const std::vector<std::string> texts = All(facts, "text");
  CHECK(std::count(texts.begin(), texts.end(), "x₁") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "x₂") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "P(blue)") == 1);
  // Compressed, the embedded image reads back to the same pixels.
  HeatmapFigure compressed = figure;
  compressed.deflate_raw = DeflateRaw;
  const std::vector<std::string> compressed_facts = CheckedFacts(HeatmapSvg(compressed), "heatmap-compressed");
  CHECK(All(compressed_facts, "pixel") == All(facts, "pixel"));
  // A 4-cell grid over a 400-odd px square is coarse: drawn pixelated; a grid of a cell a pixel is not.
  CHECK(svg.find("image-rendering:pixelated") != std::string::npos);
  HeatmapFigure fine = figure;
  fine.cells = 400;
  fine.values.assign(size_t(400) * 400, 0.5f);
  CHECK(HeatmapSvg(fine).find("pixelated") == std::string::npos);
}

TEST_CASE("A regression heatmap maps [-1, 1] onto the palette and keys it from -1", "[figures]") {
  HeatmapFigure figure = FourByFour();
  figure.regression = true;
  figure.values[0] = -1.0f;  // -1 → t = 0: orange
  figure.values[3] = 1.0f;   //  1 → t = 1: blue
  figure.values[12] = 0.0f;  //  0 → t = 0.5: the middle
  figure.palette = PlaygroundStops(true);
  const std::vector<std::string> facts = CheckedFacts(HeatmapSvg(figure), "regression");
  if (facts.empty()) return;  // WASM: no Python
  // Okabe & Ito's ends washed: 230 + 25·0.3 = 237.5 → 238 (237.5 in float rounds either way: checked to 1),
  // 159 + 96·0.3 = 187.8, 0 + 76.5 = 76.5; blue 0 + 76.5, 114 + 42.3 = 156.3, 178 + 23.1 = 201.1.
  const Bytes3 tl = PixelFact(facts, 0, 0), tr = PixelFact(facts, 3, 0), bl = PixelFact(facts, 0, 3);
  CHECK(std::abs(tl.r - 237.5) <= 0.5);
  CHECK(tl.g == 188);
  CHECK(std::abs(tl.b - 76.5) <= 0.5);
  CHECK(std::abs(tr.r - 76.5) <= 0.5);
  CHECK(tr.g == 156);
  CHECK(tr.b == 201);
  CHECK((bl.r == 249 && bl.g == 249 && bl.b == 249));
  std::multiset<double> ticks;
  for (const std::string& t : All(facts, "tick")) ticks.insert(std::stod(t));
  // The key from -1 to 1 in at most 4 steps: 0.5 apart.
  for (double v : {-1.0, -0.5, 0.5, 1.0}) CHECK(ticks.count(v) == 1);
  const std::vector<std::string> texts = All(facts, "text");
  CHECK(std::count(texts.begin(), texts.end(), "output") == 1);
}

TEST_CASE("The heatmap PNG is png_side·scale pixels, each the cell its centre falls in", "[figures]") {
  HeatmapFigure figure = FourByFour();
  figure.png_side = 8;
  for (int scale : {1, 2, 4}) {
    int width = 0, height = 0;
    const std::string raw = StoredScanlines(HeatmapPng(figure, scale), width, height);
    const int side = 8 * scale;
    REQUIRE(width == side);
    REQUIRE(height == side);
    REQUIRE(raw.size() == size_t(side) * size_t(1 + 4 * side));
    // 4 cells over `side` pixels: pixel p lies in cell floor((p + 0.5)·4 / side) = p / (2·scale).
    for (int y = 0; y < side; ++y)
      for (int x = 0; x < side; ++x) {
        const float value = figure.values[size_t(y / (2 * scale) * 4 + x / (2 * scale))];
        const Bytes3 want = ToBytes(HeatmapCellRgb(figure, value));
        const size_t at = size_t(y) * size_t(1 + 4 * side) + 1 + size_t(4 * x);
        CHECK(uint8_t(raw[at]) == want.r);
        CHECK(uint8_t(raw[at + 1]) == want.g);
        CHECK(uint8_t(raw[at + 2]) == want.b);
        CHECK(uint8_t(raw[at + 3]) == 255);
      }
  }
  // A grid of one cell a pixel is copied as it is: 2x genuinely finer when the caller evaluates 2·side cells.
  HeatmapFigure fine;
  fine.png_side = 8;
  fine.cells = 16;
  for (int i = 0; i < 256; ++i) fine.values.push_back(float(i % 16) / 15.0f);
  int width = 0, height = 0;
  const std::string raw = StoredScanlines(HeatmapPng(fine, 2), width, height);
  REQUIRE(width == 16);
  for (int x = 0; x < 16; ++x) CHECK(uint8_t(raw[size_t(1 + 4 * x) + 1]) == ToBytes(HeatmapCellRgb(fine, float(x) / 15.0f)).g);
  CHECK(HeatmapPng(fine, 0).empty());
  fine.values.pop_back();
  CHECK(HeatmapPng(fine, 1).empty());
}

TEST_CASE("The heatmap PNG draws the points over the cells: filled, with a white or a black edge", "[figures]") {
  HeatmapFigure figure;
  figure.cells = 1;
  figure.values = {0.5f};  // the washed middle everywhere: 247 + 8·0.3 = 249.4 → 249
  figure.png_side = 400;
  // A class 1 training point at the origin and a class 0 test point at (3, -3).
  figure.points = {{0, 0, 1, false}, {3, -3, 0, true}};
  const int scale = 4, side = 1600;
  int width = 0, height = 0;
  const std::string raw = StoredScanlines(HeatmapPng(figure, scale), width, height);
  REQUIRE(width == side);
  auto pixel = [&](int x, int y) {
    const size_t at = size_t(y) * size_t(1 + 4 * side) + 1 + size_t(4 * x);
    return Bytes3{uint8_t(raw[at]), uint8_t(raw[at + 1]), uint8_t(raw[at + 2])};
  };
  // Radius 4 px of 500 at 1600 px: 12.8; the edge 1 px·4 = 4 wide, so the fill reaches 10.8 and the edge
  // 14.8. The origin is at (800, 800): pixel (800, 800) lies within 1.5 of it, all fill: #0877bd.
  const Bytes3 centre = pixel(800, 800);
  CHECK((centre.r == 8 && centre.g == 119 && centre.b == 189));
  // Pixel 812 spans 12 to 13 from the centre along x (13.04 at its corner): all edge, white.
  const Bytes3 edge = pixel(812, 800);
  CHECK((edge.r == 255 && edge.g == 255 && edge.b == 255));
  // Pixel 816 spans 16 to 17: past the edge, the cell's colour.
  const Bytes3 outside = pixel(816, 800);
  CHECK((outside.r == 249 && outside.g == 249 && outside.b == 249));
  // (3, -3) is at (1200, 1200): orange #f59322 inside, black at 12 to 13 px (the edge 4.8 wide: 10.4 to 15.2).
  const Bytes3 test_centre = pixel(1200, 1200), ring = pixel(1212, 1200);
  CHECK((test_centre.r == 245 && test_centre.g == 147 && test_centre.b == 34));
  CHECK((ring.r == 0 && ring.g == 0 && ring.b == 0));
  // The rims are anti-aliased: the pixel across the test ring's outer rim at 15.2 (pixel 1215 spans 15 to
  // 16) holds samples of both the black ring and the cell's 249, so it is a grey strictly between them.
  const Bytes3 rim = pixel(1215, 1200);
  CHECK(rim.r > 0);
  CHECK(rim.r < 249);
}

TEST_CASE("A heatmap PNG compressed with DeflateRaw holds the same pixels as the stored one", "[figures]") {
  HeatmapFigure figure = FourByFour();
  figure.png_side = 100;
  figure.points = {{0, 0, 1, false}, {2, 2, 0, true}};
  int width = 0, height = 0;
  const std::string stored = StoredScanlines(HeatmapPng(figure, 4), width, height);
  figure.deflate_raw = DeflateRaw;
  const std::string png = HeatmapPng(figure, 4);
  REQUIRE(BigEndianAt(png, 16) == 400);
  const size_t idat = 8 + 12 + 13;
  REQUIRE(png.compare(idat + 4, 4, "IDAT") == 0);
  const std::string z = png.substr(idat + 8, BigEndianAt(png, idat));
  CHECK(z.size() * 10 < stored.size());  // 4 flat cells and two discs: far under a tenth
  std::string unpacked;
#ifdef NETLAB_HAVE_ZLIB
  // zlib itself reads the whole stream: header, DEFLATE data and the Adler-32 it checks.
  unpacked.resize(stored.size());
  uLongf size = uLongf(unpacked.size());
  REQUIRE(uncompress(reinterpret_cast<Bytef*>(&unpacked[0]), &size, reinterpret_cast<const Bytef*>(z.data()),
                     uLong(z.size())) == Z_OK);
  unpacked.resize(size);
#else
  std::string error;
  REQUIRE(InflateRaw(z.substr(2, z.size() - 6), stored.size(), unpacked, error));
#endif
  CHECK(unpacked == stored);
}

TEST_CASE("The curves SVG draws every finite value, a legend and round ticks", "[figures]") {
  CurvesFigure figure;
  figure.width = 500;
  figure.height = 320;
  figure.y_low = 0.0f;
  CurveSeries train{"train loss", {0.59f, 0.59f, 0.59f}, {}, {}}, test{"test <loss> & more", {0.08f, 0.08f, 0.08f}, {}, {}};
  for (int i = 0; i <= 10; ++i) {
    train.xs.push_back(float(i * 100));
    train.ys.push_back(0.7f / float(1 + i));
    test.xs.push_back(float(i * 100));
    test.ys.push_back(i == 4 ? NAN : i == 7 ? INFINITY : 0.8f / float(1 + i));
  }
  figure.series = {train, test};
  const std::vector<std::string> facts = CheckedFacts(CurvesSvg(figure), "curves");
  if (facts.empty()) return;  // WASM: no Python
  CHECK(Fact(facts, "width") == "500");
  CHECK(Fact(facts, "height") == "320");
  CHECK(Fact(facts, "viewBox") == "0 0 500 320");
  CHECK(Fact(facts, "polyline 0") == "11");
  CHECK(Fact(facts, "polyline 1") == "9");  // 11 values, a NaN and an infinity left out
  const std::vector<std::string> texts = All(facts, "text");
  CHECK(std::count(texts.begin(), texts.end(), "step") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "train loss") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "test <loss> & more") == 1);  // escaped, read back whole
  // Every tick is a whole multiple of a step of 1, 2 or 5 times a power of ten; y from 0 to 0.8 and x from
  // 0 to 1000 each give at least three.
  std::vector<double> ticks;
  for (const std::string& t : All(facts, "tick")) ticks.push_back(std::stod(t));
  CHECK(ticks.size() >= 6);
  CHECK(std::count(ticks.begin(), ticks.end(), 0.0) == 2);  // the y axis' 0 and the x axis' 0
  CHECK(std::count(ticks.begin(), ticks.end(), 1000.0) == 1);
  for (double t : ticks) {
    bool round = false;
    for (double power = 1e-3; power <= 1e4; power *= 10)
      for (double step : {1.0, 2.0, 5.0})
        round = round || std::fabs(t / (step * power) - std::round(t / (step * power))) < 1e-6;
    CHECK(round);
  }

  SECTION("on a log axis values at or below zero are left out and the ticks are decades") {
    CurvesFigure log_figure = figure;
    log_figure.log_y = true;
    log_figure.series[0].ys[2] = 0.0f;
    log_figure.series[0].ys[3] = -1.0f;
    const std::vector<std::string> log_facts = CheckedFacts(CurvesSvg(log_figure), "curves-log");
    if (log_facts.empty()) return;  // WASM: no Python
    CHECK(Fact(log_facts, "polyline 0") == "9");
    // The values lie in [0.0636, 0.8]: the decades 0.01, 0.1 and 1.
    std::vector<std::string> log_ticks = All(log_facts, "tick");
    CHECK(std::count(log_ticks.begin(), log_ticks.end(), "0.01") == 1);
    CHECK(std::count(log_ticks.begin(), log_ticks.end(), "0.1") == 1);
    CHECK(std::count(log_ticks.begin(), log_ticks.end(), "1") == 1);
  }
}

TEST_CASE("Base64 matches RFC 4648's test vectors", "[figures]") {
  // RFC 4648 section 10.
  CHECK(Base64("") == "");
  CHECK(Base64("f") == "Zg==");
  CHECK(Base64("fo") == "Zm8=");
  CHECK(Base64("foo") == "Zm9v");
  CHECK(Base64("foob") == "Zm9vYg==");
  CHECK(Base64("fooba") == "Zm9vYmE=");
  CHECK(Base64("foobar") == "Zm9vYmFy");
}
