#include "config/tf_playground_link.h"

#include <algorithm>
#include <cmath>

#include "tfplayground/experiment.h"
#include "tfplayground/link.h"

namespace netlab {

bool IsTfPlaygroundLink(const std::string& link) { return tfplayground::LooksLikeTfPlaygroundLink(link); }

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
  uint64_t h = 1469598103934665603ull;  // FNV-1a of the seed text: Netlab's seeds are integers
  for (char ch : s.seed) h = (h ^ uint8_t(ch)) * 1099511628211ull;
  c.seed = h % (1ull << 53);
  return c;
}

bool DecodeTfPlaygroundLink(const std::string& link, Config& out, std::string& error,
                            std::vector<std::string>* notices) {
  tfplayground::Settings settings;
  if (!tfplayground::ParseTfPlaygroundLink(link, settings, error, notices)) return false;
  Config config = NetlabEquivalent(settings, nullptr);
  const std::string why = ValidateConfig(config);
  if (!why.empty()) {
    // Faithful mode does not need it, but every edit continues from this config.
    error = "The TF Playground link opens, but Netlab's equivalent is refused: " + why;
    return false;
  }
  config.tf_playground = settings;
  out = config;
  return true;
}

}  // namespace netlab
