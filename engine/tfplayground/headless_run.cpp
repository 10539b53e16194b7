#include "tfplayground/headless_run.h"

#include <cmath>
#include <cstdio>

#include "tfplayground/experiment.h"

namespace netlab {
namespace tfplayground {

int RunEpochs(const Settings& settings, long epochs, std::ostream& out) {
  Experiment experiment(settings);
  auto report = [&] {
    char line[160];
    std::snprintf(line, sizeof line, "epoch=%ld train_loss=%.17g test_loss=%.17g\n", experiment.epoch(),
                  experiment.train_loss(), experiment.test_loss());
    out << line;
  };
  report();
  for (long e = 1; e <= epochs; ++e) {
    experiment.Epoch();
    report();
    // An empty test set has no loss (0/0, as in TF Playground); only the training loss can diverge.
    if (!std::isfinite(experiment.train_loss())) {
      out << "error: the training loss is no longer a finite number after epoch " << e
          << " (TF Playground shows NaN from here on); try a smaller learning rate.\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace tfplayground
}  // namespace netlab
