#include "config/config_text.h"

#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <type_traits>

#include "data/input_features.h"

namespace netlab {
namespace {


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

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

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

bool LayerFromText(const std::string& text, LayerConfig& layer) {
  std::vector<std::string> tokens = Split(text, ':');
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

// The text form is a table: each key knows how to write its value and read it back.
struct Field {
  const char* key;
  std::function<std::string(const Config&)> write;
  std::function<bool(const std::string&, Config&)> read;
  bool omitted_when_empty = false;  // a key added later, left out of links that do not use it
};

template <class Get>
Field FloatField(const char* key, Get get) {
  return {key, [get](const Config& c) { return FormatFloat(get(const_cast<Config&>(c))); },
          [get](const std::string& v, Config& c) { return ParseFloat(v, get(c)); }};
}
template <class Get>
Field IntField(const char* key, long long low, long long high, Get get) {
  return {key, [get](const Config& c) { return std::to_string(get(const_cast<Config&>(c))); },
          [get, low, high](const std::string& v, Config& c) {
            long long x = 0;
            if (!ParseInt(v, low, high, x)) return false;
            get(c) = static_cast<std::remove_reference_t<decltype(get(c))>>(x);
            return true;
          }};
}
template <class Get>
Field TextField(const char* key, Get get) {
  return {key, [get](const Config& c) { return get(const_cast<Config&>(c)); },
          [get](const std::string& v, Config& c) {
            get(c) = v;
            return v.size() <= 64;
          }};
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += (text.empty() ? "" : ",") + n;
  return text;
}
bool ReadNames(const std::string& text, std::vector<std::string>& names) {
  names = text.empty() ? std::vector<std::string>{} : Split(text, ',');
  return names.size() <= 64;
}

// A lesson's key (LessonConfig): written only when it differs from the default.
Field LessonField(Field field, std::string default_value) {
  auto write = field.write;
  field.write = [write, default_value](const Config& c) {
    const std::string value = write(c);
    return value == default_value ? std::string() : value;
  };
  field.omitted_when_empty = true;
  return field;
}

const std::vector<Field>& Fields() {
  static const std::vector<Field> fields = {
      {"version", [](const Config&) { return std::to_string(kConfigVersion); },
       [](const std::string& v, Config& c) {
         long long version = 0;
         if (!ParseInt(v, 1, 1000000, version)) return false;
         c.version = int(version);
         return true;
       }},
      TextField("task", [](Config& c) -> std::string& { return c.task; }),
      TextField("dataset", [](Config& c) -> std::string& { return c.data.kind; }),
      TextField("data_file", [](Config& c) -> std::string& { return c.data.file; }),
      IntField("samples", kMinSamples, kMaxSamples, [](Config& c) -> int& { return c.data.samples; }),
      FloatField("noise", [](Config& c) -> float& { return c.data.noise; }),
      FloatField("train_fraction", [](Config& c) -> float& { return c.data.train_fraction; }),
      {"points", [](const Config& c) { return FormatPaintedPoints(c.data.painted); },
       [](const std::string& v, Config& c) { std::string e; return ParsePaintedPoints(v, c.data.painted, e); }, true},
      {"features",
       [](const Config& c) {
         std::string text;
         for (const std::string& f : c.features) text += (text.empty() ? "" : ",") + f;
         return text;
       },
       [](const std::string& v, Config& c) {
         c.features = Split(v, ',');
         return c.features.size() <= Features().size();
       }},
      {"layers",
       [](const Config& c) {
         std::string text;
         for (const LayerConfig& l : c.hidden) text += (text.empty() ? "" : ",") + LayerToText(l);
         return text;
       },
       [](const std::string& v, Config& c) {
         std::vector<std::string> layers = v.empty() ? std::vector<std::string>{} : Split(v, ',');
         if (layers.size() > size_t(kMaxStackLayers)) return false;
         c.hidden.assign(layers.size(), LayerConfig());
         for (size_t i = 0; i < layers.size(); ++i)
           if (!LayerFromText(layers[i], c.hidden[i])) return false;
         return true;
       }},
      TextField("output_activation", [](Config& c) -> std::string& { return c.output_activation; }),
      TextField("loss", [](Config& c) -> std::string& { return c.loss; }),
      TextField("initializer", [](Config& c) -> std::string& { return c.initializer; }),
      FloatField("init_scale", [](Config& c) -> float& { return c.init_scale; }),
      TextField("optimizer", [](Config& c) -> std::string& { return c.optimizer.kind; }),
      FloatField("learning_rate", [](Config& c) -> float& { return c.optimizer.learning_rate; }),
      FloatField("momentum", [](Config& c) -> float& { return c.optimizer.momentum; }),
      FloatField("beta1", [](Config& c) -> float& { return c.optimizer.beta1; }),
      FloatField("beta2", [](Config& c) -> float& { return c.optimizer.beta2; }),
      FloatField("epsilon", [](Config& c) -> float& { return c.optimizer.epsilon; }),
      FloatField("rho", [](Config& c) -> float& { return c.optimizer.rho; }),
      FloatField("weight_decay", [](Config& c) -> float& { return c.optimizer.weight_decay; }),
      FloatField("temperature", [](Config& c) -> float& { return c.optimizer.temperature; }),
      TextField("schedule", [](Config& c) -> std::string& { return c.schedule.kind; }),
      IntField("decay_steps", 1, 100000000, [](Config& c) -> int& { return c.schedule.decay_steps; }),
      FloatField("gamma", [](Config& c) -> float& { return c.schedule.gamma; }),
      FloatField("l1", [](Config& c) -> float& { return c.regularization.l1; }),
      FloatField("l2", [](Config& c) -> float& { return c.regularization.l2; }),
      FloatField("clip_norm", [](Config& c) -> float& { return c.regularization.clip_norm; }),
      FloatField("validation_fraction", [](Config& c) -> float& { return c.regularization.validation_fraction; }),
      IntField("patience", 1, 100000, [](Config& c) -> int& { return c.regularization.patience; }),
      IntField("batch_size", 1, kMaxSamples, [](Config& c) -> int& { return c.batch_size; }),
      IntField("seed", 0, 1ll << 53, [](Config& c) -> uint64_t& { return c.seed; }),
      IntField("cd_k", 1, 100, [](Config& c) -> int& { return c.family.cd_k; }),
      {"persistent", [](const Config& c) { return std::string(c.family.persistent ? "1" : "0"); },
       [](const std::string& v, Config& c) {
         if (v != "0" && v != "1") return false;
         c.family.persistent = v == "1";
         return true;
       }},
      IntField("pretrain_epochs", 1, 1000, [](Config& c) -> int& { return c.family.pretrain_epochs; }),
      IntField("latent", 1, 64, [](Config& c) -> int& { return c.family.latent; }),
      FloatField("kl_weight", [](Config& c) -> float& { return c.family.kl_weight; }),
      IntField("discriminator_units", 1, kMaxUnits, [](Config& c) -> int& { return c.family.discriminator_units; }),
      FloatField("discriminator_learning_rate",
                 [](Config& c) -> float& { return c.family.discriminator_learning_rate; }),
      IntField("sequence_length", 2, 200, [](Config& c) -> int& { return c.family.sequence_length; }),
      LessonField(TextField("perceptron_rule", [](Config& c) -> std::string& { return c.lesson.perceptron_rule; }),
                  "rosenblatt"),
      LessonField(TextField("perceptron_update", [](Config& c) -> std::string& { return c.lesson.perceptron_update; }),
                  "incremental"),
      LessonField(TextField("flow", [](Config& c) -> std::string& { return c.lesson.flow; }), "affine_coupling"),
      LessonField(IntField("flow_layers", 1, 32, [](Config& c) -> int& { return c.lesson.flow_layers; }), "6"),
      LessonField(FloatField("label_noise", [](Config& c) -> float& { return c.lesson.label_noise; }), "0"),
      LessonField(IntField("rbm_hidden", 1, 20, [](Config& c) -> int& { return c.lesson.rbm_hidden; }), "16"),
      LessonField(IntField("categories", 2, 64, [](Config& c) -> int& { return c.lesson.categories; }), "10"),
      LessonField(FloatField("gumbel_temperature", [](Config& c) -> float& { return c.lesson.gumbel_temperature; }), "1"),
      LessonField(FloatField("gumbel_temperature_min", [](Config& c) -> float& { return c.lesson.gumbel_temperature_min; }),
                  "0.5"),
      LessonField(FloatField("gumbel_anneal", [](Config& c) -> float& { return c.lesson.gumbel_anneal; }), "0.001"),
      LessonField(FloatField("discount", [](Config& c) -> float& { return c.lesson.discount; }), "0.9"),
      LessonField(FloatField("epsilon_start", [](Config& c) -> float& { return c.lesson.epsilon_start; }), "1"),
      LessonField(FloatField("epsilon_end", [](Config& c) -> float& { return c.lesson.epsilon_end; }), "0.05"),
      LessonField(IntField("epsilon_decay_moves", 1, 10000000, [](Config& c) -> int& { return c.lesson.epsilon_decay_moves; }),
                  "3000"),
      LessonField(IntField("vocabulary", 2, 32, [](Config& c) -> int& { return c.lesson.vocabulary; }), "8"),
      TextField("view", [](Config& c) -> std::string& { return c.view; }),
      TextField("layout", [](Config& c) -> std::string& { return c.layout; }),
      // Course keys (config/course.h), left out of links that do not use them.
      {"hide", [](const Config& c) { return JoinNames(c.course.hidden); },
       [](const std::string& v, Config& c) { return ReadNames(v, c.course.hidden); }, true},
      {"lock", [](const Config& c) { return JoinNames(c.course.locked); },
       [](const std::string& v, Config& c) { return ReadNames(v, c.course.locked); }, true},
      {"goal_test_loss",
       [](const Config& c) { return c.course.goal_test_loss > 0 ? FormatFloat(c.course.goal_test_loss) : std::string(); },
       [](const std::string& v, Config& c) { return ParseFloat(v, c.course.goal_test_loss); }, true},
      {"goal_max_neurons",
       [](const Config& c) { return c.course.goal_max_neurons > 0 ? std::to_string(c.course.goal_max_neurons) : std::string(); },
       [](const std::string& v, Config& c) {
         long long x = 0;
         if (!ParseInt(v, 0, kMaxUnits * kMaxHiddenLayers, x)) return false;
         c.course.goal_max_neurons = int(x);
         return true;
       }, true},
      {"goal_text", [](const Config& c) { return c.course.goal_text; },
       [](const std::string& v, Config& c) {
         c.course.goal_text = v;
         return v.size() <= 200;
       }, true},
      {"palette", [](const Config& c) { return c.palette == "standard" ? std::string() : c.palette; },
       [](const std::string& v, Config& c) {
         c.palette = v.empty() ? "standard" : v;
         return true;
       },
       true},
  };
  return fields;
}

}  // namespace

std::string ConfigToText(const Config& c, char separator) {
  std::string text;
  for (const Field& field : Fields()) {
    const std::string value = field.write(c);
    if (!(field.omitted_when_empty && value.empty())) text += std::string(field.key) + "=" + value + separator;
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
  for (const std::string& raw : Split(normalized, '\n')) {
    ++entry;
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      error = "Entry " + std::to_string(entry) + " ('" + line.substr(0, 40) + "') is not of the form key=value.";
      return false;
    }
    std::string key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    const Field* field = nullptr;
    for (const Field& f : Fields())
      if (key == f.key) field = &f;
    if (!field) {
      if (entries.unknown.size() < 20) entries.unknown.push_back(key.substr(0, 40));
      continue;
    }
    entries.given.push_back(field->key);
    if (!field->read(value, c)) {
      error = "The value of '" + key + "' ('" + value.substr(0, 40) + "') is malformed or out of range.";
      return false;
    }
  }
  out = c;
  return true;
}

}  // namespace netlab
