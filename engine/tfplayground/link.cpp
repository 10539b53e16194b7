#include "tfplayground/link.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <vector>

namespace netlab {
namespace tfplayground {
namespace {

bool IsJsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string JsTrim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && IsJsSpace(s[a])) ++a;
  while (b > a && IsJsSpace(s[b - 1])) --b;
  return s.substr(a, b - a);
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// JavaScript's split(sep): always at least one part, empty parts kept.
std::vector<std::string> JsSplit(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text)
    if (c == separator) parts.emplace_back();
    else parts.back() += c;
  return parts;
}

// StrDecimalLiteral of ECMAScript's StringNumericLiteral: [+-] (Infinity | digits [. digits] | . digits) [e[+-]digits].
bool IsDecimalLiteral(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (s.compare(i, std::string::npos, "Infinity") == 0) return true;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(uint8_t(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(uint8_t(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exponent = 0;
    while (i < s.size() && std::isdigit(uint8_t(s[i]))) ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == s.size();
}

// The TF Playground names for Settings' choices, as the keyMaps of src/state.ts list them.
bool OneOf(const std::string& v, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (v == n) return true;
  return false;
}

// JavaScript's Number::toString: the fewest significant digits that read back the same, written
// without an exponent for 1e-7 <= |v| < 1e21 (10, not 1e+01; 0.00001, not 1e-05).
std::string Format(double v) {
  char text[64] = "0";
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, v);
    if (std::strtod(text, nullptr) != v) continue;
    const char* e = std::strchr(text, 'e');
    const double magnitude = std::fabs(v);
    if (e && magnitude >= 1e-7 && magnitude < 1e21) {
      const int exponent = std::atoi(e + 1);
      std::snprintf(text, sizeof text, "%.*f", std::max(0, precision - 1 - exponent), v);
    }
    return text;
  }
  return text;
}

// A stand-in for TF Playground's Math.random().toFixed(5) when a link has no seed: derived from the
// link itself (FNV-1a), so that the same link always opens the same experiment.
std::string SeedFor(const std::string& fragment) {
  uint64_t h = 1469598103934665603ull;
  for (char c : fragment) h = (h ^ uint8_t(c)) * 1099511628211ull;
  char text[16];
  std::snprintf(text, sizeof text, "0.%05u", unsigned(h % 100000));
  return text;
}

const char* const kTfOnlyKeys[] = {"activation", "regularization", "batchSize", "regDataset", "learningRate",
                                   "regularizationRate", "networkShape", "percTrainData", "xTimesY", "xSquared",
                                   "ySquared", "sinX", "sinY", "cosX", "cosY", "problem", "initZero",
                                   "showTestData", "discretize", "hideText", "collectStats", "tutorial"};

std::string FragmentOf(const std::string& link) {
  const size_t end = link.find_last_not_of(" \t\r\n");
  const std::string trimmed = end == std::string::npos ? "" : link.substr(0, end + 1);
  const size_t hash = trimmed.find('#');
  return hash == std::string::npos ? trimmed : trimmed.substr(hash + 1);
}

}  // namespace

int NodeCount(double layer_size) {
  if (!(layer_size > 0)) return 0;
  return layer_size > 1e9 ? 1000000000 : int(std::ceil(layer_size));
}

double JsNumber(const std::string& text) {
  const std::string s = JsTrim(text);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0' && std::strchr("xXoObB", s[1])) {
    const int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    double v = 0;
    for (size_t i = 2; i < s.size(); ++i) {
      const char c = char(std::tolower(uint8_t(s[i])));
      const int digit = std::isdigit(uint8_t(c)) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : 99;
      if (digit >= base) return NAN;
      v = v * base + digit;
    }
    return v;
  }
  if (!IsDecimalLiteral(s)) return NAN;
  if (s.find("Infinity") != std::string::npos) return s[0] == '-' ? -INFINITY : INFINITY;
  return std::strtod(s.c_str(), nullptr);
}

bool LooksLikeTfPlaygroundLink(const std::string& link) {
  // TF Playground's address: what comes before the '#' (or a whole link that is no fragment, having no
  // '='). Not the fragment: a Netlab link's goal text may name the host ("Beat playground.tensorflow.org"),
  // and read as TF Playground's link it would open another experiment (found by config_link_fuzz).
  const size_t hash = link.find('#');
  const std::string address = hash != std::string::npos ? link.substr(0, hash)
                            : link.find('=') == std::string::npos ? link : std::string();
  if (address.find("playground.tensorflow.org") != std::string::npos) return true;
  const std::string fragment = FragmentOf(link);
  if (fragment.find('\n') != std::string::npos) return false;
  for (const std::string& pair : JsSplit(fragment, '&')) {
    const std::string name = JsSplit(pair, '=')[0];
    if (name == "version") return false;  // every Netlab link starts with its version
    if (EndsWith(name, "_hide")) return true;
    for (const char* key : kTfOnlyKeys)
      if (name == key) return true;
  }
  return false;
}

bool ParseTfPlaygroundLink(const std::string& link, Settings& out, std::string& error,
                           std::vector<std::string>* notices) {
  const std::string fragment = FragmentOf(link);
  if (fragment.size() > 16 * 1024) {
    error = "The TF Playground link is too long (over 16 KB).";
    return false;
  }
  // map[name] = value for each pair, later pairs winning; a pair without '=' has an undefined value.
  std::map<std::string, std::pair<bool, std::string>> map;
  std::vector<std::string> hide_order;
  for (const std::string& pair : JsSplit(fragment, '&')) {
    const std::vector<std::string> parts = JsSplit(pair, '=');
    if (EndsWith(parts[0], "_hide") && !map.count(parts[0])) hide_order.push_back(parts[0]);
    map[parts[0]] = {parts.size() > 1, parts.size() > 1 ? parts[1] : ""};
  }
  auto has_key = [&](const char* name) {
    auto it = map.find(name);
    return it != map.end() && it->second.first && !JsTrim(it->second.second).empty();
  };
  auto value = [&](const char* name) { return map[name].second; };
  auto note = [&](const std::string& text) {
    if (notices) notices->push_back(text);
  };

  Settings s;
  auto choice = [&](const char* name, std::string& field, std::initializer_list<const char*> names) {
    if (!has_key(name)) return;
    if (OneOf(value(name), names)) field = value(name);
    else note("TF Playground link: unknown " + std::string(name) + " '" + value(name).substr(0, 40) + "'; kept " + field + ".");
  };
  bool ok = true;
  auto number = [&](const char* name, double& field) {
    if (!has_key(name) || !ok) return;
    const double v = JsNumber(value(name));
    if (!std::isfinite(v)) {
      error = "The TF Playground link's " + std::string(name) + " ('" + value(name).substr(0, 40) +
              "') is not a finite number, so nothing could be trained.";
      ok = false;
      return;
    }
    field = v;
  };
  auto boolean = [&](const char* name, bool& field) {
    if (has_key(name)) field = value(name) != "false";
  };

  choice("activation", s.activation, {"relu", "tanh", "sigmoid", "linear"});
  choice("regularization", s.regularization, {"none", "L1", "L2"});
  number("batchSize", s.batch_size);
  choice("dataset", s.dataset, {"circle", "xor", "gauss", "spiral"});
  choice("regDataset", s.reg_dataset, {"reg-plane", "reg-gauss"});
  number("learningRate", s.learning_rate);
  number("regularizationRate", s.regularization_rate);
  number("noise", s.noise);
  if (map.count("networkShape")) {
    if (!map["networkShape"].first) {
      note("TF Playground link: networkShape has no value; kept 4,2.");
    } else {
      // parseArray: a blank value is no hidden layer, else split(",").map(Number).
      s.network_shape.clear();
      const std::string v = value("networkShape");
      if (!JsTrim(v).empty())
        for (const std::string& part : JsSplit(v, ',')) s.network_shape.push_back(JsNumber(part));
    }
  }
  if (has_key("seed")) s.seed = value("seed");
  boolean("showTestData", s.show_test_data);
  boolean("discretize", s.discretize);
  number("percTrainData", s.perc_train_data);
  // The feature switches and collectStats, in state.ts's order.
  const std::pair<const char*, bool*> switches[] = {
      {"x", &s.x},           {"y", &s.y},         {"xTimesY", &s.x_times_y}, {"xSquared", &s.x_squared},
      {"ySquared", &s.y_squared}, {"cosX", &s.cos_x}, {"sinX", &s.sin_x},     {"cosY", &s.cos_y},
      {"sinY", &s.sin_y},    {"collectStats", &s.collect_stats}};
  for (const auto& [key, field] : switches) boolean(key, *field);
  if (has_key("tutorial")) s.tutorial = value("tutorial");
  if (has_key("problem")) {
    if (OneOf(value("problem"), {"classification", "regression"})) s.regression = value("problem") == "regression";
    else note("TF Playground link: unknown problem '" + value("problem").substr(0, 40) + "'; kept classification.");
  }
  boolean("initZero", s.init_zero);
  boolean("hideText", s.hide_text);
  for (const std::string& name : hide_order)
    if (map[name].second == "true") s.hidden_controls.push_back(name.substr(0, name.size() - 5));
  if (!ok) return false;

  // makeGUI's noise slider (max 50): up to 80 widens the slider, beyond that the value becomes 50.
  if (s.noise > 80) {
    note("TF Playground link: noise " + Format(s.noise) + " is above 80; TF Playground uses 50.");
    s.noise = 50;
  } else if (s.noise < 0) {
    note("TF Playground link: noise " + Format(s.noise) + " is below 0; TF Playground uses 0.");
    s.noise = 0;
  }
  for (size_t i = 0; i < s.network_shape.size(); ++i) {
    if (std::isnan(s.network_shape[i]) || NodeCount(s.network_shape[i]) != s.network_shape[i])
      note("TF Playground link: hidden layer " + std::to_string(i + 1) + " size '" + Format(s.network_shape[i]) +
           "' builds " + std::to_string(NodeCount(s.network_shape[i])) + " nodes, as TF Playground does.");
    if (NodeCount(s.network_shape[i]) > kMaxNodesPerLayer) {
      error = "The TF Playground link asks for " + Format(s.network_shape[i]) + " nodes in hidden layer " +
              std::to_string(i + 1) + "; Netlab trains at most " + std::to_string(kMaxNodesPerLayer) + " per layer.";
      return false;
    }
  }
  if (s.network_shape.size() > size_t(kMaxLayers)) {
    error = "The TF Playground link asks for " + std::to_string(s.network_shape.size()) +
            " hidden layers; Netlab trains at most " + std::to_string(kMaxLayers) + ".";
    return false;
  }
  if (s.seed.empty()) {
    s.seed = SeedFor(fragment);
    note("TF Playground link: no seed; using " + s.seed + " (TF Playground would pick one at random).");
  }
  if (s.seed.size() > 256) {
    error = "The TF Playground link's seed is longer than 256 characters.";
    return false;
  }
  // Free text goes back into the link as it is (TF Playground decodes nothing), so it may hold only
  // what a link carries unchanged: printable ASCII other than the separators & # = and the space.
  auto link_safe = [](const std::string& text) {
    for (char c : text) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u <= 0x20 || u >= 0x7f || c == '&' || c == '#' || c == '=') return false;
    }
    return true;
  };
  std::vector<std::string> free_text = {s.seed, s.tutorial};
  free_text.insert(free_text.end(), s.hidden_controls.begin(), s.hidden_controls.end());
  for (const std::string& text : free_text)
    if (!link_safe(text)) {
      error = "The TF Playground link's seed, tutorial or _hide key holds a character a link cannot carry "
              "unchanged (a space, a separator or a non-ASCII byte).";
      return false;
    }
  out = s;
  return true;
}

std::string TfPlaygroundFragment(const Settings& s) {
  // The order of State.PROPS, so the text matches what TF Playground's serialize() writes.
  std::ostringstream f;
  auto b = [](bool v) { return v ? "true" : "false"; };
  std::string shape;
  for (size_t i = 0; i < s.network_shape.size(); ++i) shape += (i ? "," : "") + Format(s.network_shape[i]);
  // serialize() skips null values: no regularization and no tutorial are left out.
  f << "activation=" << s.activation;
  if (s.regularization != "none") f << "&regularization=" << s.regularization;
  f << "&batchSize=" << Format(s.batch_size) << "&dataset=" << s.dataset << "&regDataset=" << s.reg_dataset << "&learningRate=" << Format(s.learning_rate)
    << "&regularizationRate=" << Format(s.regularization_rate) << "&noise=" << Format(s.noise)
    << "&networkShape=" << shape << "&seed=" << s.seed << "&showTestData=" << b(s.show_test_data)
    << "&discretize=" << b(s.discretize) << "&percTrainData=" << Format(s.perc_train_data) << "&x=" << b(s.x)
    << "&y=" << b(s.y) << "&xTimesY=" << b(s.x_times_y) << "&xSquared=" << b(s.x_squared)
    << "&ySquared=" << b(s.y_squared) << "&cosX=" << b(s.cos_x) << "&sinX=" << b(s.sin_x) << "&cosY=" << b(s.cos_y)
    << "&sinY=" << b(s.sin_y) << "&collectStats=" << b(s.collect_stats);
  if (!s.tutorial.empty()) f << "&tutorial=" << s.tutorial;
  f << "&problem=" << (s.regression ? "regression" : "classification") << "&initZero=" << b(s.init_zero)
    << "&hideText=" << b(s.hide_text);
  for (const std::string& name : s.hidden_controls) f << "&" << name << "_hide=true";
  return f.str();
}

}  // namespace tfplayground
}  // namespace netlab
