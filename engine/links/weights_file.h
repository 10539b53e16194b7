#pragma once
// Trained weights as a file: the config they belong to plus every parameter and state matrix of its
// task's run (TaskRun::Parameters), so a file alone restores the model. Little-endian binary:
//
//   8 bytes  "NETLABW\n"                      magic (the '\n' catches text-mode transfers)
//   u32      format version (2; version 1, the playground's only, still loads)
//   u32      n, then n bytes of config text   (ConfigToText, newline-separated; at most 64 KB)
//   u32      m, the number of matrices        (the run's Parameters() in order: for the playground its
//                                             network's parameters, then its state)
//   m times: u32 rows, u32 cols, rows*cols float32, row-major
//
// Loading checks every size before reading any values: against the network the config builds for the
// playground (no data needed), and for every task against its run when the weights are applied, so a
// corrupted or hostile file gets a message instead of a crash or a huge allocation.
#include <string>
#include <vector>

#include "config/config.h"
#include "nn/network.h"

namespace netlab {

constexpr uint32_t kWeightsFormatVersion = 2;

std::string SaveWeights(const Config& config, const std::vector<Matrix*>& matrices);
// The playground's network: its parameters, then its state.
std::string SaveWeights(const Config& config, Network& network);

struct LoadedWeights {
  Config config;
  std::vector<Matrix> matrices;  // in the order of SaveWeights
};
// Parses and validates `bytes`: the config, finite values, and for the playground the shapes against the
// network its config builds.
bool ParseWeights(const std::string& bytes, LoadedWeights& out, std::string& error);
// Copies parsed matrices into a run's (TaskRun::Parameters) or a network's buffers, built from the same
// config: false, naming the first that differs, when the count or a shape does not fit.
bool ApplyWeights(const LoadedWeights& weights, const std::vector<Matrix*>& buffers, std::string& error);
bool ApplyWeights(const LoadedWeights& weights, Network& network, std::string& error);
// True when `bytes` starts with the weights magic (to tell a weights file from a config file).
bool LooksLikeWeights(const std::string& bytes);

}  // namespace netlab
