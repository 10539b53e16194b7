#include "config/config_text.h"

#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <type_traits>

#include "config/settings.h"

namespace netlab {


// The shortest decimal that reads back as the same float (9 significant digits always suffice), so
// share links say learning_rate=0.01 rather than 0.00999999978.
std::string FormatFloat(float v) {
  std::string text;
  for (int precision = 6; precision <= 9; ++precision) {
    std::ostringstream out;
    out.precision(precision);
    out << v;
    text = out.str();
    if (std::strtof(text.c_str(), nullptr) == v) break;
  }
  return text;
}

bool ParseFloat(const std::string& text, float& out) {
  if (text.empty() || text.size() > 64) return false;
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE) return false;
  out = float(v);
  return std::isfinite(out);
}

bool ParseInt(const std::string& text, long long low, long long high, long long& out) {
  if (text.empty() || text.size() > 20) return false;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (end != text.c_str() + text.size() || errno == ERANGE || v < low || v > high) return false;
  out = v;
  return true;
}

std::vector<std::string> SplitText(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

namespace {

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// A hidden layer in text. Dense (version 1's only kind): units:activation followed by optional tokens
//   kN (maxout pieces), bn | ln (batch/layer norm), res | hw | cat (residual/highway/dense skip),
//   dP (dropout probability), cP (DropConnect probability).   e.g. 16:relu:bn:res:d0.2
// The other kinds start with their name (version 2):
//   conv:FILTERS:ACTIVATION:KxK:sS:pP[:bn|:ln][:res][:dP]   e.g. conv:16:relu:5x5:s1:p2:bn
//     (res: a residual skip, for a convolution that keeps its input's shape)
//   maxpool:KxK:sS, avgpool:KxK:sS          e.g. maxpool:2x2:s2
//   flatten;  lstm:UNITS, gru:UNITS, rnn:UNITS

}  // namespace

std::string LayerToText(const LayerConfig& l) {
  const std::string window = std::to_string(l.kernel) + "x" + std::to_string(l.kernel);
  if (l.kind == "conv") {
    std::string text = "conv:" + std::to_string(l.units) + ":" + l.activation + ":" + window + ":s" +
                       std::to_string(l.stride) + ":p" + std::to_string(l.padding);
    if (l.norm == "batch") text += ":bn";
    if (l.norm == "layer") text += ":ln";
    if (l.skip == "residual") text += ":res";
    if (l.dropout > 0.0f) text += ":d" + FormatFloat(l.dropout);
    return text;
  }
  if (l.kind == "maxpool" || l.kind == "avgpool") return l.kind + ":" + window + ":s" + std::to_string(l.stride);
  if (l.kind == "flatten") return "flatten";
  if (l.kind == "lstm" || l.kind == "gru" || l.kind == "rnn") return l.kind + ":" + std::to_string(l.units);
  std::string text = std::to_string(l.units) + ":" + l.activation;
  if (l.activation == "maxout") text += ":k" + std::to_string(l.pieces);
  if (l.norm == "batch") text += ":bn";
  if (l.norm == "layer") text += ":ln";
  if (l.skip == "residual") text += ":res";
  if (l.skip == "highway") text += ":hw";
  if (l.skip == "dense") text += ":cat";
  if (l.dropout > 0.0f) text += ":d" + FormatFloat(l.dropout);
  if (l.dropconnect > 0.0f) text += ":c" + FormatFloat(l.dropconnect);
  return text;
}

namespace {

// "KxK" (a square window) into `kernel`.
bool ParseWindow(const std::string& t, int& kernel) {
  const size_t x = t.find('x');
  long long a = 0, b = 0;
  if (x == std::string::npos || !ParseInt(t.substr(0, x), 1, kMaxKernel, a) ||
      !ParseInt(t.substr(x + 1), 1, kMaxKernel, b) || a != b)
    return false;
  kernel = int(a);
  return true;
}

// The tokens after a conv or pooling layer's size: KxK, sS, and for convolutions pP, bn | ln, res, dP.
bool ParseWindowTokens(const std::vector<std::string>& tokens, size_t first, bool conv, LayerConfig& layer) {
  long long integer = 0;
  for (size_t i = first; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.find('x') != std::string::npos) {
      if (!ParseWindow(t, layer.kernel)) return false;
    } else if (t.size() > 1 && t[0] == 's' && ParseInt(t.substr(1), 1, kMaxKernel, integer)) {
      layer.stride = int(integer);
    } else if (conv && t.size() > 1 && t[0] == 'p' && ParseInt(t.substr(1), 0, kMaxKernel, integer)) {
      layer.padding = int(integer);
    } else if (conv && t.size() > 1 && t[0] == 'd' && ParseFloat(t.substr(1), layer.dropout)) {
      continue;
    } else if (conv && (t == "bn" || t == "ln")) {
      layer.norm = t == "bn" ? "batch" : "layer";
    } else if (conv && t == "res") {
      layer.skip = "residual";
    } else {
      return false;
    }
  }
  return true;
}

bool KindLayerFromText(const std::vector<std::string>& tokens, LayerConfig& layer) {
  long long integer = 0;
  layer = LayerConfig();
  layer.kind = tokens[0];
  if (layer.kind == "flatten") return tokens.size() == 1;
  if (layer.kind == "lstm" || layer.kind == "gru" || layer.kind == "rnn") {
    if (tokens.size() != 2 || !ParseInt(tokens[1], 1, kMaxUnits, integer)) return false;
    layer.units = int(integer);
    return true;
  }
  if (layer.kind == "maxpool" || layer.kind == "avgpool") {
    layer.kernel = 2, layer.stride = 0;
    if (tokens.size() > 3 || !ParseWindowTokens(tokens, 1, false, layer)) return false;
    if (layer.stride == 0) layer.stride = layer.kernel;  // non-overlapping windows unless a stride is given
    return true;
  }
  if (layer.kind == "conv") {
    // conv, filters, activation and at most KxK, sS, pP, a norm, res and dP: the 9 tokens LayerToText can write.
    if (tokens.size() < 3 || tokens.size() > 9 || !ParseInt(tokens[1], 1, kMaxUnits, integer)) return false;
    layer.units = int(integer);
    layer.activation = tokens[2];
    return ParseWindowTokens(tokens, 3, true, layer);
  }
  return false;
}

}  // namespace

bool LayerFromText(const std::string& text, LayerConfig& layer) {
  std::vector<std::string> tokens = SplitText(text, ':');
  long long integer = 0;
  if (!tokens.empty() && !tokens[0].empty() && !std::isdigit(static_cast<unsigned char>(tokens[0][0])))
    return KindLayerFromText(tokens, layer);
  if (tokens.size() < 2 || tokens.size() > 8 || !ParseInt(tokens[0], 1, kMaxUnits, integer)) return false;
  layer = LayerConfig();
  layer.units = int(integer);
  layer.activation = tokens[1];
  for (size_t i = 2; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t == "bn") layer.norm = "batch";
    else if (t == "ln") layer.norm = "layer";
    else if (t == "res") layer.skip = "residual";
    else if (t == "hw") layer.skip = "highway";
    else if (t == "cat") layer.skip = "dense";
    else if (t.size() > 1 && t[0] == 'k' && ParseInt(t.substr(1), 2, kMaxMaxoutPieces, integer)) layer.pieces = int(integer);
    else if (t.size() > 1 && t[0] == 'd' && ParseFloat(t.substr(1), layer.dropout)) continue;
    else if (t.size() > 1 && t[0] == 'c' && ParseFloat(t.substr(1), layer.dropconnect)) continue;
    else return false;
  }
  return true;
}

std::string ConfigToText(const Config& c, char separator) {
  std::string text;
  for (const Setting& setting : Settings()) {
    const std::string value = setting.write(c);
    if (!(setting.omitted_when_empty && value.empty())) text += std::string(setting.key) + "=" + value + separator;
  }
  return text;
}

bool ReadConfigEntries(const std::string& text, Config& out, ConfigEntries& entries, std::string& error) {
  if (text.size() > kMaxConfigTextBytes) {
    error = "The configuration is too long (over 64 KB).";
    return false;
  }
  Config c = out;
  std::string normalized = text;
  for (char& ch : normalized)
    if (ch == '&') ch = '\n';
  int entry = 0;
  for (const std::string& raw : SplitText(normalized, '\n')) {
    ++entry;
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      error = "Entry " + std::to_string(entry) + " ('" + line.substr(0, 40) + "') is not of the form key=value.";
      return false;
    }
    std::string key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    const Setting* field = FindSetting(key);
    if (!field) {
      if (entries.unknown.size() < 20) entries.unknown.push_back(key.substr(0, 40));
      continue;
    }
    entries.given.push_back(field->key);
    if (!field->read(value, c)) {
      // The accepted values, when the row has them (a number's range, a choice's words).
      std::string accepted;
      const auto number = [&](double v) {
        return field->type == SettingType::kInt ? std::to_string((long long)v) : FormatFloat(float(v));
      };
      if (field->HasRange()) accepted = " (" + number(field->low) + " to " + number(field->high) + ")";
      const std::string problem = field->problem ? field->problem(value) : "";
      error = "The value of '" + key + "' ('" + value.substr(0, 40) + "') is " +
              (problem.empty() ? "malformed or out of range" + accepted : "refused: " + problem) + ".";
      return false;
    }
  }
  out = c;
  return true;
}

}  // namespace netlab

namespace netlab {
namespace {

// Why one layer's text does not parse: the first token that fails, and what it may be.
std::string LayerProblem(const std::string& text) {
  const std::vector<std::string> tokens = SplitText(text, ':');
  const std::string units = "1 to " + std::to_string(kMaxUnits), window = std::to_string(kMaxKernel);
  if (tokens.empty() || tokens[0].empty()) return "it is empty";
  long long integer = 0;
  float number = 0.0f;
  const std::string& head = tokens[0];
  if (std::isdigit(static_cast<unsigned char>(head[0]))) {  // a dense block: UNITS:ACTIVATION[:options]
    if (!ParseInt(head, 1, kMaxUnits, integer)) return "the units '" + head + "' are not " + units;
    if (tokens.size() < 2) return "a dense layer is UNITS:ACTIVATION (e.g. 8:relu)";
    if (tokens.size() > 8) return "a dense layer has at most 8 tokens";
    for (size_t i = 2; i < tokens.size(); ++i) {
      const std::string& t = tokens[i];
      if (t == "bn" || t == "ln" || t == "res" || t == "hw" || t == "cat") continue;
      if (t.size() > 1 && t[0] == 'k') {
        if (!ParseInt(t.substr(1), 2, kMaxMaxoutPieces, integer))
          return "'" + t + "': maxout pieces are k2 to k" + std::to_string(kMaxMaxoutPieces);
        continue;
      }
      // d0.2 and c.5 are probabilities; a word like 'dense' is an unknown option, named as such below.
      if (t.size() > 1 && (t[0] == 'd' || t[0] == 'c') && (std::isdigit(static_cast<unsigned char>(t[1])) || t[1] == '.')) {
        if (!ParseFloat(t.substr(1), number)) return "'" + t + "': a probability is d0.2 (dropout) or c0.2 (DropConnect)";
        continue;
      }
      return "'" + t + "' is not a dense-layer option (kN maxout pieces, bn, ln, res, hw, cat, dP dropout, cP DropConnect)";
    }
    return "";
  }
  if (head == "flatten") return "flatten takes no options";
  if (head == "lstm" || head == "gru" || head == "rnn") return "a recurrent cell is " + head + ":UNITS, UNITS " + units;
  const bool conv = head == "conv";
  if (!conv && head != "maxpool" && head != "avgpool")
    return "'" + head + "' is not a layer kind (UNITS:ACTIVATION, conv, maxpool, avgpool, flatten, lstm, gru, rnn)";
  size_t first = 1;
  if (conv) {
    if (tokens.size() < 3) return "a convolution is conv:FILTERS:ACTIVATION[:KxK][:sS][:pP] (e.g. conv:8:relu:3x3)";
    if (tokens.size() > 9) return "a convolution has at most 9 tokens";
    if (!ParseInt(tokens[1], 1, kMaxUnits, integer)) return "the filters '" + tokens[1] + "' are not " + units;
    first = 3;
  } else if (tokens.size() > 3) {
    return "a pooling layer is " + head + "[:KxK][:sS]";
  }
  for (size_t i = first; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.find('x') != std::string::npos) {
      int kernel = 0;
      if (!ParseWindow(t, kernel))
        return "the window " + t + " is not KxK with K 1 to " + window + " (a square, at most " + window + "x" + window + ")";
    } else if (t.size() > 1 && t[0] == 's') {
      if (!ParseInt(t.substr(1), 1, kMaxKernel, integer)) return "the stride " + t + " is not s1 to s" + window;
    } else if (conv && t.size() > 1 && t[0] == 'p') {
      if (!ParseInt(t.substr(1), 0, kMaxKernel, integer)) return "the padding " + t + " is not p0 to p" + window;
    } else if (conv && t.size() > 1 && t[0] == 'd') {
      if (!ParseFloat(t.substr(1), number)) return "'" + t + "': dropout is d0.2";
    } else if (!(conv && (t == "bn" || t == "ln" || t == "res"))) {
      return "'" + t + "' is not a " + (conv ? "convolution option (KxK, sS, pP, bn, ln, res, dP)" : "pooling option (KxK, sS)");
    }
  }
  return "";
}

}  // namespace

std::string LayersTextProblem(const std::string& text) {
  const std::vector<std::string> layers = text.empty() ? std::vector<std::string>{} : SplitText(text, ',');
  if (layers.size() > size_t(kMaxStackLayers))
    return std::to_string(layers.size()) + " layers, more than " + std::to_string(kMaxStackLayers);
  for (size_t i = 0; i < layers.size(); ++i) {
    LayerConfig layer;
    if (LayerFromText(layers[i], layer)) continue;
    const std::string why = LayerProblem(layers[i]);
    return "layer " + std::to_string(i + 1) + " ('" + layers[i].substr(0, 40) + "'): " + (why.empty() ? "malformed" : why);
  }
  return "";
}

}  // namespace netlab
