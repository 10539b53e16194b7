#include "tasks/playground/playground_run.h"
#include "nn/loss.h"
#include "data/input_features.h"
#include "data/dataset.h"

#include <cstdio>

#include "data/dataset_csv.h"
#include "export/onnx_export.h"
#include "train/batcher.h"
#include "train/history_csv.h"
#include "networks/model_outputs.h"
#include "tasks/playground/playground_pytorch.h"

namespace netlab {

long PlaygroundRun::StepsPerEpoch() const {
  // TF Playground mode: a step is one of its epochs.
  if (trainer_->tf_playground()) return 1;
  return Batcher::BatchesPerPass(size_t(trainer_->data().train.size()), trainer_->config().batch_size);
}

std::string PlaygroundRun::ReportLine() { return PlaygroundReportLine(*trainer_); }

std::string PlaygroundReportLine(Trainer& trainer) {
  const MetricsPoint& m = trainer.Evaluate();
  if (const tfplayground::Experiment* e = trainer.tf_playground()) {
    // TF Playground's own losses, all 17 digits: tests/tfplayground/ compares them with its code's.
    char line[160];
    std::snprintf(line, sizeof line, "epoch=%ld train_loss=%.17g test_loss=%.17g", e->epoch(), e->train_loss(),
                  e->test_loss());
    return line;
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "step=%ld epoch=%.2f train_loss=%.6f test_loss=%.6f train_accuracy=%.4f test_accuracy=%.4f", m.step,
                m.epoch, m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy);
  return line;
}

std::vector<NamedNetwork> PlaygroundRun::Networks() { return {{"network", NetworkOf(*trainer_)}}; }

std::vector<Matrix*> PlaygroundRun::Parameters() {
  std::vector<Matrix*> buffers;
  for (const ParameterRef& p : trainer_->network().Parameters()) buffers.push_back(p.value);
  for (Matrix* m : trainer_->network().State()) buffers.push_back(m);
  return buffers;
}

bool PlaygroundRun::ExportOnnx(std::string& bytes, std::string& error) {
  return netlab::ExportOnnx(trainer_->config(), trainer_->network(), bytes, error);
}

bool PlaygroundRun::Predict(const Matrix& inputs, Matrix& outputs, std::string& error) {
  if (inputs.cols() < 2) {
    error = "the playground predicts from rows of two columns (x1, x2)";
    return false;
  }
  outputs = ModelOutputs(trainer_->config(), trainer_->network(), inputs.leftCols(2));
  return true;
}

std::string PlaygroundRun::HistoryCsv() const { return netlab::HistoryCsv(trainer_->history()); }

std::string PlaygroundRun::DatasetCsv() const { return netlab::DatasetCsv(trainer_->data()); }

std::string PlaygroundRun::PytorchRefusal() const { return PlaygroundPytorchRefusal(config()); }

bool PlaygroundRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  return ExportPlaygroundPytorch(*trainer_, config_text, files, error);
}

std::string ValidatePlayground(const Config& c) {
  if (!FindDatasetKind(c.data.kind)) return "Unknown dataset '" + c.data.kind + "'.";
  if (c.features.empty()) return "Choose at least one input feature.";
  if (c.features.size() > Features().size()) return "Too many input features.";
  for (const std::string& f : c.features)
    if (!FindFeature(f)) return "Unknown input feature '" + f + "'.";
  const Loss* loss = FindLoss(c.loss);
  if (FindDatasetKind(c.data.kind)->regression && loss && !loss->regression)
    return "Regression data needs a regression loss; '" + std::string(loss->label) + "' is for classes.";
  return "";
}

}  // namespace netlab
