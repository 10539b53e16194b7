#include "links/config_text.h"

#include "optim/optimizer.h"

#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <sstream>

#include "nn/activation.h"
#include "data/dataset.h"
#include "nn/initializer.h"
#include "data/input_features.h"
#include "nn/loss.h"
#include "train/network_builder.h"
#include "tasks/table.h"

namespace netlab {
namespace {

bool InRange(float v, float low, float high) { return std::isfinite(v) && v >= low && v <= high; }

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

bool OneOf(const std::string& value, std::initializer_list<const char*> options) {
  for (const char* o : options)
    if (value == o) return true;
  return false;
}

}  // namespace

namespace {

// The playground's checks (version 1): 2-D data, input features, dense hidden layers.
std::string ValidatePlayground(const Config& c) {
  if (!FindDatasetKind(c.data.kind)) return "Unknown dataset '" + c.data.kind + "'.";
  if (c.data.samples < kMinSamples || c.data.samples > kMaxSamples)
    return "Samples must be between " + std::to_string(kMinSamples) + " and " + std::to_string(kMaxSamples) + ".";
  if (!InRange(c.data.noise, 0.0f, 1.0f)) return "Noise must be between 0 and 1.";
  if (!InRange(c.data.train_fraction, 0.05f, 0.95f)) return "The training share must be between 0.05 and 0.95.";
  if (c.features.empty()) return "Choose at least one input feature.";
  if (c.features.size() > Features().size()) return "Too many input features.";
  for (const std::string& f : c.features)
    if (!FindFeature(f)) return "Unknown input feature '" + f + "'.";
  if (c.hidden.size() > size_t(kMaxHiddenLayers))
    return "At most " + std::to_string(kMaxHiddenLayers) + " hidden layers are supported.";
  for (size_t i = 0; i < c.hidden.size(); ++i)
    if (c.hidden[i].kind != "dense")
      return "Layer " + std::to_string(i + 1) + " (" + c.hidden[i].kind +
             "): the 2-D playground trains dense layers; convolution, pooling and recurrent layers need the "
             "image classification or sequence tasks.";
  const Loss* loss = FindLoss(c.loss);
  if (FindDatasetKind(c.data.kind)->regression && loss && !loss->regression)
    return "Regression data needs a regression loss; '" + std::string(loss->label) + "' is for classes.";
  return "";
}

// The lessons' keys (LessonConfig) and the layers the perceptron and flow tasks read.
std::string ValidateLesson(const Config& c) {
  const LessonConfig& l = c.lesson;
  if (!OneOf(l.perceptron_rule, {"rosenblatt", "sigmoid"}))
    return "Unknown perceptron rule '" + l.perceptron_rule + "' (rosenblatt or sigmoid).";
  if (!OneOf(l.perceptron_update, {"incremental", "batch"}))
    return "Unknown perceptron update '" + l.perceptron_update + "' (incremental or batch).";
  if (!OneOf(l.flow, {"planar", "additive_coupling", "affine_coupling"}))
    return "Unknown flow '" + l.flow + "' (planar, additive_coupling or affine_coupling).";
  if (l.flow_layers < 1 || l.flow_layers > 32) return "A flow has between 1 and 32 layers.";
  if (!InRange(l.label_noise, 0.0f, 1.0f)) return "The label noise must be between 0 and 1.";
  if (l.rbm_hidden < 1 || l.rbm_hidden > 20)
    return "The RBM beside MADE has 1 to 20 hidden units (its log Z sums over 2^h hidden states).";
  if (c.task == "made") {
    if (c.hidden.empty() || c.hidden.size() > 4) return "MADE has 1 to 4 dense hidden layers.";
    for (const LayerConfig& h : c.hidden) {
      const Activation* a = FindActivation(h.activation);
      if (h.kind != "dense" || !a || !a->elementwise)
        return "MADE's hidden layers are dense, with an elementwise activation such as relu or tanh.";
    }
  }
  if (c.task == "dbm" && (c.hidden.size() != 2 || c.hidden[0].kind != "dense" || c.hidden[1].kind != "dense" ||
                          c.hidden[0].units > 20))
    return "The deep Boltzmann machine has two dense layers, the first of at most 20 units (its log Z sums "
           "over their 2^h1 states).";
  if (!InRange(l.gumbel_temperature, 0.001f, 100.0f) || !InRange(l.gumbel_temperature_min, 0.001f, 100.0f))
    return "The Gumbel-softmax temperature and its floor must be between 0.001 and 100.";
  if (!InRange(l.gumbel_anneal, 0.0f, 1.0f)) return "The temperature's annealing rate must be between 0 and 1.";
  if (c.task == "gumbel-vae" && (c.family.latent > 16 || c.family.latent * l.categories > 256))
    return "The categorical latent has at most 16 groups and 256 categories in all (groups x categories).";
  if (!InRange(l.discount, 0.0f, 0.999f)) return "The discount gamma must be between 0 and 0.999.";
  if (!InRange(l.epsilon_start, 0.0f, 1.0f) || !InRange(l.epsilon_end, 0.0f, 1.0f))
    return "Epsilon (start and end) must be between 0 and 1.";
  if (c.task == "flow" && (c.hidden.size() != 1 || c.hidden[0].kind != "dense"))
    return "The normalizing flow reads one dense layer: the width of its coupling networks.";
  if (c.task == "flow" && c.data.kind == "drawn" && c.data.painted.empty())
    return "The drawn target needs points (points=x:y:label,...): draw some first.";
  return "";
}

// The other tasks' data and architecture (workbench/tasks.h); shapes are checked by PlanStack.
std::string ValidateTask(const Config& c, const Task& task) {
  bool known_data = false;
  for (const std::string& kind : task.data) known_data = known_data || kind == c.data.kind;
  if (!known_data) {
    std::string options;
    for (const std::string& kind : task.data) options += (options.empty() ? "" : ", ") + kind;
    return "The " + std::string(task.label) + " task reads " + options + " data, not '" + c.data.kind + "'.";
  }
  if (c.data.kind == "file" && c.data.file.empty()) return "Name the data file (data_file=...).";
  const std::string task_name = task.name;
  auto count = [&](const char* kind) {
    int n = 0;
    for (const LayerConfig& l : c.hidden) n += l.kind == kind;
    return n;
  };
  const int dense = count("dense"), recurrent = count("lstm") + count("gru") + count("rnn");
  if (task_name == "sequence" && (c.hidden.size() != 1 || recurrent != 1))
    return "The sequence task trains one recurrent layer (lstm, gru or rnn) and a linear readout.";
  const bool stacked = task_name == "rbm" || task_name == "dbn" || task_name == "autoencoder" ||
                       task_name == "vae" || task_name == "gan" || task_name == "sbn" || task_name == "dqn" ||
                       task_name == "attention" || task_name == "gumbel-vae";
  if (stacked && dense != int(c.hidden.size()))
    return "The " + std::string(task.label) + " is built from dense layers only.";
  if ((task_name == "rbm" || task_name == "vae" || task_name == "gan" || task_name == "attention" ||
       task_name == "gumbel-vae") &&
      c.hidden.size() != 1)
    return "The " + std::string(task.label) + " has one hidden layer: give exactly one.";
  if ((task_name == "dbn" || task_name == "autoencoder" || task_name == "sbn") &&
      (c.hidden.empty() || c.hidden.size() > 4))
    return "A deep belief net stacks 1 to 4 RBMs: give 1 to 4 dense layers.";
  if (task_name == "attention" && (c.family.sequence_length < 2 || c.family.sequence_length > 12))
    return "The attention toy reverses sequences of 2 to 12 tokens.";
  if (task_name == "dqn" && (c.hidden.empty() || c.hidden.size() > 4))
    return "The Q-network has 1 to 4 dense hidden layers.";
  if (task_name == "classify") {
    const Loss* loss = FindLoss(c.loss);
    if (loss && !loss->one_hot_targets)
      return "Classification into several classes needs softmax cross-entropy or the multiclass hinge loss, not '" +
             std::string(loss->label) + "'.";
    const DataShape shape = KnownDataShape(c.data.kind);
    if (shape.known()) {
      const StackPlan plan = PlanStack(c, shape, shape.classes);
      if (!plan.error.empty()) return plan.error;
    }
  }
  const std::string lesson_error = ValidateLesson(c);
  if (!lesson_error.empty()) return lesson_error;
  const FamilyConfig& f = c.family;
  if (!InRange(f.kl_weight, 0.0f, 100.0f)) return "The KL weight must be between 0 and 100.";
  if (!InRange(f.discriminator_learning_rate, 1e-7f, 10.0f))
    return "The discriminator's learning rate must be between 1e-7 and 10.";
  return "";
}

}  // namespace

std::string ValidateConfig(const Config& c) {
  const Task* task = FindTask(c.task);
  if (!task) return "Unknown task '" + c.task + "'.";
  const std::string task_error = c.task == "playground" ? ValidatePlayground(c) : ValidateTask(c, *task);
  if (!task_error.empty()) return task_error;
  if (c.hidden.size() > size_t(kMaxStackLayers))
    return "At most " + std::to_string(kMaxStackLayers) + " layers are supported.";
  for (const LayerConfig& layer : c.hidden) {
    if (layer.kind != "dense") continue;  // the other kinds are checked with their shapes (PlanStack)
    if (layer.units < 1 || layer.units > kMaxUnits)
      return "A hidden layer needs between 1 and " + std::to_string(kMaxUnits) + " units.";
    if (!FindActivation(layer.activation)) return "Unknown activation '" + layer.activation + "'.";
    if (layer.pieces < 2 || layer.pieces > kMaxMaxoutPieces)
      return "Maxout needs between 2 and " + std::to_string(kMaxMaxoutPieces) + " pieces.";
    if (!OneOf(layer.norm, {"none", "batch", "layer"})) return "Unknown normalization '" + layer.norm + "'.";
    if (!OneOf(layer.skip, {"none", "residual", "highway", "dense"})) return "Unknown skip connection '" + layer.skip + "'.";
    if (layer.skip == "dense" && c.task != "classify")
      return "The dense skip (DenseNet's concatenation) widens the next layer's input; only the classification "
             "task's layer stack takes it.";
    if (!InRange(layer.dropout, 0.0f, 0.95f) || !InRange(layer.dropconnect, 0.0f, 0.95f))
      return "Dropout and DropConnect probabilities must be between 0 and 0.95.";
  }
  if (!FindActivation(c.output_activation)) return "Unknown output activation '" + c.output_activation + "'.";
  if (!FindActivation(c.output_activation)->elementwise)
    return "The output activation must be element-wise (not " + c.output_activation + ").";
  const Loss* loss = FindLoss(c.loss);
  if (!loss) return "Unknown loss '" + c.loss + "'.";
  if (!FindInitializer(c.initializer)) return "Unknown initializer '" + c.initializer + "'.";
  if (!InRange(c.init_scale, 0.0f, 100.0f)) return "The initializer scale must be between 0 and 100.";
  const OptimizerSettings& o = c.optimizer;
  if (!FindOptimizerKind(o.kind)) return "Unknown optimizer '" + o.kind + "'.";
  if (!InRange(o.learning_rate, 1e-7f, 10.0f)) return "The learning rate must be between 1e-7 and 10.";
  if (!InRange(o.momentum, 0.0f, 0.9999f)) return "Momentum must be between 0 and 0.9999.";
  if (!InRange(o.beta1, 0.0f, 0.9999f) || !InRange(o.beta2, 0.0f, 0.999999f)) return "Adam's betas must be in [0, 1).";
  if (!InRange(o.epsilon, 1e-12f, 1.0f)) return "Epsilon must be between 1e-12 and 1.";
  if (!InRange(o.rho, 0.0f, 0.9999f)) return "RMSprop's rho must be between 0 and 0.9999.";
  if (!InRange(o.weight_decay, 0.0f, 1.0f)) return "Weight decay must be between 0 and 1.";
  if (!InRange(o.temperature, 0.0f, 1.0f)) return "The SGLD temperature must be between 0 and 1.";
  if (!OneOf(c.schedule.kind, {"constant", "step", "exponential", "cosine"}))
    return "Unknown learning-rate schedule '" + c.schedule.kind + "'.";
  if (c.schedule.decay_steps < 1) return "Decay steps must be at least 1.";
  if (!InRange(c.schedule.gamma, 0.0f, 1.0f)) return "The schedule's gamma must be between 0 and 1.";
  const RegularizationConfig& r = c.regularization;
  if (!InRange(r.l1, 0.0f, 1.0f) || !InRange(r.l2, 0.0f, 1.0f)) return "L1 and L2 strengths must be between 0 and 1.";
  if (!InRange(r.clip_norm, 0.0f, 1e6f)) return "The gradient clipping norm must be between 0 (off) and 1e6.";
  if (!InRange(r.validation_fraction, 0.0f, 0.5f)) return "The validation share must be between 0 (off) and 0.5.";
  if (r.patience < 1) return "Patience must be at least 1.";
  if (c.batch_size < 1 || c.batch_size > kMaxSamples)
    return "The batch size must be between 1 and " + std::to_string(kMaxSamples) + ".";
  for (const LayerConfig& layer : c.hidden)
    if (layer.norm == "batch" && c.batch_size < 2)
      return "Batch norm needs a batch of at least 2 samples to measure a variance: raise the batch size or "
             "use layer norm.";
  bool known_view = false;
  std::string views;
  for (const std::string& v : task->views) {
    known_view = known_view || v == c.view;
    views += (views.empty() ? "" : ", ") + v;
  }
  if (!known_view) return "Unknown view '" + c.view + "' for the " + task->label + " task (" + views + ").";
  if (!OneOf(c.layout, {"full", "compact"})) return "Unknown layout '" + c.layout + "' (full or compact).";
  if (!OneOf(c.palette, {"standard", "colorblind"}))
    return "Unknown palette '" + c.palette + "' (standard or colorblind).";
  return ValidateCourse(c.course);
}

std::string ConfigToText(const Config& c, char separator) {
  std::string text;
  for (const Field& field : Fields()) {
    const std::string value = field.write(c);
    if (!(field.omitted_when_empty && value.empty())) text += std::string(field.key) + "=" + value + separator;
  }
  return text;
}

bool ParseConfig(const std::string& text, Config& out, std::string& error, std::vector<std::string>* notices) {
  if (text.size() > kMaxConfigTextBytes) {
    error = "The configuration is too long (over 64 KB).";
    return false;
  }
  Config c;
  std::string normalized = text;
  for (char& ch : normalized)
    if (ch == '&') ch = '\n';
  int entry = 0;
  bool view_given = false, loss_given = false;
  std::vector<std::string> unknown;
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
      if (unknown.size() < 20) unknown.push_back(key.substr(0, 40));
      continue;
    }
    view_given = view_given || key == "view";
    loss_given = loss_given || key == "loss";
    if (!field->read(value, c)) {
      error = "The value of '" + key + "' ('" + value.substr(0, 40) + "') is malformed or out of range.";
      return false;
    }
  }
  // A task's own defaults: without a view key it opens on its first tab; classification without a loss
  // key takes softmax cross-entropy (the playground's default, sigmoid cross-entropy, is for two classes).
  const Task* task = FindTask(c.task);
  if (!view_given && task) c.view = task->views.front();
  if (!loss_given && c.task == "classify") c.loss = "softmax_ce";
  std::string invalid = ValidateConfig(c);
  if (!invalid.empty()) {
    error = invalid;
    return false;
  }
  if (notices) {
    const std::string origin = c.version > kConfigVersion
                                   ? " (from a newer config version " + std::to_string(c.version) + ")"
                                   : "";
    for (const std::string& key : unknown) notices->push_back("Ignored unknown setting '" + key + "'" + origin + ".");
  }
  c.version = kConfigVersion;
  out = c;
  return true;
}

bool SameModelAndData(const Config& a, const Config& b) {
  Config x = a;
  CopyLiveSettings(b, x);
  return ConfigToText(x) == ConfigToText(b);
}

}  // namespace netlab
