#include "export/figure_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/nice_ticks.h"
#include "data/png_file.h"

namespace netlab {
namespace {

// Text sizes are estimated, not measured (no font in the engine): a sans-serif digit or letter is about
// 0.6 em wide (DejaVu Sans' digits are 0.636 em, Arial's 0.556 em), so margins sized by it fit either.
constexpr float kCharWidth = 0.62f;

const char* const kFont = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";
const char* const kTextColour = "#3c3c3c";

std::string Format(const char* format, double a) {
  char text[64];
  std::snprintf(text, sizeof text, format, a);
  return text;
}

// A coordinate to two decimals: a hundredth of a pixel is below any renderer's precision.
std::string N(double v) { return Format("%.2f", v); }

std::string TickText(double v) { return Format("%.4g", v); }

std::string Hex(const Rgb& c) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", ChannelByte(c.r), ChannelByte(c.g), ChannelByte(c.b));
  return text;
}

// Text for an XML attribute or element (XML 1.0 section 2.4: '&' and '<' are markup, quotes end attributes).
std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

float TextWidth(const std::string& text, float font) {
  // UTF-8: count code points, not bytes (x₁ is three bytes for its subscript).
  size_t points = 0;
  for (unsigned char c : text) points += (c & 0xC0) != 0x80;
  return float(points) * kCharWidth * font;
}

std::string Text(float x, float y, float font, const char* anchor, const std::string& text,
                 const std::string& extra = "") {
  return "<text x=\"" + N(x) + "\" y=\"" + N(y) + "\" font-size=\"" + N(font) + "\" text-anchor=\"" + anchor +
         "\" fill=\"" + kTextColour + "\"" + extra + ">" + Escape(text) + "</text>\n";
}

std::string Line(float x1, float y1, float x2, float y2, const char* colour, float width = 1.0f) {
  return "<line x1=\"" + N(x1) + "\" y1=\"" + N(y1) + "\" x2=\"" + N(x2) + "\" y2=\"" + N(y2) + "\" stroke=\"" +
         colour + "\" stroke-width=\"" + N(width) + "\"/>\n";
}

std::string Header(int width, int height) {
  // width/height in px and a viewBox of the same numbers: one user unit is one pixel at the requested size,
  // and the figure scales as a whole when a slide resizes it.
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" "
         "width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
         std::to_string(width) + " " + std::to_string(height) + "\" " + kFont + ">\n"
         "<rect x=\"0\" y=\"0\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
         "\" fill=\"#ffffff\"/>\n";
}

// Font size from the figure's size: 14 px at the default 540-px height, never under 10 or over 28.
float FontFor(int width, int height) { return std::clamp(float(std::min(width, height)) / 38.0f, 10.0f, 28.0f); }

// Maps a model output or label to [0, 1] for the palette: probabilities as they are, regression values
// from [-1, 1] (ui/widgets/plots.cpp's ToUnit).
float ToUnit(float value, bool regression) { return regression ? 0.5f + 0.5f * value : value; }

}  // namespace

std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    // Three bytes are four 6-bit digits; a short last group is padded with '=' (RFC 4648 section 4).
    const uint32_t b0 = uint8_t(bytes[i]), b1 = i + 1 < bytes.size() ? uint8_t(bytes[i + 1]) : 0u,
                   b2 = i + 2 < bytes.size() ? uint8_t(bytes[i + 2]) : 0u;
    const uint32_t group = (b0 << 16) | (b1 << 8) | b2;
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[group & 63] : '=';
  }
  return out;
}

Rgb HeatmapCellRgb(const HeatmapFigure& figure, float value) {
  return DivergingRgb(figure.palette, ToUnit(value, figure.regression), figure.wash);
}

Rgb PointRgb(const HeatmapFigure& figure, float label) {
  // As the page's points (plots.cpp, DrawDecisionHeatmap): the outer fifth of the palette, unwashed, so
  // a class 0 point is the full orange and a class 1 point the full blue.
  const float t = ToUnit(label, figure.regression);
  return DivergingRgb(figure.palette, t < 0.5f ? t * 0.2f : 0.8f + t * 0.2f, 0.0f);
}

std::vector<uint8_t> HeatmapCellsRgba(const HeatmapFigure& figure) {
  std::vector<uint8_t> rgba;
  if (figure.cells <= 0 || figure.values.size() != size_t(figure.cells) * size_t(figure.cells)) return rgba;
  rgba.reserve(figure.values.size() * 4);
  for (float v : figure.values) {
    const Rgb c = HeatmapCellRgb(figure, v);
    rgba.insert(rgba.end(), {ChannelByte(c.r), ChannelByte(c.g), ChannelByte(c.b), 255});
  }
  return rgba;
}

std::string HeatmapPng(const HeatmapFigure& figure, int scale) {
  const int cells = figure.cells;
  if (scale < 1 || figure.png_side < 1 || cells <= 0 || figure.values.size() != size_t(cells) * size_t(cells))
    return "";
  const long side = long(figure.png_side) * scale;
  if (side > 16384) return "";  // EncodePng's limit
  const std::vector<uint8_t> cell_rgba = HeatmapCellsRgba(figure);
  // Pixel p covers [p, p + 1) of `side`; its centre (p + 0.5) / side of the plane lies in cell
  // floor((p + 0.5) · cells / side). With cells == side that is cell p itself.
  std::vector<int> cell_of(size_t(side), 0);
  for (long p = 0; p < side; ++p)
    cell_of[size_t(p)] = std::min(cells - 1, int((double(p) + 0.5) * double(cells) / double(side)));
  std::vector<uint8_t> rgba(size_t(side) * size_t(side) * 4);
  for (long y = 0; y < side; ++y)
    for (long x = 0; x < side; ++x) {
      const size_t cell = size_t(cell_of[size_t(y)]) * size_t(cells) + size_t(cell_of[size_t(x)]);
      std::copy_n(cell_rgba.begin() + long(cell * 4), 4, rgba.begin() + long((size_t(y) * size_t(side) + size_t(x)) * 4));
    }
  // The points over the plane, as the SVG draws them (filled with a white edge, test points with a black
  // one; radius 4 px of a 500-px square, edges 1 and 1.2 px at 1x), each pixel the mean of 4 x 4 samples so
  // the circles' edges are anti-aliased: 16 samples give 17 levels of coverage.
  const float radius = float(side) * 4.0f / 500.0f;
  for (const bool test : {false, true})
    for (const FigurePoint& p : figure.points) {
      if (p.test != test || std::fabs(p.x) > figure.extent || std::fabs(p.y) > figure.extent) continue;
      const float cx = (p.x + figure.extent) / (2.0f * figure.extent) * float(side);
      const float cy = (figure.extent - p.y) / (2.0f * figure.extent) * float(side);
      const float edge = float(scale) * (test ? 1.2f : 1.0f);
      const float inner = radius - edge / 2, outer = radius + edge / 2;
      const Rgb fill = PointRgb(figure, p.label);
      const float ring = test ? 0.0f : 1.0f;
      const long x0 = std::max(0L, long(cx - outer) - 1), x1 = std::min(side - 1, long(cx + outer) + 1);
      const long y0 = std::max(0L, long(cy - outer) - 1), y1 = std::min(side - 1, long(cy + outer) + 1);
      for (long y = y0; y <= y1; ++y)
        for (long x = x0; x <= x1; ++x) {
          uint8_t* pixel = rgba.data() + (size_t(y) * size_t(side) + size_t(x)) * 4;
          float sum[3] = {0, 0, 0};
          for (int sy = 0; sy < 4; ++sy)
            for (int sx = 0; sx < 4; ++sx) {
              const float dx = float(x) + (float(sx) + 0.5f) / 4.0f - cx, dy = float(y) + (float(sy) + 0.5f) / 4.0f - cy;
              const float d = std::sqrt(dx * dx + dy * dy);
              const float here[3] = {d <= inner ? fill.r : d <= outer ? ring : float(pixel[0]) / 255.0f,
                                     d <= inner ? fill.g : d <= outer ? ring : float(pixel[1]) / 255.0f,
                                     d <= inner ? fill.b : d <= outer ? ring : float(pixel[2]) / 255.0f};
              for (int c = 0; c < 3; ++c) sum[c] += here[c] / 16.0f;
            }
          for (int c = 0; c < 3; ++c) pixel[c] = ChannelByte(sum[c]);
        }
    }
  return EncodePng(int(side), int(side), rgba, figure.deflate_raw);
}

std::string HeatmapSvg(const HeatmapFigure& figure) {
  const float W = float(figure.width), H = float(figure.height);
  const float f = FontFor(figure.width, figure.height);
  const float low = figure.regression ? -1.0f : 0.0f;
  const std::string key_label = !figure.key_label.empty() ? figure.key_label : figure.regression ? "output" : "P(blue)";
  const std::vector<double> plane_ticks = NiceTicks(-figure.extent, figure.extent, 6);  // -6, -4, ..., 6
  const std::vector<double> key_ticks = NiceTicks(low, 1.0, 4);                          // 0, 0.5, 1 or -1 ... 1
  float plane_label_width = 0.0f, key_label_width = 0.0f;
  for (double t : plane_ticks) plane_label_width = std::max(plane_label_width, TextWidth(TickText(t), f));
  for (double t : key_ticks) key_label_width = std::max(key_label_width, TextWidth(TickText(t), f));
  // Margins: on the left the tick values and x₂, below them x₁, on the right the colour key (its strip,
  // tick values and the caption above it).
  const float tick = 0.35f * f, bar = 1.1f * f;
  const float left = TextWidth("x₂", f) + 0.8f * f + plane_label_width + tick + 0.3f * f;
  const float top = 2.0f * f, bottom = tick + 2.6f * f;
  const float key_width = std::max(bar + tick + 0.3f * f + key_label_width, TextWidth(key_label, f));
  const float right = 1.2f * f + key_width + 0.5f * f;
  const float side = std::max(10.0f, std::min(W - left - right, H - top - bottom));
  const float x0 = left, y0 = top;
  auto to_x = [&](double v) { return x0 + float((v + figure.extent) / (2.0 * figure.extent)) * side; };
  auto to_y = [&](double v) { return y0 + float((figure.extent - v) / (2.0 * figure.extent)) * side; };

  std::string svg = Header(figure.width, figure.height);
  const std::vector<uint8_t> cells_rgba = HeatmapCellsRgba(figure);
  if (!cells_rgba.empty()) {
    const std::string png = EncodePng(figure.cells, figure.cells, cells_rgba, figure.deflate_raw);
    const std::string href = "data:image/png;base64," + Base64(png);
    const bool coarse = side / float(figure.cells) >= 4.0f;
    // href for SVG 2 readers, xlink:href for SVG 1.1 ones (Inkscape 0.92, older Office).
    svg += "<image x=\"" + N(x0) + "\" y=\"" + N(y0) + "\" width=\"" + N(side) + "\" height=\"" + N(side) +
           "\" preserveAspectRatio=\"none\"" +
           (coarse ? " image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"" : "") + " href=\"" +
           href + "\" xlink:href=\"" + href + "\"/>\n";
  } else {
    svg += "<rect x=\"" + N(x0) + "\" y=\"" + N(y0) + "\" width=\"" + N(side) + "\" height=\"" + N(side) +
           "\" fill=\"#ebebeb\"/>\n";
  }
  // The points: training points filled with a white edge, test points ringed in black (the page's marks),
  // drawn in the radius the page gives them relative to a 500-px heatmap, at least 2 px.
  const float radius = std::max(2.0f, side * 4.0f / 500.0f);
  for (const bool test : {false, true})
    for (const FigurePoint& p : figure.points) {
      if (p.test != test) continue;
      if (std::fabs(p.x) > figure.extent || std::fabs(p.y) > figure.extent) continue;  // off the plane, as the page
      svg += "<circle cx=\"" + N(to_x(p.x)) + "\" cy=\"" + N(to_y(p.y)) + "\" r=\"" + N(radius) + "\" fill=\"" +
             Hex(PointRgb(figure, p.label)) + "\" stroke=\"" + (test ? "#000000" : "#ffffff") +
             "\" stroke-width=\"" + N(test ? 1.2f : 1.0f) + "\"/>\n";
    }
  svg += "<rect x=\"" + N(x0) + "\" y=\"" + N(y0) + "\" width=\"" + N(side) + "\" height=\"" + N(side) +
         "\" fill=\"none\" stroke=\"#5a5a5a\" stroke-width=\"1\"/>\n";
  // The axes: ticks outside the frame, their values, and the inputs' names x₁ (across) and x₂ (up).
  for (double t : plane_ticks) {
    const float x = to_x(t), y = to_y(t);
    svg += Line(x, y0 + side, x, y0 + side + tick, "#5a5a5a");
    svg += Text(x, y0 + side + tick + 1.0f * f, f, "middle", TickText(t));
    svg += Line(x0 - tick, y, x0, y, "#5a5a5a");
    svg += Text(x0 - tick - 0.25f * f, y + 0.35f * f, f, "end", TickText(t));
  }
  svg += Text(x0 + side / 2, y0 + side + tick + 2.3f * f, f, "middle", "x₁", " font-style=\"italic\"");
  svg += Text(x0 - tick - 0.3f * f - plane_label_width - 0.4f * f, y0 + side / 2 + 0.35f * f, f, "end", "x₂",
              " font-style=\"italic\"");
  // The colour key: a gradient through the palette's three stops, washed as the heatmap is. The palette is
  // linear in sRGB between its stops and the wash is linear in the colour, so a three-stop sRGB gradient is
  // the heatmap's colour map exactly (SVG 1.1 section 13.2.3, color-interpolation sRGB).
  const float bx = x0 + side + 1.2f * f, by0 = y0, by1 = y0 + side;
  DivergingStops washed;
  const Rgb* stops[3] = {&figure.palette.low, &figure.palette.middle, &figure.palette.high};
  Rgb* out[3] = {&washed.low, &washed.middle, &washed.high};
  for (int i = 0; i < 3; ++i) *out[i] = DivergingRgb({*stops[i], *stops[i], *stops[i]}, 0.0f, figure.wash);
  svg += "<defs><linearGradient id=\"key\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\" color-interpolation=\"sRGB\">"
         "<stop offset=\"0\" stop-color=\"" + Hex(washed.low) + "\"/><stop offset=\"0.5\" stop-color=\"" +
         Hex(washed.middle) + "\"/><stop offset=\"1\" stop-color=\"" + Hex(washed.high) +
         "\"/></linearGradient></defs>\n";
  svg += "<rect x=\"" + N(bx) + "\" y=\"" + N(by0) + "\" width=\"" + N(bar) + "\" height=\"" + N(by1 - by0) +
         "\" fill=\"url(#key)\" stroke=\"#5a5a5a\" stroke-width=\"1\"/>\n";
  for (double t : key_ticks) {
    const float y = by1 - float((t - low) / (1.0 - low)) * (by1 - by0);
    svg += Line(bx + bar, y, bx + bar + tick, y, "#5a5a5a");
    svg += Text(bx + bar + tick + 0.3f * f, y + 0.35f * f, f, "start", TickText(t));
  }
  svg += Text(bx, by0 - 0.6f * f, f, "start", key_label);
  svg += "</svg>\n";
  return svg;
}

std::string CurvesSvg(const CurvesFigure& figure) {
  const float W = float(figure.width), H = float(figure.height);
  const float f = FontFor(figure.width, figure.height);
  const bool log_y = figure.log_y;
  auto shown = [&](float y) { return std::isfinite(y) && (!log_y || y > 0.0f); };
  // The ranges: y over the values shown (a fixed bottom on a linear axis), x over their steps.
  double low = INFINITY, high = -INFINITY, x_low = INFINITY, x_high = -INFINITY;
  for (const CurveSeries& s : figure.series)
    for (size_t i = 0; i < s.ys.size() && i < s.xs.size(); ++i)
      if (shown(s.ys[i]) && std::isfinite(s.xs[i])) {
        low = std::min(low, double(s.ys[i])), high = std::max(high, double(s.ys[i]));
        x_low = std::min(x_low, double(s.xs[i])), x_high = std::max(x_high, double(s.xs[i]));
      }
  if (!log_y && std::isfinite(figure.y_low)) low = figure.y_low;
  if (!(high >= low)) low = log_y ? 0.1 : 0.0, high = 1.0;
  if (log_y) {  // whole decades around the values, as the page's log axis
    low = std::floor(std::log10(low));
    high = std::max(std::ceil(std::log10(high) - 1e-9), low + 1.0);
  } else if (!(high > low)) {
    low -= 0.5, high += 0.5;
  }
  if (!(x_high > x_low)) x_high = (std::isfinite(x_low) ? x_low : (x_low = 0.0)) + 1.0;

  // The y ticks: every decade on a log axis (numbers from 0.01 to 1000, powers beyond), round values on a
  // linear one, about 2.5 lines apart.
  const float top = 0.8f * f, bottom = H - 2.8f * f;
  std::vector<std::pair<double, std::string>> y_ticks;
  if (log_y) {
    for (int d = int(low); d <= int(high); ++d)
      y_ticks.push_back({double(d), d >= -2 && d <= 3 ? TickText(std::pow(10.0, d)) : "1e" + std::to_string(d)});
  } else {
    for (double t : NiceTicks(low, high, std::max(2, int((bottom - top) / (2.5f * f))))) y_ticks.push_back({t, TickText(t)});
  }
  float y_label_width = TextWidth("0", f);
  for (const auto& t : y_ticks) y_label_width = std::max(y_label_width, TextWidth(t.second, f));
  // The legend: right of the data area, a swatch and a label a line, then the unit.
  float legend_width = 0.0f;
  for (const CurveSeries& s : figure.series) legend_width = std::max(legend_width, 2.0f * f + TextWidth(s.label, f));
  if (!figure.y_label.empty()) legend_width = std::max(legend_width, TextWidth("(" + figure.y_label + ")", f));
  const float left = y_label_width + 0.9f * f, right = W - legend_width - 1.5f * f;
  if (right - left < 20.0f || bottom - top < 20.0f) return Header(figure.width, figure.height) + "</svg>\n";
  auto to_x = [&](double x) { return left + float((x - x_low) / (x_high - x_low)) * (right - left); };
  auto to_y = [&](double v) {
    const double t = log_y ? std::log10(v) : v;
    return bottom - float((std::clamp(t, low, high) - low) / (high - low)) * (bottom - top);
  };

  std::string svg = Header(figure.width, figure.height);
  for (const auto& [value, text] : y_ticks) {
    const float y = bottom - float((value - low) / (high - low)) * (bottom - top);
    svg += Line(left, y, right, y, "#e4e4e4");
    svg += Text(left - 0.4f * f, y + 0.35f * f, f, "end", text);
  }
  // The x ticks: round values about six characters apart, whole numbers where x counts steps.
  const bool whole = x_high - x_low >= 4.0;
  for (double t : NiceTicks(x_low, x_high, std::max(1, int((right - left) / (6.0f * kCharWidth * f))))) {
    if (whole && t != std::floor(t)) continue;
    const float x = to_x(t);
    svg += Line(x, top, x, bottom, "#e4e4e4");
    svg += Text(x, bottom + 1.2f * f, f, "middle", TickText(t));
  }
  svg += Text((left + right) / 2, bottom + 2.5f * f, f, "middle", figure.x_label);
  svg += Line(left, top, left, bottom, "#6e6e6e");
  svg += Line(left, bottom, right, bottom, "#6e6e6e");
  svg += "<clipPath id=\"data\"><rect x=\"" + N(left) + "\" y=\"" + N(top - 2.0f) + "\" width=\"" + N(right - left + 2.0f) +
         "\" height=\"" + N(bottom - top + 4.0f) + "\"/></clipPath>\n";
  for (const CurveSeries& s : figure.series) {
    std::string points;
    for (size_t i = 0; i < s.ys.size() && i < s.xs.size(); ++i)
      if (shown(s.ys[i]) && std::isfinite(s.xs[i]))
        points += (points.empty() ? "" : " ") + N(to_x(s.xs[i])) + "," + N(to_y(s.ys[i]));
    svg += "<polyline clip-path=\"url(#data)\" fill=\"none\" stroke=\"" + Hex(s.colour) +
           "\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"" + points + "\"/>\n";
  }
  float legend_y = top + 0.8f * f;
  const float lx = right + 1.0f * f;
  for (const CurveSeries& s : figure.series) {
    svg += "<line x1=\"" + N(lx) + "\" y1=\"" + N(legend_y - 0.35f * f) + "\" x2=\"" + N(lx + 1.4f * f) + "\" y2=\"" +
           N(legend_y - 0.35f * f) + "\" stroke=\"" + Hex(s.colour) + "\" stroke-width=\"2.5\"/>\n";
    svg += Text(lx + 1.8f * f, legend_y, f, "start", s.label);
    legend_y += 1.4f * f;
  }
  if (!figure.y_label.empty()) svg += Text(lx, legend_y, f, "start", "(" + figure.y_label + ")");
  svg += "</svg>\n";
  return svg;
}

}  // namespace netlab
