#pragma once
// The sequence run as a PyTorch folder (--export-pytorch DIR): train.py, the same code as
// notebook.ipynb, the fixed validation waves (data.csv), the weights it starts from (weights.json:
// Netlab's initial draw, or the trained ones with --weights) and a README. The recurrent cell (LSTM, GRU
// or plain RNN) is written out equation by equation in Netlab's gate order and with its one bias per
// gate, so its tensors are Netlab's one to one; the training waves come from a port of Netlab's
// splitmix64 Rng and MakeSineBatch, so train.py prints netlab --headless's report lines:
// tests/export/pytorch_sequence_test.sh compares them.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"

namespace netlab {

class SequenceRun;

// What the export cannot write for this config, "" when it can: names the setting and what the export
// does write.
std::string SequencePytorchRefusal(const Config& config);

// The folder's files for `run` as it stands: its weights now, a fresh optimizer, and the training waves
// from the start of the run. `config_text` is quoted in the files.
bool ExportSequencePytorch(SequenceRun& run, const std::string& config_text, std::vector<ExportedFile>& files,
                           std::string& error);

}  // namespace netlab
