#pragma once
// Trained weights as a file: the config they belong to plus every parameter and state matrix, so a
// file alone restores the model. Little-endian binary, version 1:
//
//   8 bytes  "NETLABW\n"                      magic (the '\n' catches text-mode transfers)
//   u32      format version (1)
//   u32      n, then n bytes of config text   (ConfigToText, newline-separated; at most 64 KB)
//   u32      m, the number of matrices        (Network::Parameters() in order, then Network::State())
//   m times: u32 rows, u32 cols, rows*cols float32, row-major
//
// Loading checks every size against the network the config builds before reading any values, so a
// corrupted or hostile file gets a message instead of a crash or a huge allocation.
#include <string>
#include <vector>

#include "config/config.h"
#include "nn/network.h"

namespace netlab {

constexpr uint32_t kWeightsFormatVersion = 1;

std::string SaveWeights(const Config& config, Network& network);

struct LoadedWeights {
  Config config;
  std::vector<Matrix> matrices;  // in the order of SaveWeights
};
// Parses and validates `bytes` (shapes against the network `config` builds, finite values).
bool ParseWeights(const std::string& bytes, LoadedWeights& out, std::string& error);
// Copies parsed matrices into a network built from the same config.
bool ApplyWeights(const LoadedWeights& weights, Network& network, std::string& error);
// True when `bytes` starts with the weights magic (to tell a weights file from a config file).
bool LooksLikeWeights(const std::string& bytes);

}  // namespace netlab
