#pragma once
// The GAN run as a PyTorch folder (--export-pytorch DIR, Export PyTorch): train.py, the same code as
// notebook.ipynb, the ring's mode centres as Netlab computes them (data.csv), the weights it starts from
// (weights.json: Netlab's initial draw, or the trained ones with --weights) and a README. The generator
// and the discriminator are written out layer by layer (models/gan.h); the real points and both batches
// of noise come from a port of Netlab's splitmix64 Rng and its Box-Muller draws, in Netlab's order, and
// the two optimizers keep their own learning rates, so train.py prints netlab --headless's report lines:
// tests/export/pytorch_generative_test.sh compares them.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"

namespace netlab {

class GanRun;

// What the export cannot write for this config, "" when it can: names the setting and what is written.
std::string GanPytorchRefusal(const Config& config);

// The folder's files for `run` as it stands: its weights now, fresh optimizers, and the real points and
// noise from the start of the run. `config_text` is quoted in the files.
bool ExportGanPytorch(GanRun& run, const std::string& config_text, std::vector<ExportedFile>& files, std::string& error);

}  // namespace netlab
