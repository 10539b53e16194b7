#pragma once
// A TF Playground run, as src/playground.ts does it for a link:
//   Math.seedrandom(seed); data = generator(500 | 1200, noise / 100); shuffle(data);
//   train = data[0, floor(n * percTrainData / 100)), test = the rest; then the network draws its weights
//   from the same stream. An epoch (oneStep) runs every training point in order, forward and back,
//   updating after each batchSize-th point (i + 1 ≡ 0 mod batchSize, so leftovers carry into the next
//   epoch), and then measures the displayed losses (getLoss): mean of 1/2 (out - label)^2.
#include <vector>

#include "tfplayground/datasets.h"
#include "tfplayground/network.h"
#include "tfplayground/settings.h"

namespace netlab {
namespace tfplayground {

constexpr int kClassificationSamples = 500;  // NUM_SAMPLES_CLASSIFY
constexpr int kRegressionSamples = 1200;     // NUM_SAMPLES_REGRESS

// The network inputs TF Playground feeds for a point, in its INPUTS order.
std::vector<double> Inputs(const Settings& settings, double x, double y);
// getLoss: the mean over `points` of 1/2 (out - label)^2 (NaN for no points, as 0/0 is there).
double Loss(Network& network, const Settings& settings, const std::vector<Point>& points);

class Experiment {
 public:
  explicit Experiment(const Settings& settings);
  void Epoch();  // oneStep

  long epoch() const { return epoch_; }  // TF Playground's iteration counter
  double train_loss() const { return train_loss_; }
  double test_loss() const { return test_loss_; }
  const Settings& settings() const { return settings_; }
  const std::vector<Point>& train() const { return train_; }
  const std::vector<Point>& test() const { return test_; }
  Network& network() { return network_; }

 private:
  Settings settings_;
  SeedRandom random_;
  std::vector<Point> train_, test_;
  Network network_;
  long epoch_ = 0;
  double train_loss_ = 0, test_loss_ = 0;
};

}  // namespace tfplayground
}  // namespace netlab
