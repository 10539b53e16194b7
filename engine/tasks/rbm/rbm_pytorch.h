#pragma once
// The RBM run as a PyTorch folder (--export-pytorch DIR): train.py, the same code as notebook.ipynb, the
// rows it trains and tests on (data.csv), the RBM it starts from (weights.json, Netlab's layout) and a
// README. Contrastive divergence is written in plain tensor operations (export/pytorch_cd.h), its samples
// drawn from a port of Netlab's stream, so train.py prints netlab --headless's report lines:
// tests/export/pytorch_boltzmann_test.sh compares them.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"

namespace netlab {

class RbmRun;

// What the export cannot write for this config, "" when it can.
std::string RbmPytorchRefusal(const Config& config);
// The folder's files for `run` as it stands: its weights now, fresh momentum and chains, and the
// minibatches and samples from where the run's stream stands.
bool ExportRbmPytorch(RbmRun& run, const std::string& config_text, std::vector<ExportedFile>& files, std::string& error);

}  // namespace netlab
