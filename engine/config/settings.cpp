#include "config/settings.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include "config/config_text.h"
#include "data/input_features.h"
#include "data/painted_points.h"
#include "optim/loss_surface.h"
#include "optim/optimizer.h"

namespace netlab {
namespace {

using S = SettingSection;
using T = SettingType;

// A row over one field: the text form follows from the accessor.
Setting FloatRow(const char* key, S section, const char* label, double low, double high, float& (*get)(Config&)) {
  Setting s{key, T::kFloat, section, label, ""};
  s.low = low, s.high = high, s.as_float = get;
  s.write = [get](const Config& c) { return FormatFloat(get(const_cast<Config&>(c))); };
  s.read = [get](const std::string& v, Config& c) { return ParseFloat(v, get(c)); };
  return s;
}
Setting IntRow(const char* key, S section, const char* label, long long low, long long high, int& (*get)(Config&)) {
  Setting s{key, T::kInt, section, label, ""};
  s.low = double(low), s.high = double(high), s.as_int = get;
  s.write = [get](const Config& c) { return std::to_string(get(const_cast<Config&>(c))); };
  // Whole numbers are checked against the range as they are read (a float's range by ValidateSettings).
  s.read = [get, low, high](const std::string& v, Config& c) {
    long long x = 0;
    if (!ParseInt(v, low, high, x)) return false;
    get(c) = int(x);
    return true;
  };
  return s;
}
Setting TextRow(const char* key, T type, S section, const char* label, std::string& (*get)(Config&),
                std::vector<SettingChoice> choices = {}) {
  Setting s{key, type, section, label, ""};
  s.as_text = get, s.choices = std::move(choices);
  s.write = [get](const Config& c) { return get(const_cast<Config&>(c)); };
  s.read = [get](const std::string& v, Config& c) {
    get(c) = v;
    return v.size() <= 64;
  };
  return s;
}
Setting BoolRow(const char* key, S section, const char* label, bool& (*get)(Config&)) {
  Setting s{key, T::kBool, section, label, ""};
  s.as_bool = get;
  s.write = [get](const Config& c) { return std::string(get(const_cast<Config&>(c)) ? "1" : "0"); };
  s.read = [get](const std::string& v, Config& c) {
    if (v != "0" && v != "1") return false;
    get(c) = v == "1";
    return true;
  };
  return s;
}
Setting ListRow(const char* key, S section, const char* label, std::function<std::string(const Config&)> write,
                std::function<bool(const std::string&, Config&)> read, bool omitted_when_empty = false) {
  Setting s{key, T::kList, section, label, ""};
  s.write = std::move(write), s.read = std::move(read), s.omitted_when_empty = omitted_when_empty;
  return s;
}

// A course key holding a whole number from `low` to `high`, left out of the text while 0.
template <class T>
Setting CourseCountRow(const char* key, const char* label, long long low, long long high, T CourseConfig::*field) {
  return ListRow(key, S::kCourse, label,
                 [field](const Config& c) { return c.course.*field > 0 ? std::to_string(c.course.*field) : std::string(); },
                 [field, low, high](const std::string& v, Config& c) {
                   long long x = 0;
                   if (!ParseInt(v, low, high, x)) return false;
                   c.course.*field = T(x);
                   return true;
                 },
                 true);
}

Setting Explained(Setting s, std::string (*problem)(const std::string&)) {
  s.problem = problem;
  return s;
}
Setting Tip(Setting s, const char* tooltip) {
  s.tooltip = tooltip;
  return s;
}
Setting Slider(Setting s, double low, double high, bool log_scale = false) {
  s.slider_low = low, s.slider_high = high, s.log_scale = log_scale;
  return s;
}
// A key added after version 2: written only when it differs from the default, so that links that do
// not use it read as before.
Setting Optional(Setting s, std::string default_value) {
  auto write = s.write;
  s.write = [write, default_value](const Config& c) {
    const std::string value = write(c);
    return value == default_value ? std::string() : value;
  };
  s.omitted_when_empty = true;
  return s;
}

// gumbel_alpha: the Gumbel-max trick's four weights, "1,2,3,4", each in [0.05, 20].
constexpr int kGumbelClasses = 4;
std::string FormatFloats(const std::vector<float>& values) {
  std::string text;
  for (float v : values) text += (text.empty() ? "" : ",") + FormatFloat(v);
  return text;
}
bool ReadGumbelAlpha(const std::string& text, Config& c) {
  if (text.empty()) {  // the key left out: the view's default
    c.show.gumbel_alpha = ShowConfig().gumbel_alpha;
    return true;
  }
  const std::vector<std::string> parts = SplitText(text, ',');
  if (parts.size() != size_t(kGumbelClasses)) return false;
  std::vector<float> alpha(parts.size());
  for (size_t k = 0; k < parts.size(); ++k)
    if (!ParseFloat(parts[k], alpha[k]) || !(alpha[k] >= 0.05f && alpha[k] <= 20.0f)) return false;
  c.show.gumbel_alpha = alpha;
  return true;
}
std::string GumbelAlphaProblem(const std::string&) {
  return "four weights between 0.05 and 20, separated by commas, such as 1,2,3,4";
}

// backprop: the lecture example's five numbers, "w1,w2,x1,x2,y", each finite and at most 1e6 in size.
std::string FormatDoubles(const std::vector<double>& values) {
  std::string text;
  char number[32];
  for (double v : values) {
    std::snprintf(number, sizeof number, "%.10g", v);
    text += (text.empty() ? "" : ",") + std::string(number);
  }
  return text;
}
bool ReadBackprop(const std::string& text, Config& c) {
  if (text.empty()) {  // the key left out: the view's default
    c.show.backprop = ShowConfig().backprop;
    return true;
  }
  const std::vector<std::string> parts = SplitText(text, ',');
  if (parts.size() != 5) return false;
  std::vector<double> values(5);
  for (size_t i = 0; i < 5; ++i) {
    char* end = nullptr;
    values[i] = std::strtod(parts[i].c_str(), &end);
    if (parts[i].empty() || *end != '\0' || !std::isfinite(values[i]) || std::fabs(values[i]) > 1e6) return false;
  }
  c.show.backprop = values;
  return true;
}
std::string BackpropProblem(const std::string&) {
  return "five numbers w1,w2,x1,x2,y (each at most 1e6 in size), such as 0.02,0.01,3,5,0";
}

// race: "kind:step" a racer, "kind:step:off" one that waits; kinds from the optimizer registry.
std::string FormatRacers(const std::vector<RacerConfig>& racers) {
  std::string text;
  for (const RacerConfig& r : racers)
    text += (text.empty() ? "" : ",") + r.kind + ":" + FormatFloat(r.learning_rate) + (r.on ? "" : ":off");
  return text;
}
bool ReadRacers(const std::string& text, Config& c) {
  std::vector<RacerConfig> racers;
  for (const std::string& entry : text.empty() ? std::vector<std::string>() : SplitText(text, ',')) {
    const std::vector<std::string> parts = SplitText(entry, ':');
    RacerConfig r;
    if (parts.size() < 2 || parts.size() > 3 || !FindOptimizerKind(parts[0])) return false;
    r.kind = parts[0];
    if (!ParseFloat(parts[1], r.learning_rate) || !(r.learning_rate >= 1e-5f && r.learning_rate <= 1.0f)) return false;
    if (parts.size() == 3 && parts[2] != "off") return false;
    r.on = parts.size() == 2;
    racers.push_back(r);
  }
  c.show.racers = racers;
  return true;
}
std::string RacersProblem(const std::string&) {
  std::string kinds;
  for (const OptimizerKind& k : OptimizerKinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k.name);
  return "racers as optimizer:step or optimizer:step:off, separated by commas (optimizers: " + kinds +
         "; steps between 1e-05 and 1), such as sgd:0.01,adam:0.05:off";
}
std::string RaceSurfaceProblem(const std::string&) {
  std::string names;
  for (const LossSurface& surface : LossSurfaces()) names += (names.empty() ? "" : ", ") + std::string(surface.name);
  return "one of " + names;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += (text.empty() ? "" : ",") + n;
  return text;
}
bool ReadNames(const std::string& text, std::vector<std::string>& names) {
  names = text.empty() ? std::vector<std::string>{} : SplitText(text, ',');
  return names.size() <= 64;
}

std::string Number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> rows = {
      {"version", T::kInt, S::kPage, "Config version", "The config format's version, written first; bumped only when a key changes meaning (version 3: keys left out take the task's example values).", 1, 1000000, 0, 0, false, {}, nullptr, nullptr, nullptr,
       nullptr, [](const Config&) { return std::to_string(kConfigVersion); },
       [](const std::string& v, Config& c) {
         long long version = 0;
         if (!ParseInt(v, 1, 1000000, version)) return false;
         c.version = int(version);
         return true;
       }},
      Tip(TextRow("task", T::kChoice, S::kTask, "Task", [](Config& c) -> std::string& { return c.task; }),
          "What is trained: one of the task table's names (docs/config.md, Tasks)."),
      Tip(TextRow("dataset", T::kChoice, S::kData, "Data", [](Config& c) -> std::string& { return c.data.kind; }),
          "The data: the playground's 2-D generators, or one of the task's own kinds (Tasks)."),
      Tip(TextRow("data_file", T::kText, S::kData, "Data file", [](Config& c) -> std::string& { return c.data.file; }),
          "With dataset=file: the name of the student's file the config needs (the page asks for it; natively --data FILE)."),
      Tip(Slider(IntRow("samples", S::kData, "Samples", kMinSamples, kMaxSamples,
                    [](Config& c) -> int& { return c.data.samples; }),
             kMinSamples, kMaxSamples, true),
          "How many points the generator draws (the perceptron: its points)."),
      Tip(FloatRow("noise", S::kData, "Noise", 0, 1, [](Config& c) -> float& { return c.data.noise; }),
          "How far the generated points scatter (the sequence task: noise on the waves)."),
      Tip(Slider(FloatRow("train_fraction", S::kData, "Training share", 0.05, 0.95,
                      [](Config& c) -> float& { return c.data.train_fraction; }),
             0.1, 0.9),
          "The share of the points trained on; the rest is the test set."),
      Tip(ListRow("points", S::kData, "Drawn points", [](const Config& c) { return FormatPaintedPoints(c.data.painted); },
              [](const std::string& v, Config& c) {
                std::string e;
                return ParsePaintedPoints(v, c.data.painted, e);
              },
              true),
          "Points painted on the playground's heatmap (x:y:label, up to 200): they join the training set, never the test set. The flow's drawn target."),
      Tip(ListRow("features", S::kData, "Input features", [](const Config& c) { return JoinNames(c.features); },
              [](const std::string& v, Config& c) {
                c.features = SplitText(v, ',');
                return c.features.size() <= Features().size();
              }),
          "The playground's input features: x1, x2, x1_squared, x2_squared, x1_times_x2, sin_x1, sin_x2."),
      Explained(Tip(ListRow("layers", S::kNetwork, "Hidden layers",
              [](const Config& c) {
                std::string text;
                for (const LayerConfig& l : c.hidden) text += (text.empty() ? "" : ",") + LayerToText(l);
                return text;
              },
              [](const std::string& v, Config& c) {
                std::vector<std::string> layers = v.empty() ? std::vector<std::string>{} : SplitText(v, ',');
                if (layers.size() > size_t(kMaxStackLayers)) return false;
                c.hidden.assign(layers.size(), LayerConfig());
                for (size_t i = 0; i < layers.size(); ++i)
                  if (!LayerFromText(layers[i], c.hidden[i])) return false;
                return true;
              }),
          "The hidden layers, comma-separated (the layer syntax below); each task takes its own form and count (Tasks)."),
          LayersTextProblem),
      Tip(TextRow("output_activation", T::kChoice, S::kNetwork, "Output activation",
              [](Config& c) -> std::string& { return c.output_activation; }),
          "The output's activation, used only by losses without their own link (mse, mae)."),
      Tip(TextRow("loss", T::kChoice, S::kNetwork, "Loss", [](Config& c) -> std::string& { return c.loss; }),
          "mse, mae, sigmoid_bce, softmax_ce or hinge; regression data needs mse or mae."),
      Tip(TextRow("initializer", T::kChoice, S::kInitializer, "Initializer",
              [](Config& c) -> std::string& { return c.initializer; }),
          "How the weights start: uniform, normal, xavier_*, he_*, lecun_*, orthogonal, identity, zeros."),
      Tip(Slider(FloatRow("init_scale", S::kInitializer, "Scale", 0, 100, [](Config& c) -> float& { return c.init_scale; }),
             0, 100, true),
          "a or sigma of the plain uniform and normal initializers."),
      Tip(TextRow("optimizer", T::kChoice, S::kOptimizer, "Optimizer", [](Config& c) -> std::string& { return c.optimizer.kind; }),
          "The update rule: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, sgld."),
      Tip(Slider(FloatRow("learning_rate", S::kOptimizer, "Learning rate", 1e-7, 10,
                      [](Config& c) -> float& { return c.optimizer.learning_rate; }),
             1e-4, 1, true),
          "The step size (the CD tasks: contrastive divergence's step; the perceptron: eta)."),
      Tip(Slider(FloatRow("momentum", S::kOptimizer, "Momentum", 0, 0.9999, [](Config& c) -> float& { return c.optimizer.momentum; }),
             0, 0.99),
          "Momentum and Nesterov's velocity decay; contrastive divergence's momentum."),
      Tip(FloatRow("beta1", S::kOptimizer, "beta1", 0, 0.9999, [](Config& c) -> float& { return c.optimizer.beta1; }),
          "Adam's decay of the gradient's running mean."),
      Tip(FloatRow("beta2", S::kOptimizer, "beta2", 0, 0.999999, [](Config& c) -> float& { return c.optimizer.beta2; }),
          "Adam's decay of the squared gradient's running mean."),
      Tip(Slider(FloatRow("epsilon", S::kOptimizer, "epsilon", 1e-12, 1, [](Config& c) -> float& { return c.optimizer.epsilon; }),
             1e-10, 0.1, true),
          "Added to the denominator of AdaGrad, RMSprop and Adam."),
      Tip(FloatRow("rho", S::kOptimizer, "rho", 0, 0.9999, [](Config& c) -> float& { return c.optimizer.rho; }),
          "RMSprop's decay of the squared gradient's running mean."),
      Tip(Slider(FloatRow("weight_decay", S::kOptimizer, "Weight decay", 0, 1, [](Config& c) -> float& { return c.optimizer.weight_decay; }),
             0, 0.5),
          "AdamW's decoupled weight decay."),
      Tip(FloatRow("temperature", S::kOptimizer, "Temperature", 0, 1, [](Config& c) -> float& { return c.optimizer.temperature; }),
          "SGLD: 1 samples the posterior (Welling & Teh 2011), below 1 a colder one."),
      Tip(TextRow("schedule", T::kChoice, S::kOptimizer, "Schedule", [](Config& c) -> std::string& { return c.schedule.kind; },
              {{"constant", "constant"}, {"step", "step"}, {"exponential", "exponential"}, {"cosine", "cosine"}}),
          "How the learning rate changes: constant, step, exponential or cosine."),
      Tip(Slider(IntRow("decay_steps", S::kOptimizer, "Decay steps", 1, 100000000,
                    [](Config& c) -> int& { return c.schedule.decay_steps; }),
             10, 20000, true),
          "Updates per step of the step schedule, the exponential's time constant, the cosine's period."),
      Tip(FloatRow("gamma", S::kOptimizer, "Gamma", 0, 1, [](Config& c) -> float& { return c.schedule.gamma; }),
          "The step and exponential schedules' factor; the cosine's floor as a share of the rate."),
      Tip(Optional(Slider(IntRow("warmup_steps", S::kOptimizer, "Warm-up steps", 0, 1000000,
                                 [](Config& c) -> int& { return c.schedule.warmup_steps; }),
                          0, 2000),
                   "0"),
          "A linear warm-up, rate (step + 1) / W for the first W updates, then the schedule (Goyal et al. 2017)."),
      Tip(Slider(FloatRow("l1", S::kRegularization, "L1", 0, 1, [](Config& c) -> float& { return c.regularization.l1; }), 0, 0.1, true),
          "Adds l1 * sign(w) to every weight's gradient."),
      Tip(Slider(FloatRow("l2", S::kRegularization, "Weight decay (L2)", 0, 1,
                          [](Config& c) -> float& { return c.regularization.l2; }),
                 0, 0.1, true),
          "Adds l2 * w to every weight's gradient: the gradient of the penalty (l2 / 2) |w|^2."),
      Tip(Slider(FloatRow("clip_norm", S::kRegularization, "Clip gradient norm", 0, 1e6,
                      [](Config& c) -> float& { return c.regularization.clip_norm; }),
             0, 100, true),
          "Rescales the global gradient norm to at most this; 0 is off."),
      Tip(FloatRow("validation_fraction", S::kRegularization, "Validation share", 0, 0.5,
               [](Config& c) -> float& { return c.regularization.validation_fraction; }),
          "The share of training points held out for early stopping; 0 is off."),
      Tip(Slider(IntRow("patience", S::kRegularization, "Patience (epochs)", 1, 100000,
                    [](Config& c) -> int& { return c.regularization.patience; }),
             1, 200),
          "Evaluations without a better validation loss before training stops."),
      Tip(Slider(IntRow("batch_size", S::kOptimizer, "Batch size", 1, kMaxSamples, [](Config& c) -> int& { return c.batch_size; }),
             1, 500, true),
          "Samples per update (the DQN: the replay minibatch; the flow: fresh target samples)."),
      {"seed", T::kInt, S::kData, "Seed", "Every random draw: two runs with the same seed are the same, step for step.", 0, double(1ll << 53), 0, 0, false, {}, nullptr, nullptr, nullptr, nullptr,
       [](const Config& c) { return std::to_string(c.seed); },
       [](const std::string& v, Config& c) {
         long long x = 0;
         if (!ParseInt(v, 0, 1ll << 53, x)) return false;
         c.seed = uint64_t(x);
         return true;
       }},
      Tip(Slider(IntRow("cd_k", S::kModel, "CD-k", 1, 100, [](Config& c) -> int& { return c.family.cd_k; }), 1, 25),
          "Gibbs steps of contrastive divergence (the DBM: sweeps of its persistent chains per update)."),
      Tip(BoolRow("persistent", S::kModel, "Persistent CD", [](Config& c) -> bool& { return c.family.persistent; }),
          "Keeps the negative phase's Gibbs chains from update to update (Tieleman 2008) instead of starting "
          "them at the data."),
      Tip(Slider(IntRow("pretrain_epochs", S::kModel, "Pretraining epochs", 1, 1000,
                    [](Config& c) -> int& { return c.family.pretrain_epochs; }),
             1, 100),
          "Epochs of greedy pretraining per RBM."),
      Tip(IntRow("latent", S::kModel, "Latent size", 1, 64, [](Config& c) -> int& { return c.family.latent; }),
          "The VAE's latent size, the autoencoder's code size, the GAN's noise size, the categorical VAE's groups."),
      Tip(Slider(FloatRow("kl_weight", S::kModel, "KL weight", 0, 100, [](Config& c) -> float& { return c.family.kl_weight; }),
                 0, 10),
          "The weight of KL(q(z|x) || p(z)) in the loss: 1 is the ELBO, above 1 a beta-VAE."),
      Tip(IntRow("discriminator_units", S::kModel, "Discriminator units", 1, kMaxUnits,
             [](Config& c) -> int& { return c.family.discriminator_units; }),
          "The GAN discriminator's hidden units."),
      Tip(Slider(FloatRow("discriminator_learning_rate", S::kModel, "Discriminator step", 1e-7, 10,
                      [](Config& c) -> float& { return c.family.discriminator_learning_rate; }),
             1e-5, 1, true),
          "The discriminator's step (the generator takes learning_rate)."),
      Tip(Slider(IntRow("sequence_length", S::kModel, "Sequence length", 2, 200,
                    [](Config& c) -> int& { return c.family.sequence_length; }),
             2, 100),
          "Time steps per training sequence (the attention toy: tokens to reverse)."),
      Tip(Optional(TextRow("perceptron_rule", T::kChoice, S::kModel, "Rule reported",
                       [](Config& c) -> std::string& { return c.lesson.perceptron_rule; },
                       {{"rosenblatt", "Rosenblatt (threshold)"}, {"sigmoid", "sigmoid gradient"}}),
               "rosenblatt"),
          "The rule the report follows: Rosenblatt's threshold unit (w += eta (t - o) x on each mistake) or the sigmoid unit's squared-loss gradient. The page trains both side by side."),
      Tip(Optional(TextRow("perceptron_update", T::kChoice, S::kModel, "Updates",
                       [](Config& c) -> std::string& { return c.lesson.perceptron_update; },
                       {{"incremental", "incremental"}, {"batch", "batch"}}),
               "incremental"),
          "One point a step (incremental) or the sum over all points a step (batch)."),
      Tip(Optional(TextRow("flow", T::kChoice, S::kModel, "Flow", [](Config& c) -> std::string& { return c.lesson.flow; },
                       {{"planar", "planar"},
                        {"additive_coupling", "additive coupling (NICE)"},
                        {"affine_coupling", "affine coupling (RealNVP)"}}),
               "affine_coupling"),
          "planar (Rezende & Mohamed 2015), additive coupling (NICE) or affine coupling (RealNVP)."),
      Tip(Optional(IntRow("flow_layers", S::kModel, "Flow layers", 1, 32, [](Config& c) -> int& { return c.lesson.flow_layers; }),
               "6"),
          "Planar or coupling layers."),
      Optional(Tip(FloatRow("label_noise", S::kData, "Shuffled labels", 0, 1,
                            [](Config& c) -> float& { return c.lesson.label_noise; }),
                   "Shuffles this share of the training labels among themselves (Zhang et al. 2016): a large "
                   "network still fits them all, while its test accuracy falls to chance."),
               "0"),
      Optional(Tip(IntRow("rbm_hidden", S::kModel, "RBM hidden units", 1, 20, [](Config& c) -> int& { return c.lesson.rbm_hidden; }),
                   "The RBM measured beside MADE. Its log Z sums over all 2^h hidden states, so its "
                   "log-likelihood is exact too: at most 20 hidden units."),
               "16"),
      Tip(Optional(Slider(IntRow("categories", S::kModel, "Categories", 2, 64, [](Config& c) -> int& { return c.lesson.categories; }),
                      2, 32),
               "10"),
          "Classes per categorical latent variable (latent of them, at most 256 in all)."),
      Tip(Optional(Slider(FloatRow("gumbel_temperature", S::kModel, "Temperature (start)", 0.001, 100,
                               [](Config& c) -> float& { return c.lesson.gumbel_temperature; }),
                      0.05, 5, true),
               "1"),
          "The Gumbel-softmax temperature at the start."),
      Tip(Optional(Slider(FloatRow("gumbel_temperature_min", S::kModel, "Temperature (floor)", 0.001, 100,
                               [](Config& c) -> float& { return c.lesson.gumbel_temperature_min; }),
                      0.05, 5, true),
               "0.5"),
          "The floor of the annealed temperature."),
      Optional(Tip(Slider(FloatRow("gumbel_anneal", S::kModel, "Annealing rate", 0, 1,
                                   [](Config& c) -> float& { return c.lesson.gumbel_anneal; }),
                          0, 0.01),
                   "The Gumbel-softmax temperature after u updates: max(floor, start * exp(-rate * u)) (Jang, Gu "
                   "& Poole 2017). Lower is closer to one-hot samples, with noisier gradients."),
               "0.001"),
      Tip(Optional(Slider(FloatRow("discount", S::kModel, "Discount (gamma)", 0, 0.999,
                               [](Config& c) -> float& { return c.lesson.discount; }),
                      0, 0.99),
               "0.9"),
          "gamma of Q(s, a) = r + gamma max Q(s', a')."),
      Tip(Optional(FloatRow("epsilon_start", S::kModel, "Epsilon start", 0, 1, [](Config& c) -> float& { return c.lesson.epsilon_start; }),
               "1"),
          "epsilon-greedy's exploration at the start; it falls linearly to epsilon_end."),
      Tip(Optional(FloatRow("epsilon_end", S::kModel, "Epsilon end", 0, 1, [](Config& c) -> float& { return c.lesson.epsilon_end; }),
               "0.05"),
          "epsilon-greedy's exploration once it has fallen."),
      Tip(Optional(Slider(IntRow("epsilon_decay_moves", S::kModel, "Epsilon decay (moves)", 1, 10000000,
                             [](Config& c) -> int& { return c.lesson.epsilon_decay_moves; }),
                      1, 100000, true),
               "3000"),
          "Moves over which epsilon falls from its start to its end."),
      Tip(Optional(IntRow("vocabulary", S::kModel, "Vocabulary", 2, 32, [](Config& c) -> int& { return c.lesson.vocabulary; }),
               "8"),
          "Distinct tokens in the attention toy's sequences."),
      Tip(Optional(TextRow("xor_init", T::kChoice, S::kModel, "Start from", [](Config& c) -> std::string& { return c.lesson.xor_init; },
                           {{"hand", "the weights set by hand"}, {"random", "random weights (the seed)"}}),
                   "hand"),
          "hand: the nine weights below; random: Glorot-uniform weights from the seed, zero biases."),
      Tip(Optional(BoolRow("xor_train", S::kModel, "Train by gradient descent", [](Config& c) -> bool& { return c.lesson.xor_train; }), "0"),
          "Each step one step of gradient descent on J = 1/4 sum (y - f(x))^2 over the four points; off: the weights stay as set."),
      // xor-by-hand's net f(x) = w^T max(0, W^T x + c) + b: its nine weights, defaults Goodfellow et al.'s solution.
      Tip(Optional(Slider(FloatRow("xor_w11", S::kModel, "W11 (x1 to h1)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_w11; }), -3, 3), "1"),
          "Hidden weight from x1 to h1: h = max(0, W^T x + c). The book's solution: 1."),
      Tip(Optional(Slider(FloatRow("xor_w12", S::kModel, "W12 (x1 to h2)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_w12; }), -3, 3), "1"),
          "Hidden weight from x1 to h2. The book's solution: 1."),
      Tip(Optional(Slider(FloatRow("xor_w21", S::kModel, "W21 (x2 to h1)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_w21; }), -3, 3), "1"),
          "Hidden weight from x2 to h1. The book's solution: 1."),
      Tip(Optional(Slider(FloatRow("xor_w22", S::kModel, "W22 (x2 to h2)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_w22; }), -3, 3), "1"),
          "Hidden weight from x2 to h2. The book's solution: 1."),
      Tip(Optional(Slider(FloatRow("xor_c1", S::kModel, "c1 (h1's bias)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_c1; }), -3, 3), "0"),
          "Hidden unit h1's bias. The book's solution: 0."),
      Tip(Optional(Slider(FloatRow("xor_c2", S::kModel, "c2 (h2's bias)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_c2; }), -3, 3), "-1"),
          "Hidden unit h2's bias. The book's solution: -1, so h2 is on only at (1, 1)."),
      Tip(Optional(Slider(FloatRow("xor_w1", S::kModel, "w1 (h1 to output)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_w1; }), -3, 3), "1"),
          "Output weight of h1: f = w^T h + b. The book's solution: 1."),
      Tip(Optional(Slider(FloatRow("xor_w2", S::kModel, "w2 (h2 to output)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_w2; }), -3, 3), "-2"),
          "Output weight of h2. The book's solution: -2, which cancels h1's 2 at (1, 1)."),
      Tip(Optional(Slider(FloatRow("xor_b", S::kModel, "b (output bias)", -10, 10, [](Config& c) -> float& { return c.lesson.xor_b; }), -3, 3), "0"),
          "The output's bias. The book's solution: 0."),
      Tip(Optional(Slider(IntRow("diffusion_steps", S::kModel, "Diffusion steps T", 10, 1000,
                                 [](Config& c) -> int& { return c.lesson.diffusion_steps; }),
                          10, 1000, true),
                   "100"),
          "Steps T of the diffusion's forward process q(x_t | x_{t-1}) = N(sqrt(1 - beta_t) x_{t-1}, beta_t I); sampling walks back as many."),
      Tip(Optional(TextRow("noise_schedule", T::kChoice, S::kModel, "Noise schedule",
                           [](Config& c) -> std::string& { return c.lesson.noise_schedule; },
                           {{"linear", "linear"}, {"cosine", "cosine"}}),
                   "linear"),
          "The diffusion's noise schedule beta_t: linear from 0.1/T to 20/T (Ho et al. 2020 scaled to T), or cosine, alpha-bar_t = cos^2((t/T + 0.008)/1.008 pi/2) (Nichol & Dhariwal 2021)."),
      Tip(Optional(BoolRow("diffusion_compare", S::kModel, "Train a flow and a GAN beside it",
                           [](Config& c) -> bool& { return c.lesson.diffusion_compare; }),
                   "0"),
          "Each step also takes one update of a RealNVP coupling flow and one of a GAN on the same target, so the compare tab sets their samples and MMD^2 beside the diffusion's."),
      Tip(Optional(IntRow("blocks", S::kModel, "Blocks", 1, 4, [](Config& c) -> int& { return c.lesson.blocks; }), "2"),
          "Transformer blocks: each causal self-attention then a GELU MLP, behind a layer norm with a residual around it."),
      Tip(Optional(IntRow("heads", S::kModel, "Heads", 1, 16, [](Config& c) -> int& { return c.lesson.heads; }), "4"),
          "Attention heads per block; the width must be a multiple of them (each head reads width / heads)."),
      Tip(Optional(Slider(IntRow("context", S::kModel, "Context (characters)", 2, 256, [](Config& c) -> int& { return c.lesson.context; }),
                          2, 128),
                   "32"),
          "T: the characters one prediction may look back over (the position embedding's rows)."),
      Tip(Optional(FloatRow("dropout", S::kModel, "Dropout", 0, 0.9f, [](Config& c) -> float& { return c.lesson.dropout; }), "0"),
          "Inverted dropout on the attention weights and both residual branches while training (Srivastava et al. 2014); none when measuring."),
      Tip(Optional(BoolRow("tied_output", S::kModel, "Tie output to embedding", [](Config& c) -> bool& { return c.lesson.tied_output; }), "1"),
          "On: the logits are h E^T, through the token embedding E (Press & Wolf 2017); off: h W_out with a matrix of their own."),
      Tip(TextRow("view", T::kChoice, S::kPage, "Tab in front", [](Config& c) -> std::string& { return c.view; }),
          "The tab in front; without the key a task opens on its first tab (Tasks lists each task's tabs)."),
      Tip(TextRow("layout", T::kChoice, S::kPage, "Layout", [](Config& c) -> std::string& { return c.layout; },
              {{"full", "controls and output"}, {"compact", "output only"}}),
          "full: controls and output; compact: output and a run bar, as when embedded."),
      // Course keys (config/course.h), left out of links that do not use them.
      Tip(ListRow("hide", S::kCourse, "Hidden controls", [](const Config& c) { return JoinNames(c.course.hidden); },
              [](const std::string& v, Config& c) { return ReadNames(v, c.course.hidden); }, true),
          "Controls a course hides (Course keys)."),
      Tip(ListRow("lock", S::kCourse, "Locked controls", [](const Config& c) { return JoinNames(c.course.locked); },
              [](const std::string& v, Config& c) { return ReadNames(v, c.course.locked); }, true),
          "Controls a course shows but locks (Course keys)."),
      Tip(ListRow("goal_test_loss", S::kCourse, "Goal: test loss below",
              [](const Config& c) { return c.course.goal_test_loss > 0 ? FormatFloat(c.course.goal_test_loss) : std::string(); },
              [](const std::string& v, Config& c) { return ParseFloat(v, c.course.goal_test_loss); }, true),
          "The exercise's goal: a test loss below this (Course keys)."),
      Tip(CourseCountRow("goal_max_neurons", "Goal: at most this many neurons", 0, kMaxUnits * kMaxHiddenLayers,
                         &CourseConfig::goal_max_neurons),
          "The exercise's goal: at most this many hidden neurons (Course keys)."),
      Tip(ListRow("goal_text", S::kCourse, "Goal: the exercise's words", [](const Config& c) { return c.course.goal_text; },
              [](const std::string& v, Config& c) {
                c.course.goal_text = v;
                return v.size() <= 200;
              },
              true),
          "The exercise in the teacher's words (Course keys)."),
      Tip(ListRow("goal", S::kCourse, "Goal: more conditions",
              [](const Config& c) { return FormatGoalTerms(c.course.goal); },
              [](const std::string& v, Config& c) { return ReadGoalTerms(v, c.course.goal); }, true),
          "Conditions on any number the task's report line gives, comma-separated: test_accuracy>0.95,"
          "train_loss<0.2 (Course keys)."),
      Tip(CourseCountRow("goal_steps", "Goal: steps allowed", 1, 10000000, &CourseConfig::goal_steps),
          "The exercise's step budget, 1 to 10000000: grading trains no further (2000 when not set; Course keys)."),
      Tip(CourseCountRow("steps", "Steps reached", 1, 1000000000, &CourseConfig::steps),
          "A submitted exercise: the step count the student's page reached, 1 to 1000000000; --verify replays "
          "that many steps (Course keys)."),
      Tip(ListRow("seal", S::kCourse, "Exercise seal", [](const Config& c) { return c.course.seal; },
              [](const std::string& v, Config& c) {
                c.course.seal = v;
                return true;  // ValidateCourse names what a seal must be
              },
              true),
          "The exercise's locks, goal and locked values under HMAC-SHA256 with the teacher's key, or SHA-256 "
          "without one (Course keys)."),
      Tip(ListRow("palette", S::kPage, "Palette",
              [](const Config& c) { return c.palette == "standard" ? std::string() : c.palette; },
              [](const std::string& v, Config& c) {
                c.palette = v.empty() ? "standard" : v;
                return true;
              },
              true),
          "standard or colorblind (Okabe & Ito's colours, told apart with every common colour-vision deficiency)."),
      // What the views show (config.h's ShowConfig): the page's keys, read by no run.
      Tip(Optional(BoolRow("log_scale", S::kPage, "Log scale", [](Config& c) -> bool& { return c.show.log_scale; }), "0"),
          "Loss curves on a log axis (the switch above each loss plot)."),
      Tip(Optional(BoolRow("show_test_data", S::kPage, "Show test data", [](Config& c) -> bool& { return c.show.test_data; }),
                   "1"),
          "The playground's test points (ringed) on its heatmap beside the training points."),
      Tip(Optional(IntRow("paint_class", S::kPage, "Paint class", 0, 1, [](Config& c) -> int& { return c.show.paint_class; }), "1"),
          "The class a click on the playground's heatmap paints: 0 orange, 1 blue."),
      Tip(Optional(FloatRow("paint_value", S::kPage, "Paint value", -1, 1, [](Config& c) -> float& { return c.show.paint_value; }),
                   "0.5"),
          "The value a click paints on regression data (orange -1, blue +1)."),
      Tip(Optional(IntRow("test_image", S::kPage, "Test image", 0, 59999, [](Config& c) -> int& { return c.show.test_image; }), "0"),
          "The test image the classification view follows through the network (the last one where the set is smaller)."),
      Tip(Optional(BoolRow("discriminator_surface", S::kPage, "D(x) surface",
                           [](Config& c) -> bool& { return c.show.discriminator_surface; }),
                   "1"),
          "The GAN view's discriminator output D(x) behind the samples."),
      Tip(Optional(Slider(IntRow("sample_gibbs_steps", S::kPage, "Gibbs steps", 1, 1000,
                                 [](Config& c) -> int& { return c.show.sample_gibbs_steps; }),
                          1, 1000, true),
                   "200"),
          "Gibbs sweeps of the RBM samples shown beside MADE's and of the sigmoid belief net's top RBM."),
      Tip(Optional(FloatRow("wave_frequency", S::kPage, "Shown wave's ω", 0.05, 1,
                            [](Config& c) -> float& { return c.show.wave_frequency; }),
                   "0.3"),
          "The sequence view's test wave sin(ω t + φ): ω in radians a step (New wave draws one from the training range)."),
      Explained(Tip(ListRow("gumbel_alpha", S::kPage, "Gumbel-max weights α",
                            [](const Config& c) {
                              return c.show.gumbel_alpha == ShowConfig().gumbel_alpha ? std::string()
                                                                                      : FormatFloats(c.show.gumbel_alpha);
                            },
                            ReadGumbelAlpha, true),
                    "The four weights αₖ of the Gumbel-max trick's categorical distribution (the Gumbel VAE's first part)."),
                GumbelAlphaProblem),
      Explained(Tip(ListRow("backprop", S::kPage, "Backprop example",
                            [](const Config& c) {
                              return c.show.backprop == ShowConfig().backprop ? std::string() : FormatDoubles(c.show.backprop);
                            },
                            ReadBackprop, true),
                    "The backprop inspector's lecture example: w1, w2, x1, x2 and y (its gradient steps move w1 and w2)."),
                BackpropProblem),
      Tip(Optional(FloatRow("backprop_step", S::kPage, "Backprop step ε", 1e-6, 10,
                            [](Config& c) -> float& { return c.show.backprop_step; }),
                   "0.01"),
          "The backprop inspector's gradient step ε."),
      Explained(Tip(ListRow("race_surface", S::kPage, "Race surface",
                            [](const Config& c) {
                              return c.show.race_surface == ShowConfig().race_surface ? std::string() : c.show.race_surface;
                            },
                            [](const std::string& v, Config& c) {
                              c.show.race_surface = v.empty() ? ShowConfig().race_surface : v;
                              return FindLossSurface(c.show.race_surface) != nullptr;
                            },
                            true),
                    "The optimizer race's loss surface."),
                RaceSurfaceProblem),
      Explained(Tip(ListRow("race", S::kPage, "Racers", [](const Config& c) { return FormatRacers(c.show.racers); },
                            ReadRacers, true),
                    "The optimizer race's racers: optimizer:step, or optimizer:step:off for one that waits; without "
                    "the key every optimizer at its suggested step."),
                RacersProblem),
      Tip(Optional(IntRow("timeline", S::kPage, "Timeline", -1, 1000000000, [](Config& c) -> int& { return c.show.timeline; }), "-1"),
          "The past step of its run the playground shows (snapshots replayed to it); -1 the present. Steps the "
          "run has not reached show the present."),
      Tip(Optional(Slider(IntRow("race_speed", S::kPage, "Race steps a frame", 1, 50,
                                 [](Config& c) -> int& { return c.show.race_speed; }),
                          1, 50),
                   "5"),
          "Optimizer steps the race takes each frame."),
      Explained(Tip(ListRow("errors_cell", S::kPage, "Errors: the cell shown",
                            [](const Config& c) {
                              return c.show.cell_truth < 0 ? std::string()
                                                           : std::to_string(c.show.cell_truth) + "," +
                                                                 std::to_string(c.show.cell_predicted);
                            },
                            [](const std::string& v, Config& c) {
                              c.show.cell_truth = c.show.cell_predicted = -1;
                              if (v.empty()) return true;
                              const std::vector<std::string> parts = SplitText(v, ',');
                              long long t = 0, p = 0;
                              if (parts.size() != 2 || !ParseInt(parts[0], 0, 1000, t) || !ParseInt(parts[1], 0, 1000, p))
                                return false;
                              c.show.cell_truth = int(t), c.show.cell_predicted = int(p);
                              return true;
                            },
                            true),
                    "The confusion-matrix cell whose test samples the Errors tab lists: true class, predicted "
                    "class (a click on a cell chooses it)."),
                [](const std::string&) -> std::string { return "two class numbers, true and predicted, such as 3,5"; }),
      Tip(Optional(Slider(IntRow("diffusion_t", S::kPage, "Noised to step t", 0, 1000,
                                 [](Config& c) -> int& { return c.show.diffusion_t; }),
                          0, 1000),
                   "10"),
          "The diffusion view's forward step t: the data drawn from q(x_t | x_0) = N(sqrt(alpha-bar_t) x_0, (1 - alpha-bar_t) I) (at most T)."),
      Tip(Optional(Slider(FloatRow("sample_temperature", S::kPage, "Sampling temperature", 0.1, 2,
                                   [](Config& c) -> float& { return c.show.sample_temperature; }),
                          0.1, 2),
                   "0.8"),
          "The character transformer's samples: each character drawn from softmax(logits / temperature); low is "
          "safe and repetitive, high is daring and misspelt."),
      Tip(Optional(TextRow("prompt", T::kText, S::kPage, "Prompt", [](Config& c) -> std::string& { return c.show.prompt; }),
                   "This License"),
          "The text the character transformer's samples continue and its attention tab reads (characters the "
          "corpus lacks are left out; at most 64)."),
      Tip(Optional(IntRow("network", S::kPage, "Network shown", 0, 15, [](Config& c) -> int& { return c.show.network; }), "0"),
          "Which of a task's networks the Layers and Gradient check tabs show (0: the first).")
  };
  return rows;
}

const Setting* FindSetting(const std::string& key) {
  for (const Setting& s : Settings())
    if (key == s.key) return &s;
  return nullptr;
}

std::string OutOfRange(const Setting& s, double low, double high, double value) {
  return std::string(s.key) + " (" + s.label + ") must be between " + Number(low) + " and " + Number(high) +
         ", not " + Number(value) + ".";
}

std::string ValidateSettings(const Config& config) {
  Config& c = const_cast<Config&>(config);  // the accessors only read here
  for (const Setting& s : Settings()) {
    if (s.HasRange() && s.as_float) {
      const float v = s.as_float(c);
      if (!std::isfinite(v) || v < s.low || v > s.high) return OutOfRange(s, s.low, s.high, v);
    }
    if (s.HasRange() && s.as_int) {
      const int v = s.as_int(c);
      if (v < s.low || v > s.high) return OutOfRange(s, s.low, s.high, v);
    }
    if (!s.choices.empty() && s.as_text) {
      const std::string& v = s.as_text(c);
      bool known = false;
      std::string options;
      for (size_t i = 0; i < s.choices.size(); ++i) {
        known = known || v == s.choices[i].value;
        options += std::string(i == 0 ? "" : i + 1 == s.choices.size() ? " or " : ", ") + s.choices[i].value;
      }
      if (!known) return "Unknown " + std::string(s.key) + " '" + v.substr(0, 40) + "' (" + options + ").";
    }
  }
  return "";
}

}  // namespace netlab
