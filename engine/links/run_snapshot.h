#pragma once
// A playground run as it stands, so that the page can keep it in the browser's storage while it trains
// and restore it after a reload, a crashed tab or a closed laptop, where it was: the same step, weights,
// optimizer state, history and random streams, so that training goes on exactly as it would have
// (docs/config.md, "Your run is kept"). Little-endian binary (core/byte_io.h), version 1:
//
//   8 bytes "NETLABR\n", u32 version (1)
//   u32 n + n bytes     the TF Playground link of a run in TF Playground mode, "" otherwise
//   u32 n + n bytes     the weights file (config/weights_file.h): config text, parameters, state
//   i64 step, i64 samples seen
//   TF Playground mode: nothing more (its experiment is replayed: a function of its settings and epoch)
//   otherwise:
//     u64 the data order's stream, u32 n + n u32 the order, u32 the cursor in it
//     u32 k + k u64       the network's random streams (dropout, DropConnect), then the optimizer's
//     u32 slots, each one matrix per parameter (its shape); i64 the optimizer's step counter
//     early stopping (train/early_stopping.h)
//     f64 last gradient norm, u32 k + k f32 per-layer gradient norms
//     u32 points, each i64 step + 8 f64 (epoch, losses, accuracies, validation loss, learning rate,
//       gradient norm) + u32 k + k f32
//     u32 n + n bytes     why training diverged ("" while it has not)
//
// Restoring checks every count and shape against the trainer the config builds before it is used, so a
// corrupted or hostile snapshot gets a message, never a crash or a huge allocation.
#include <memory>
#include <string>

#include "train/trainer.h"

namespace netlab {

constexpr uint32_t kRunSnapshotVersion = 1;
// The most epochs a TF Playground run replays on restore (a few seconds of its small networks).
constexpr long kMaxReplayedEpochs = 100000;

std::string SaveRunSnapshot(Trainer& trainer);
// True when `bytes` starts with the snapshot's magic.
bool LooksLikeRunSnapshot(const std::string& bytes);
// A trainer exactly where the snapshot left it; false with `error` set otherwise (`out` untouched).
bool RestoreRunSnapshot(const std::string& bytes, std::unique_ptr<Trainer>& out, std::string& error);

}  // namespace netlab
