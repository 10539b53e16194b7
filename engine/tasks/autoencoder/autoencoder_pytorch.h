#pragma once
// The deep autoencoder run (Hinton & Salakhutdinov 2006) as a PyTorch folder (--export-pytorch DIR):
// train.py, the same code as notebook.ipynb, the rows (data.csv), the bottom RBM's initial weights
// (weights.json) and a README. Pretraining by contrastive divergence (mean-field reconstructions, a linear
// code RBM on top) is written in plain tensor operations (export/pytorch_cd.h); the unrolled autoencoder
// is fine-tuned with autograd and Adam. train.py prints netlab --headless's report lines:
// tests/export/pytorch_boltzmann_test.sh compares them.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"

namespace netlab {

class AutoencoderRun;

// What the export cannot write for this config, "" when it can.
std::string AutoencoderPytorchRefusal(const Config& config);
// The folder's files for `run`, which has taken no step (AutoencoderRun::ExportPytorch exports a fresh
// run: the folder holds the run from its beginning).
bool ExportAutoencoderPytorch(AutoencoderRun& run, const std::string& config_text, std::vector<ExportedFile>& files,
                              std::string& error);

}  // namespace netlab
