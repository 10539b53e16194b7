#pragma once
// The whole workbench as plain data: what the UI edits, what a link or a file carries, and what the
// engine builds a model and a trainer from. Text form: one `key=value` per line or `&`-separated.
// Version 2 added the task (what is trained: the 2-D playground, image/table classification, a
// sequence model or one of the generative families), the data sets they train on, layer kinds beyond
// dense ones and each family's own settings; every version-1 text still reads as the same playground
// (tests/links/v1_links.txt). docs/config.md lists every key.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/data_config.h"
#include "optim/settings.h"
#include "config/course.h"
#include "tfplayground/settings.h"

namespace netlab {


// One layer of the architecture. Dense (the playground's hidden block): Dense -> [normalization] ->
// activation -> [dropout], optionally wrapped in a skip. The other kinds (classification and sequence
// tasks): conv (filters = units, a kernel x kernel window, stride, padding; then the same norm,
// activation and dropout), maxpool and avgpool (a kernel x kernel window moved by stride), flatten, and
// the recurrent cells lstm, gru and rnn (units = hidden size).
struct LayerConfig {
  int units = 4;
  std::string activation = "tanh";
  int pieces = 2;            // maxout: linear pieces per unit
  std::string norm = "none";  // none | batch | layer
  std::string skip = "none";  // none | residual | highway | dense (DenseNet: output [x, F(x)], classify stacks)
  float dropout = 0.0f;      // probability of dropping a unit's output (inverted dropout)
  float dropconnect = 0.0f;  // probability of dropping each weight of the block's dense layer
  // Last, so that {units, activation} still initialises a dense layer.
  std::string kind = "dense";  // dense | conv | maxpool | avgpool | flatten | lstm | gru | rnn
  int kernel = 3, stride = 1, padding = 0;  // conv and pooling windows
  bool operator==(const LayerConfig& o) const {
    return kind == o.kind && kernel == o.kernel && stride == o.stride && padding == o.padding &&
           units == o.units && activation == o.activation && pieces == o.pieces && norm == o.norm &&
           skip == o.skip && dropout == o.dropout && dropconnect == o.dropconnect;
  }
};

struct RegularizationConfig {
  float l1 = 0.0f;         // adds l1 * sign(w) to weight gradients
  float l2 = 0.0f;         // adds l2 * w to weight gradients (L2 penalty l2/2 |w|²)
  float clip_norm = 0.0f;  // rescales the global gradient norm to at most this; 0 = off
  float validation_fraction = 0.0f;  // share of training data held out for early stopping; 0 = off
  int patience = 10;       // evaluations without validation improvement before stopping
};


// Settings of the families that are more than a layer stack (models/*.h); each family reads its own.
struct FamilyConfig {
  int cd_k = 1;             // RBM, DBN: Gibbs steps of contrastive divergence (CD-k)
  bool persistent = false;  // RBM, DBN: persistent CD (Tieleman 2008) instead of chains from the data
  int pretrain_epochs = 5;  // DBN: epochs of greedy pretraining per RBM
  int latent = 2;           // autoencoder code size, VAE latent dimensions, GAN noise dimensions
  float kl_weight = 1.0f;   // VAE: weight of the KL term (1 = the ELBO; beta-VAE otherwise)
  int discriminator_units = 64;               // GAN: hidden units of the discriminator
  float discriminator_learning_rate = 0.001f;  // GAN: Adam step of the discriminator
  int sequence_length = 40;  // sequence task: time steps per training sequence
  bool operator==(const FamilyConfig& o) const {
    return cd_k == o.cd_k && persistent == o.persistent && pretrain_epochs == o.pretrain_epochs &&
           latent == o.latent && kl_weight == o.kl_weight && discriminator_units == o.discriminator_units &&
           discriminator_learning_rate == o.discriminator_learning_rate && sequence_length == o.sequence_length;
  }
};

// The lessons' own settings (engine/lessons) and classification's label-noise control. Each key is left
// out of a config's text while it holds its default, so links that do not use a lesson read as before.
struct LessonConfig {
  std::string perceptron_rule = "rosenblatt";     // perceptron: rosenblatt (hard threshold) | sigmoid (delta rule)
  std::string perceptron_update = "incremental";  // perceptron: incremental (one point a step) | batch
  std::string flow = "affine_coupling";  // flow: planar | additive_coupling (NICE) | affine_coupling (RealNVP)
  int flow_layers = 6;                   // flow: planar or coupling layers, 1 .. 32
  float label_noise = 0.0f;  // classify: share of training labels shuffled (Zhang et al. 2016), 0 .. 1
  // made-digits: hidden units of the RBM measured beside MADE, 1 .. 20, few enough that its log Z is an
  // exact sum over the 2^h hidden configurations.
  int rbm_hidden = 16;
  // gumbel-vae: `latent` groups of `categories` classes; the Gumbel-softmax temperature falls as
  // τ = max(τ_min, τ0 · exp(−anneal · update)) (Jang, Gu & Poole 2017's schedule).
  int categories = 10;
  float gumbel_temperature = 1.0f;      // τ0
  float gumbel_temperature_min = 0.5f;  // τ_min
  float gumbel_anneal = 0.001f;         // per update; 0 keeps τ = τ0
  // dqn: the discount γ of Q(s, a) = r + γ max Q(s', a') and the linear ε-greedy schedule.
  float discount = 0.9f;
  float epsilon_start = 1.0f, epsilon_end = 0.05f;
  int epsilon_decay_moves = 3000;
  int vocabulary = 8;  // attention: distinct tokens of the reversal toy
  // xor-by-hand: the 2-2-1 net f(x) = wᵀ max(0, Wᵀx + c) + b, its nine weights (xor_w11 is W₁₁, from x₁
  // to h₁), by default Goodfellow et al.'s (2016, §6.1) solution; where it starts (hand: these weights,
  // random: Glorot-uniform from the seed) and whether a step is one of gradient descent.
  float xor_w11 = 1, xor_w12 = 1, xor_w21 = 1, xor_w22 = 1, xor_c1 = 0, xor_c2 = -1, xor_w1 = 1, xor_w2 = -2, xor_b = 0;
  std::string xor_init = "hand";  // hand | random
  bool xor_train = false;
  // diffusion-2d: the forward process's T steps and its β schedule (diffusion/ddpm.h): linear (Ho et al.
  // 2020, scaled to T) | cosine (Nichol & Dhariwal 2021).
  int diffusion_steps = 100;
  std::string noise_schedule = "linear";
  // diffusion-2d: also train a coupling flow and a GAN on the same target, one update each per step, to
  // compare their samples with the diffusion's (the view's compare tab, their MMD² in the report).
  bool diffusion_compare = false;
  // char-transformer (transformer/char_transformer.h): L blocks, H heads (the width, from `layers`, a
  // multiple of H), T positions of context, dropout p on the attention weights and residual branches,
  // and the output layer tied to the token embedding or a matrix of its own.
  int blocks = 2;
  int heads = 4;
  int context = 32;
  float dropout = 0.0f;
  bool tied_output = true;
};

// Bumped when a key changes meaning; readers of an older version ignore a newer version's unknown keys.
// Version 3: a key left out takes the named task's default (its example config, links/config_text.h's
// TaskDefaults); in versions 1 and 2 it took Config()'s, below.
constexpr int kConfigVersion = 3;

// A racer of the optimizer race (the playground's race tab): the optimizer, its step and whether it runs.
struct RacerConfig {
  std::string kind;
  float learning_rate = 0.01f;
  bool on = true;
};

// UI: what the page's views show of a run, not what the run computes (settings section kPage): a view's
// sliders and switches edit these keys, so a link shows the same picture, and editing one never rebuilds
// the run.
struct ShowConfig {
  bool log_scale = false;            // log_scale: loss curves on a log axis
  bool test_data = true;             // show_test_data: the playground's test points on its heatmap
  int paint_class = 1;               // paint_class: the class a click on the heatmap paints (0 orange, 1 blue)
  float paint_value = 0.5f;          // paint_value: the value it paints on regression data, in [-1, 1]
  int test_image = 0;                // test_image: the test image the classification view follows
  bool discriminator_surface = true; // discriminator_surface: the GAN's D(x) behind its samples
  int sample_gibbs_steps = 200;      // sample_gibbs_steps: Gibbs sweeps of the RBM samples (MADE, SBN)
  float wave_frequency = 0.3f;       // wave_frequency: the sequence view's test wave, radians a step
  std::vector<float> gumbel_alpha = {1.0f, 2.0f, 3.0f, 4.0f};  // gumbel_alpha: the Gumbel-max trick's α
  // backprop: the backprop inspector's lecture example w1, w2, x1, x2, y (gradient steps move w1, w2)
  std::vector<double> backprop = {0.02, 0.01, 3, 5, 0};
  float backprop_step = 0.01f;       // backprop_step: the backprop inspector's ε
  std::string race_surface = "rosenbrock";  // race_surface: the optimizer race's loss surface
  std::vector<RacerConfig> racers;   // race: the racers and their steps (empty: every optimizer, its suggested step)
  int race_speed = 5;                // race_speed: race steps per frame
  int diffusion_t = 10;              // diffusion_t: the diffusion view's step t of the forward process (at most T)
  float sample_temperature = 0.8f;   // sample_temperature: the character transformer's sampling temperature τ
  std::string prompt = "This License";  // prompt: the text the character transformer continues and attends over
  int timeline = -1;                 // timeline: the past step the playground shows (compare/timeline.h); -1: the present
  int network = 0;                   // network: which of a task's networks the Layers and Gradient check tabs show
  // errors_cell: the confusion-matrix cell (true class, predicted class) whose test samples the Errors
  // tab lists; -1: none chosen
  int cell_truth = -1, cell_predicted = -1;
};

struct Config {
  int version = kConfigVersion;  // of the text this was read from; always written as kConfigVersion
  // What is trained (workbench/task.h): playground (2-D points, today's playground) | classify |
  // sequence | rbm | dbn | autoencoder | vae | gan.
  std::string task = "playground";
  DataConfig data;
  std::vector<std::string> features = {"x1", "x2"};
  // The architecture: the hidden layers (the output layer follows from the task and the data). For the
  // RBM, DBN and autoencoder their dense layers' units are the hidden sizes, bottom to top.
  std::vector<LayerConfig> hidden = {{4, "tanh"}, {2, "tanh"}};
  std::string output_activation = "linear";  // only used by losses that do not take logits
  std::string loss = "sigmoid_bce";
  std::string initializer = "xavier_uniform";
  float init_scale = 0.5f;  // a or sigma for the plain uniform/normal initializers
  OptimizerSettings optimizer;
  ScheduleConfig schedule;
  RegularizationConfig regularization;
  int batch_size = 10;
  uint64_t seed = 1;
  FamilyConfig family;
  LessonConfig lesson;
  // UI: the tab in front: for the playground task playground | backprop | gradient_check | layers | race;
  // for the other tasks training | model | layers | gradient_check (workbench/task.h).
  std::string view = "playground";
  std::string layout = "full";  // UI: full (controls + output) | compact (output only, as when embedded)
  CourseConfig course;  // UI: hidden and locked controls, the exercise's goal (config/course.h)
  // UI: standard | colorblind (Okabe & Ito's palette, told apart with every common colour-vision deficiency)
  std::string palette = "standard";
  ShowConfig show;  // UI: what the views show (kPage keys)
  // Set when the config was opened from a TensorFlow Playground link: the run then follows TF
  // Playground's own computation (tfplayground/experiment.h). Any edit of the config clears it.
  std::optional<tfplayground::Settings> tf_playground;
};

// Documented limits: anything beyond them is rejected with a message instead of exhausting memory.
constexpr int kMaxHiddenLayers = 12;  // the playground's dense layers
constexpr int kMaxStackLayers = 24;   // the other tasks' layer stacks
constexpr int kMaxUnits = 256;        // dense units, conv filters, recurrent hidden size
constexpr int kMaxKernel = 11;
constexpr long kMaxParameters = 4'000'000;  // per model: what a browser tab trains and a link restores
constexpr int kMinSamples = 10;
constexpr int kMaxSamples = 5000;
constexpr int kMaxMaxoutPieces = 8;
constexpr size_t kMaxConfigTextBytes = 64 * 1024;

// The settings a running trainer can take over without rebuilding: optimizer and its hyperparameters,
// schedule, batch size, penalties, clipping and patience.
void CopyLiveSettings(const Config& from, Config& to);
}  // namespace netlab
