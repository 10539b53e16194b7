#pragma once
// The classification run as a PyTorch folder (--export-pytorch DIR): train.py, the same code as
// notebook.ipynb, the rows it trains and tests on (data.csv: the split Netlab drew, its training labels
// as label_noise left them), the weights it starts from (weights.json: convolutions in Conv2d's
// (out, in, k, k) layout, dense layers in nn.Linear's (out, in)) and a README. The layer stack is written
// out layer by layer (convolutions, pooling, dense blocks with their norms, skips, dropout and
// DropConnect); the minibatches and the dropout masks come from ports of Netlab's own generators
// (export/pytorch_script.h), so train.py prints netlab --headless's report lines:
// tests/export/pytorch_classify_test.sh compares them.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"

namespace netlab {

class ClassifyRun;

// What the export cannot write for this config, "" when it can: names the layer or the setting and
// what the export does write. (The data's size is checked when the run has its data.)
std::string ClassifyPytorchRefusal(const Config& config);

// The folder's files for `run` as it stands: its weights and running statistics now, a fresh optimizer,
// and the minibatch order and masks from the start of the run. `config_text` is quoted in the files.
bool ExportClassifyPytorch(ClassifyRun& run, const std::string& config_text, std::vector<ExportedFile>& files,
                           std::string& error);

}  // namespace netlab
