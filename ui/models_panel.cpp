#include "models_panel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "classifier_training.h"
#include "conv2d.h"
#include "data_labeled.h"
#include "imgui.h"
#include "gan.h"
#include "rbm.h"
#include "small_cnn.h"
#include "vae.h"

namespace netlab {
namespace {

double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Digits ship in web/data; the WASM build embeds them at /data (CMake sets NETLAB_DATA_DIR).
bool LoadDigits(LabeledData& digits, std::string& error) {
  std::ifstream in(std::string(NETLAB_DATA_DIR) + "/digits.csv", std::ios::binary);
  if (!in) {
    error = "digits.csv not found in " + std::string(NETLAB_DATA_DIR);
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseDigitsCsv(text.str(), digits, error);
}

struct RbmDemo {
  Rbm rbm{64, 49};
  Matrix dreams;  // 10 Gibbs chains started from noise
  long updates = 0;
  double reconstruction_error = 0.0;
};

struct CnnDemo {
  Network network;
  Conv2d* first_conv = nullptr;
  std::unique_ptr<Optimizer> optimizer;
  long epochs = 0;
  long evaluated_epochs = -1;
  double test_accuracy = 0.0;
};

struct VaeDemo {
  Vae vae{64, 64, 2};  // a 2-D latent space can be drawn as a grid
  std::unique_ptr<Optimizer> optimizer;
  long updates = 0;
  double test_elbo = 0.0;
};

struct GanDemo {
  std::unique_ptr<Gan> gan;
  long steps = 0;
};

struct ModelsState {
  bool loaded = false;
  std::string error;
  LabeledData train, test;
  Rng rng{2024};
  int model = 0;  // 0 RBM, 1 CNN, 2 VAE, 3 GAN
  bool training = true;
  RbmDemo rbm;
  CnnDemo cnn;
  VaeDemo vae;
  GanDemo gan;
  long batch_cursor = 0;

  void ResetRbm() {
    rbm = RbmDemo{};
    rbm.rbm.Initialize(rng);
    SampleBernoulli(Matrix::Constant(10, 64, 0.5f), rbm.dreams, rng);
  }
  void ResetCnn() {
    cnn = CnnDemo{};
    cnn.network = BuildSmallCnn({1, 8, 8}, 10, 8, 16, 32, rng, &cnn.first_conv);
    OptimizerSettings adam;
    adam.learning_rate = 0.003f;
    cnn.optimizer = CreateOptimizer(adam);
  }
  void ResetVae() {
    vae = VaeDemo{};
    vae.vae.Initialize(rng);
    OptimizerSettings adam;
    adam.learning_rate = 0.003f;
    vae.optimizer = CreateOptimizer(adam);
  }
  void ResetGan() { gan = GanDemo{std::make_unique<Gan>(GanSettings{}, rng), 0}; }
};

ModelsState& State() {
  static ModelsState state;
  if (!state.loaded && state.error.empty()) {
    LabeledData all;
    if (LoadDigits(all, state.error)) {
      SplitTrainTest(all, 0.2f, state.rng, state.train, state.test);
      state.ResetRbm();
      state.ResetCnn();
      state.ResetVae();
      state.ResetGan();
      state.loaded = true;
    }
  }
  return state;
}

// Draws `values` (row-major height x width) as grey squares of `cell` pixels, scaled from
// [low, high] to black..white.
void DrawImage(const float* values, int width, int height, float low, float high, float cell) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float range = std::max(high - low, 1e-6f);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const float level = std::clamp((values[y * width + x] - low) / range, 0.0f, 1.0f);
      const int grey = int(level * 255.0f);
      draw->AddRectFilled(ImVec2(origin.x + x * cell, origin.y + y * cell),
                          ImVec2(origin.x + (x + 1) * cell, origin.y + (y + 1) * cell), IM_COL32(grey, grey, grey, 255));
    }
  ImGui::Dummy(ImVec2(width * cell, height * cell));
}

void TrainRbm(ModelsState& s, double budget) {
  RbmTrainingSettings settings;
  settings.learning_rate = 0.05f;
  const double start = NowSeconds();
  const int batch = 20, rows = int(s.train.features.rows());
  do {
    if (s.batch_cursor + batch > rows) s.batch_cursor = 0;
    s.rbm.rbm.TrainStep(s.train.features.middleRows(s.batch_cursor, batch), settings, s.rng);
    s.batch_cursor += batch;
    ++s.rbm.updates;
  } while (NowSeconds() - start < budget);
  s.rbm.rbm.GibbsStep(s.rbm.dreams, s.rng);
  s.rbm.reconstruction_error = s.rbm.rbm.ReconstructionError(s.test.features);
}

void DrawRbm(ModelsState& s) {
  ImGui::Text("Binary RBM 64 x 49, CD-1, %ld updates", s.rbm.updates);
  ImGui::Text("Test reconstruction error %.2f / image", s.rbm.reconstruction_error);
  if (ImGui::Button("Reset RBM")) s.ResetRbm();
  ImGui::TextUnformatted("Filters: column j of W as 8x8 images");
  const Matrix& w = s.rbm.rbm.weights;
  const float bound = std::max(w.cwiseAbs().maxCoeff(), 1e-3f);
  for (int j = 0; j < w.cols(); ++j) {
    Eigen::Matrix<float, 1, 64> filter = w.col(j).transpose();
    DrawImage(filter.data(), 8, 8, -bound, bound, 3.0f);
    if ((j + 1) % 7 != 0) ImGui::SameLine();
  }
  ImGui::TextUnformatted("Dreams: Gibbs chains from noise, p(v|h)");
  // The chains hold binary samples; their mean-field images p(v | p(h | v)) are what a student reads.
  Matrix hidden, dreams;
  s.rbm.rbm.HiddenProbabilities(s.rbm.dreams, hidden);
  s.rbm.rbm.VisibleProbabilities(hidden, dreams);
  for (int r = 0; r < dreams.rows(); ++r) {
    DrawImage(dreams.row(r).data(), 8, 8, 0.0f, 1.0f, 3.0f);
    if (r + 1 < dreams.rows()) ImGui::SameLine();
  }
}

void TrainCnn(ModelsState& s, double budget) {
  const double start = NowSeconds();
  const int batch = 32, rows = int(s.train.features.rows());
  std::vector<int> labels(batch);
  do {
    if (s.batch_cursor + batch > rows) {
      s.batch_cursor = 0;
      ++s.cnn.epochs;
    }
    std::copy_n(s.train.labels.begin() + s.batch_cursor, batch, labels.begin());
    TrainClassifierBatch(s.cnn.network, *s.cnn.optimizer, s.train.features.middleRows(s.batch_cursor, batch), labels, 10);
    s.batch_cursor += batch;
  } while (NowSeconds() - start < budget);
  // Evaluating the 359 test digits costs about as much as ten training batches: do it once an epoch.
  if (s.cnn.evaluated_epochs != s.cnn.epochs) {
    s.cnn.test_accuracy = ClassifierAccuracy(s.cnn.network, s.test);
    s.cnn.evaluated_epochs = s.cnn.epochs;
  }
}

void DrawCnn(ModelsState& s) {
  ImGui::TextUnformatted("conv 3x3x8 - ReLU - maxpool 2x2 -");
  ImGui::TextUnformatted("conv 3x3x16 - ReLU - maxpool 2x2 -");
  ImGui::TextUnformatted("dense 32 - ReLU - dense 10 (softmax)");
  ImGui::Text("Epoch %ld, test accuracy %.1f%%", s.cnn.epochs, 100.0 * s.cnn.test_accuracy);
  if (ImGui::Button("Reset CNN")) s.ResetCnn();
  ImGui::TextUnformatted("First-layer filters (3x3)");
  const Matrix& w = s.cnn.first_conv->weights;
  const float bound = std::max(w.cwiseAbs().maxCoeff(), 1e-3f);
  for (int o = 0; o < w.cols(); ++o) {
    Eigen::Matrix<float, 1, 9> filter = w.col(o).transpose();
    DrawImage(filter.data(), 3, 3, -bound, bound, 10.0f);
    if (o + 1 < w.cols()) ImGui::SameLine();
  }
}

void TrainVae(ModelsState& s, double budget) {
  const double start = NowSeconds();
  const int batch = 32, rows = int(s.train.features.rows());
  std::vector<ParameterRef> parameters;
  s.vae.vae.CollectParameters(parameters);
  do {
    if (s.batch_cursor + batch > rows) s.batch_cursor = 0;
    s.vae.vae.Loss(s.train.features.middleRows(s.batch_cursor, batch), s.vae.vae.SampleNoise(batch, s.rng));
    s.vae.vae.Backward();
    s.vae.optimizer->Step(parameters);
    s.batch_cursor += batch;
    ++s.vae.updates;
  } while (NowSeconds() - start < budget);
  const int shown = 64;  // a slice of the test set keeps the per-frame estimate cheap
  s.vae.test_elbo = -s.vae.vae.Loss(s.test.features.topRows(shown), s.vae.vae.SampleNoise(shown, s.rng));
}

void DrawVae(ModelsState& s) {
  ImGui::TextUnformatted("VAE 64-64-2-64-64, Bernoulli decoder");
  ImGui::Text("%ld updates, test ELBO %.1f nats / image", s.vae.updates, s.vae.test_elbo);
  if (ImGui::Button("Reset VAE")) s.ResetVae();
  ImGui::TextUnformatted("Decoder means over the latent grid z in [-2, 2]^2");
  const int grid = 9;
  Matrix codes(grid * grid, 2);
  for (int i = 0; i < grid; ++i)
    for (int j = 0; j < grid; ++j) codes.row(i * grid + j) << -2.0f + 4.0f * j / (grid - 1), 2.0f - 4.0f * i / (grid - 1);
  const Matrix images = s.vae.vae.Decode(codes);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(1.0f, 1.0f));
  for (int k = 0; k < grid * grid; ++k) {
    DrawImage(images.row(k).data(), 8, 8, 0.0f, 1.0f, 4.0f);
    if ((k + 1) % grid != 0) ImGui::SameLine();
  }
  ImGui::PopStyleVar();
}

void TrainGan(ModelsState& s, double budget) {
  const double start = NowSeconds();
  do {
    s.gan.gan->TrainStep(SampleRingOfGaussians(64, 8, 2.0f, 0.05f, s.rng), s.rng);
    ++s.gan.steps;
  } while (NowSeconds() - start < budget);
}

void DrawGan(ModelsState& s) {
  ImGui::TextUnformatted("GAN on a ring of 8 Gaussians (grey: modes)");
  const Matrix points = s.gan.gan->Generate(500, s.rng);
  ImGui::Text("%ld steps, mean distance to nearest mode %.3f", s.gan.steps, MeanDistanceToNearestMode(points, 8, 2.0f));
  if (ImGui::Button("Reset GAN")) s.ResetGan();
  const float side = 300.0f, scale = side / 6.0f;  // the plane [-3, 3]^2
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 centre(origin.x + side / 2, origin.y + side / 2);
  draw->PushClipRect(origin, ImVec2(origin.x + side, origin.y + side), true);  // points can land off the plane
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
  for (int m = 0; m < 8; ++m) {
    const float angle = 6.2831853f * float(m) / 8.0f;
    draw->AddCircleFilled(ImVec2(centre.x + 2.0f * scale * std::cos(angle), centre.y - 2.0f * scale * std::sin(angle)),
                          0.15f * scale, IM_COL32(200, 200, 200, 255));
  }
  for (int r = 0; r < points.rows(); ++r)
    draw->AddCircleFilled(ImVec2(centre.x + points(r, 0) * scale, centre.y - points(r, 1) * scale), 1.5f,
                          IM_COL32(230, 120, 20, 255));
  draw->PopClipRect();
  ImGui::Dummy(ImVec2(side, side));
}

}  // namespace

void DrawModelsWindow(float screen_width, float screen_height, double train_budget_seconds, bool* open) {
  if (!*open) return;
  ImGui::SetNextWindowPos(ImVec2(screen_width - 370.0f, screen_height - 470.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(360.0f, 460.0f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Models (digits)", open)) {
    ImGui::End();
    return;
  }
  ModelsState& s = State();
  if (!s.loaded) {
    ImGui::TextWrapped("Could not load the digits: %s", s.error.c_str());
    ImGui::End();
    return;
  }
  ImGui::RadioButton("RBM", &s.model, 0);
  ImGui::SameLine();
  ImGui::RadioButton("CNN", &s.model, 1);
  ImGui::SameLine();
  ImGui::RadioButton("VAE", &s.model, 2);
  ImGui::SameLine();
  ImGui::RadioButton("GAN", &s.model, 3);
  ImGui::SameLine();
  ImGui::Checkbox("Train", &s.training);
  if (s.model == 0) {
    if (s.training) TrainRbm(s, train_budget_seconds);
    DrawRbm(s);
  } else if (s.model == 1) {
    if (s.training) TrainCnn(s, train_budget_seconds);
    DrawCnn(s);
  } else if (s.model == 2) {
    if (s.training) TrainVae(s, train_budget_seconds);
    DrawVae(s);
  } else {
    if (s.training) TrainGan(s, train_budget_seconds);
    DrawGan(s);
  }
  ImGui::End();
}

}  // namespace netlab
