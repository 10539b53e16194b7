#pragma once
// The VAE run as a PyTorch folder (--export-pytorch DIR, Export PyTorch): train.py, the same code as
// notebook.ipynb, the rows it trains and tests on (data.csv), the weights it starts from (weights.json:
// Netlab's initial draw, or the trained ones with --weights) and a README. The encoder and the decoder
// are written out layer by layer (models/vae.h); the minibatches and the reparameterisation noise come
// from a port of Netlab's splitmix64 Rng and its Box-Muller draws, in Netlab's order, so train.py prints
// netlab --headless's report lines: tests/export/pytorch_generative_test.sh compares them.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"

namespace netlab {

class VaeRun;

// What the export cannot write for this config, "" when it can: names the setting and what is written.
std::string VaePytorchRefusal(const Config& config);

// The folder's files for `run` as it stands: its weights now, a fresh optimizer, and the minibatches and
// noise from the start of the run. `config_text` is quoted in the files.
bool ExportVaePytorch(VaeRun& run, const std::string& config_text, std::vector<ExportedFile>& files, std::string& error);

}  // namespace netlab
