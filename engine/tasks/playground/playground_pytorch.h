#pragma once
// The playground's run as a PyTorch folder (--export-pytorch DIR, Export PyTorch): train.py, the same
// code as notebook.ipynb, the points Netlab drew (data.csv), the weights it starts from (weights.json:
// Netlab's initial draw, or the trained ones), and a README. train.py carries a port of Netlab's
// splitmix64 Rng and Fisher-Yates shuffle, so its minibatches are Netlab's, and prints netlab
// --headless's report lines: tests/export/pytorch_export_test.sh compares them.
#include <string>
#include <vector>

#include "export/python_script.h"
#include "train/trainer.h"

namespace netlab {

// What the playground can export: "" when its config can be written as train.py, else why not (naming
// the setting and the values that can).
std::string PlaygroundPytorchRefusal(const Config& config);

// The folder's files for `trainer` as it stands: its weights now, a fresh optimizer, and the minibatch
// order from the start of the run. `config_text` (the config's text, or its link) is quoted in the
// files, so a student sees where the run came from.
bool ExportPlaygroundPytorch(const Trainer& trainer, const std::string& config_text, std::vector<ExportedFile>& files,
                             std::string& error);

}  // namespace netlab
