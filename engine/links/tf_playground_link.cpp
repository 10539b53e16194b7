#include "links/tf_playground_link.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "links/percent_encoding.h"
#include "tfplayground/experiment.h"
#include "tfplayground/link.h"
#include "links/config_text.h"
#include "config/settings.h"

namespace netlab {

bool IsTfPlaygroundLink(const std::string& link) { return tfplayground::LooksLikeTfPlaygroundLink(link); }

namespace {

// TF Playground's control names (State.PROPS, as its `_hide` keys spell them) -> Netlab's (config/course.h).
const char* NetlabControlOf(const std::string& tf_name) {
  static const std::pair<const char*, const char*> table[] = {
      {"activation", "activation"},        {"regularization", "regularization"}, {"regularizationRate", "regularization"},
      {"batchSize", "batch_size"},         {"dataset", "dataset"},               {"regDataset", "dataset"},
      {"learningRate", "learning_rate"},   {"noise", "noise"},                   {"networkShape", "layers"},
      {"seed", "seed"},                    {"showTestData", "show_test_data"},   {"percTrainData", "train_fraction"},
      {"x", "x1"},                         {"y", "x2"},                          {"xTimesY", "x1_times_x2"},
      {"xSquared", "x1_squared"},          {"ySquared", "x2_squared"},           {"sinX", "sin_x1"},
      {"sinY", "sin_x2"},                  {"initZero", "initializer"},
  };
  for (const auto& row : table)
    if (tf_name == row.first) return row.second;
  return nullptr;
}

// Netlab's course keys (hide, lock, goal_*) may ride on a TF Playground link: a teacher adds them to an
// old link. TF Playground itself ignores names it does not know. They are %-decoded one by one and read
// by the config parser alone: never by the link decoder, which would take a value naming
// playground.tensorflow.org for another TF Playground link and read its course keys again, without end
// (tests/config/course_test.cpp, "course keys ... are read once").
bool ReadCourseKeys(const std::string& link, CourseConfig& course, std::string& error,
                    std::vector<std::string>* notices) {
  const size_t hash = link.find('#');
  const std::string fragment = hash == std::string::npos ? link : link.substr(hash + 1);
  std::string text;
  size_t start = 0;
  while (start <= fragment.size()) {
    size_t end = fragment.find('&', start);
    if (end == std::string::npos) end = fragment.size();
    const std::string pair = fragment.substr(start, end - start);
    const std::string name = pair.substr(0, pair.find('='));
    // Every course key of the settings table (and a mistyped goal_ key, which the parser then names).
    const Setting* setting = FindSetting(name);
    if ((setting && setting->section == SettingSection::kCourse) || name.rfind("goal_", 0) == 0) {
      std::string line;
      if (!PercentDecode(pair, line)) {
        error = "The course key '" + name.substr(0, 40) + "' has a broken %-escape (it may have been cut off).";
        return false;
      }
      // One line per key: a decoded '&' or line break stays inside its value instead of starting a key.
      for (char& c : line)
        if (c == '\n' || c == '\r' || c == '&') c = ' ';
      text += line + "\n";
    }
    start = end + 1;
  }
  if (text.empty()) return true;
  Config parsed;
  if (!ParseConfig(text, parsed, error, notices)) return false;
  // Every course key as the text gives it, the hidden controls added to those TF Playground's own keys hid.
  std::vector<std::string> hidden = course.hidden;
  for (const std::string& name : parsed.course.hidden)
    if (std::find(hidden.begin(), hidden.end(), name) == hidden.end()) hidden.push_back(name);
  course = parsed.course;
  course.hidden = hidden;
  return true;
}

}  // namespace

Config NetlabEquivalent(const tfplayground::Settings& s, std::vector<std::string>* notices) {
  auto note = [&](const std::string& text) {
    if (notices) notices->push_back(text);
  };
  Config c;
  const std::string kind = s.regression ? s.reg_dataset : s.dataset;
  c.data.kind = kind == "gauss" ? "gaussians" : kind == "reg-plane" ? "regression_plane"
              : kind == "reg-gauss" ? "regression_gaussians" : kind;
  c.data.samples = s.regression ? tfplayground::kRegressionSamples : tfplayground::kClassificationSamples;
  c.data.noise = float(std::min(1.0, s.noise / 100));
  c.data.train_fraction = float(std::max(0.05, std::min(0.95, s.perc_train_data / 100)));
  c.features.clear();
  const std::pair<bool, const char*> features[] = {{s.x, "x1"},          {s.y, "x2"},          {s.x_squared, "x1_squared"},
                                                   {s.y_squared, "x2_squared"}, {s.x_times_y, "x1_times_x2"},
                                                   {s.sin_x, "sin_x1"},     {s.sin_y, "sin_x2"}};
  for (const auto& f : features)
    if (f.first) c.features.push_back(f.second);
  if (c.features.empty()) {
    note("TF Playground link has no input feature; Netlab's own model needs one and would use x1.");
    c.features = {"x1"};
  }
  c.hidden.clear();
  for (double size : s.network_shape) {
    LayerConfig layer;
    layer.units = std::max(1, tfplayground::NodeCount(size));
    layer.activation = s.activation;
    c.hidden.push_back(layer);
  }
  // TF Playground: one tanh (classification) or linear (regression) output, squared error on ±1 labels.
  c.loss = "mse";
  c.output_activation = s.regression ? "linear" : "tanh";
  c.initializer = s.init_zero ? "zeros" : "uniform";
  c.init_scale = 0.5f;
  c.optimizer.kind = "sgd";
  // Netlab's ranges are narrower than what a link may say; faithful mode itself uses the link's values.
  auto within = [&](double v, double low, double high, const char* what) {
    const double kept = std::max(low, std::min(high, v));
    if (kept != v) note(std::string("Netlab's own model would use ") + what + " " + std::to_string(kept) + ".");
    return float(kept);
  };
  c.optimizer.learning_rate = within(s.learning_rate, 1e-7, 10, "learning rate");
  // SGD with l1 (l2) adds lr * l1 * sign(w) (lr * l2 * w) to the step, as TF Playground's rate does.
  if (s.regularization == "L1") c.regularization.l1 = within(s.regularization_rate, 0, 1, "L1 strength");
  if (s.regularization == "L2") c.regularization.l2 = within(s.regularization_rate, 0, 1, "L2 strength");
  c.batch_size = std::max(1, std::min(kMaxSamples, tfplayground::NodeCount(s.batch_size)));
  // `<control>_hide` keys hide Netlab's control of the same setting (config/course.h).
  for (const std::string& name : s.hidden_controls) {
    const char* control = NetlabControlOf(name);
    if (!control) {
      note("TF Playground's " + name + "_hide has no Netlab control to hide (" + name + " is not a control here).");
      continue;
    }
    if (std::find(c.course.hidden.begin(), c.course.hidden.end(), control) == c.course.hidden.end())
      c.course.hidden.push_back(control);
  }
  uint64_t h = 1469598103934665603ull;  // FNV-1a of the seed text: Netlab's seeds are integers
  for (char ch : s.seed) h = (h ^ uint8_t(ch)) * 1099511628211ull;
  c.seed = h % (1ull << 53);
  return c;
}

bool DecodeTfPlaygroundLink(const std::string& link, Config& out, std::string& error,
                            std::vector<std::string>* notices) {
  tfplayground::Settings settings;
  if (!tfplayground::ParseTfPlaygroundLink(link, settings, error, notices)) return false;
  std::vector<std::string> equivalent_notes;
  Config config = NetlabEquivalent(settings, &equivalent_notes);
  // Of the equivalent's notes only the _hide ones concern what the page shows; the rest are about
  // Netlab's own model, which an edit would start (faithful mode uses the link's values).
  for (const std::string& note : equivalent_notes)
    if (notices && note.find("_hide") != std::string::npos) notices->push_back(note);
  const std::string why = ValidateConfig(config);
  if (!why.empty()) {
    // Faithful mode does not need it, but every edit continues from this config.
    error = "The TF Playground link opens, but Netlab's equivalent is refused: " + why;
    return false;
  }
  if (!ReadCourseKeys(link, config.course, error, notices)) return false;
  config.tf_playground = settings;
  out = config;
  return true;
}

namespace {

// The shortest decimal that reads back as `f`, as a double: a link says 0.03, not 0.029999999329447746.
double ShortestDecimal(float f) {
  char text[32];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, double(f));
    if (std::strtof(text, nullptr) == f) break;
  }
  return std::strtod(text, nullptr);
}

}  // namespace

bool TfPlaygroundLink(const Config& config, std::string& url, std::string& why) {
  tfplayground::Settings settings;
  if (!TfPlaygroundEquivalent(config, std::to_string(config.seed), settings, why)) return false;
  url = "https://playground.tensorflow.org/#" + tfplayground::TfPlaygroundFragment(settings);
  return true;
}

bool TfPlaygroundEquivalent(const Config& c, const std::string& seed, tfplayground::Settings& out, std::string& why) {
  if (c.tf_playground) {
    out = *c.tf_playground;
    return true;
  }
  auto refuse = [&](const std::string& text) {
    why = "TF Playground has no " + text + ".";
    return false;
  };
  tfplayground::Settings s;
  const std::pair<const char*, const char*> kinds[] = {{"circle", "circle"},         {"xor", "xor"},
                                                       {"gaussians", "gauss"},       {"spiral", "spiral"},
                                                       {"regression_plane", "reg-plane"},
                                                       {"regression_gaussians", "reg-gauss"}};
  const char* kind = nullptr;
  for (const auto& k : kinds)
    if (c.data.kind == k.first) kind = k.second;
  if (!kind) return refuse("dataset '" + c.data.kind + "'");
  s.regression = c.data.kind.rfind("regression", 0) == 0;
  (s.regression ? s.reg_dataset : s.dataset) = kind;
  if (c.data.samples != (s.regression ? tfplayground::kRegressionSamples : tfplayground::kClassificationSamples))
    return refuse("sample count other than 500 (classification) or 1200 (regression)");
  s.noise = std::round(double(c.data.noise) * 100);
  s.perc_train_data = std::round(double(c.data.train_fraction) * 100);
  s.x = s.y = false;
  for (const std::string& f : c.features) {
    if (f == "x1") s.x = true;
    else if (f == "x2") s.y = true;
    else if (f == "x1_squared") s.x_squared = true;
    else if (f == "x2_squared") s.y_squared = true;
    else if (f == "x1_times_x2") s.x_times_y = true;
    else if (f == "sin_x1") s.sin_x = true;
    else if (f == "sin_x2") s.sin_y = true;
    else return refuse("input feature '" + f + "'");
  }
  s.network_shape.clear();
  for (const LayerConfig& l : c.hidden) {
    if (!(l == LayerConfig{l.units, l.activation})) return refuse("normalization, skip, dropout or DropConnect");
    if (l.activation != c.hidden[0].activation) return refuse("per-layer activations (one for all hidden layers)");
    if (l.units > 8) return refuse("layer wider than 8 nodes in its controls");
    s.network_shape.push_back(l.units);
  }
  if (c.hidden.size() > 6) return refuse("more than 6 hidden layers in its controls");
  s.activation = c.hidden.empty() ? "tanh" : c.hidden[0].activation;
  if (s.activation != "tanh" && s.activation != "relu" && s.activation != "sigmoid" && s.activation != "linear")
    return refuse("activation '" + s.activation + "'");
  if (c.loss != "mse" || c.output_activation != (s.regression ? "linear" : "tanh"))
    return refuse(std::string("loss other than squared error on a ") + (s.regression ? "linear" : "tanh") + " output");
  if (c.initializer == "zeros") s.init_zero = true;
  else if (c.initializer != "uniform" || c.init_scale != 0.5f) return refuse("initializer other than U(-0.5, 0.5)");
  if (c.optimizer.kind != "sgd") return refuse("optimizer other than plain SGD");
  if (c.schedule.kind != "constant") return refuse("learning-rate schedule");
  const RegularizationConfig& r = c.regularization;
  if (r.clip_norm > 0 || r.validation_fraction > 0) return refuse("gradient clipping or early stopping");
  if (r.l1 > 0 && r.l2 > 0) return refuse("L1 and L2 together");
  s.regularization = r.l1 > 0 ? "L1" : r.l2 > 0 ? "L2" : "none";
  s.regularization_rate = ShortestDecimal(r.l1 > 0 ? r.l1 : r.l2);
  s.learning_rate = ShortestDecimal(c.optimizer.learning_rate);
  s.batch_size = c.batch_size;
  s.seed = seed;
  out = s;
  return true;
}

}  // namespace netlab
