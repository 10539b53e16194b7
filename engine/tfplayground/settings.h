#pragma once
// A TensorFlow Playground experiment as its link states it (tensorflow/playground src/state.ts), after
// TF Playground's own reading rules. Plain data: Config carries one of these while the playground runs
// in faithful mode.
#include <string>
#include <vector>

namespace netlab {
namespace tfplayground {

struct Settings {
  std::string activation = "tanh";      // relu | tanh | sigmoid | linear (hidden nodes)
  std::string regularization = "none";  // none | L1 | L2 (weights only)
  double batch_size = 10;
  std::string dataset = "circle";        // circle | xor | gauss | spiral
  std::string reg_dataset = "reg-plane";  // reg-plane | reg-gauss
  double learning_rate = 0.03;
  double regularization_rate = 0;
  double noise = 0;                      // percent, after the noise slider's clamping (0..80)
  std::vector<double> network_shape = {4, 2};  // hidden layers; empty = none
  std::string seed;                      // the seed *text*: seedrandom mixes its characters
  double perc_train_data = 50;
  bool regression = false;               // problem=regression
  bool init_zero = false;
  // Input features in TF Playground's INPUTS order; cosX/cosY are read but never fed to the network.
  bool x = true, y = true, x_squared = false, y_squared = false, x_times_y = false, sin_x = false, sin_y = false;
  bool cos_x = false, cos_y = false;
  // Display and course settings: they change nothing in training.
  bool show_test_data = false, discretize = false, hide_text = false, collect_stats = false;
  std::string tutorial;
  std::vector<std::string> hidden_controls;  // names of the `<name>_hide=true` keys, in link order
};

// The number of nodes TF Playground builds for a layer size: `for (i = 0; i < n; i++)` gives ceil(n)
// for positive n and none for zero, negative or NaN.
int NodeCount(double layer_size);

}  // namespace tfplayground
}  // namespace netlab
