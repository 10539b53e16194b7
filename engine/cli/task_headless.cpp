#include "cli/task_headless.h"

#include "core/json_text.h"
#include "tasks/classify/random_labels.h"
#include "tasks/classify/classify_run.h"
#include "tasks/task_run.h"

namespace netlab {
namespace {

// Training rows the accuracy on the training set is measured on each epoch (the labels trained on,
// shuffled ones included): enough for a percentage, a small share of an epoch's work.
constexpr int kTrainAccuracyRows = 2000;

int RunClassify(const Config& config, const TaskData& clean, long epochs, std::ostream& out) {
  // The random-labels lesson (lessons/random_labels.h): a copy with shuffled training labels, only when asked.
  const TaskData noisy = config.lesson.label_noise > 0.0f ? WithLabelNoise(config, clean) : TaskData();
  const TaskData& data = config.lesson.label_noise > 0.0f ? noisy : clean;
  ClassifyRun run(config, data);
  if (!run.error().empty()) {
    out << "error: " << run.error() << "\n";
    return 2;
  }
  if (epochs <= 0) epochs = 10;
  out << "parameters=" << run.parameter_count() << " train=" << data.train.labels.size()
      << " test=" << data.test.labels.size() << "\n";
  for (long epoch = 1; epoch <= epochs; ++epoch) {
    while (!run.Step())
      if (!run.diverged().empty()) break;
    if (!run.diverged().empty()) {
      out << "diverged: " << run.diverged() << "\n";
      return 1;
    }
    const ClassifyPoint& p = run.Evaluate();
    out << "epoch=" << epoch << " step=" << p.step << " train_loss=" << JsonNumber(p.train_loss)
        << " test_loss=" << JsonNumber(p.test_loss) << " test_accuracy=" << JsonNumber(p.test_accuracy)
        << " train_accuracy=" << JsonNumber(ClassifyAccuracy(run.network(), data.train, kTrainAccuracyRows)) << "\n";
  }
  return 0;
}

}  // namespace

int RunTaskHeadless(const Config& config, const TaskData& data, long epochs, long steps, std::ostream& out) {
  if (config.task == "classify") return RunClassify(config, data, epochs, out);
  std::unique_ptr<FamilyRun> run = MakeFamilyRun(config, data);
  if (!run || !run->error().empty()) {
    out << "error: " << (run ? run->error() : "the " + config.task + " task does not train headless") << "\n";
    return 2;
  }
  const long reports = epochs > 0 ? epochs : (steps > 0 ? (steps + run->StepsPerReport() - 1) / run->StepsPerReport() : 10);
  for (long report = 1; report <= reports; ++report) {
    for (long i = 0; i < run->StepsPerReport(); ++i) run->Step();
    if (!run->diverged().empty()) {
      out << "diverged: " << run->diverged() << "\n";
      return 1;
    }
    out << run->ReportLine() << "\n";
  }
  return 0;
}

}  // namespace netlab
