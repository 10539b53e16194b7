#include "cli/headless.h"

#include <cstdio>

#include "train/trainer.h"

namespace netlab {

int RunHeadless(const Config& config, long steps, long report_every, std::ostream& out) {
  Trainer trainer(config);
  return RunHeadless(trainer, steps, report_every, out);
}

int RunHeadless(Trainer& trainer, long steps, long report_every, std::ostream& out) {
  auto report = [&](const MetricsPoint& m) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "step=%ld epoch=%.2f train_loss=%.6f test_loss=%.6f train_accuracy=%.4f test_accuracy=%.4f\n",
                  m.step, m.epoch, m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy);
    out << line;
  };
  report(trainer.Evaluate());
  for (long s = 1; s <= steps && trainer.diverged().empty(); ++s) {
    trainer.Step();
    if (s % report_every == 0 || s == steps) report(trainer.Evaluate());
  }
  if (!trainer.diverged().empty()) {
    out << "error: " << trainer.diverged() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace netlab
