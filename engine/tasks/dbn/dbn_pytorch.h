#pragma once
// The DBN run as a PyTorch folder (--export-pytorch DIR): train.py, the same code as notebook.ipynb, the
// rows (data.csv), the bottom RBM's initial weights (weights.json) and a README. Greedy layer-wise
// pretraining by contrastive divergence is written in plain tensor operations (export/pytorch_cd.h),
// each later RBM drawn from a port of Netlab's stream when its turn comes; fine-tuning (the pretrained
// classifier, its random-start twin and the unrolled autoencoder) uses autograd and PyTorch's optimizers.
// train.py prints netlab --headless's report lines: tests/export/pytorch_boltzmann_test.sh compares them.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"

namespace netlab {

class DbnRun;

// What the export cannot write for this config, "" when it can.
std::string DbnPytorchRefusal(const Config& config);
// The folder's files for `run`, which has taken no step (DbnRun::ExportPytorch exports a fresh run: the
// folder holds the run from its beginning).
bool ExportDbnPytorch(DbnRun& run, const std::string& config_text, std::vector<ExportedFile>& files, std::string& error);

}  // namespace netlab
