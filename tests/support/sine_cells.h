#pragma once
// The sequence model with each recurrent cell on one small batch of sine sequences: the set-up the
// gradient checks of its error through time share (recurrent/sequence_task.h).
#include <catch2/catch.hpp>

#include <cstdint>

#include "core/rng.h"
#include "recurrent/sequence_task.h"

namespace netlab {

// For each cell (LSTM, GRU, plain RNN): a SineRegressor of `units` units, then `rows` sequences of `steps`
// steps with input noise `noise`, both drawn from one Rng(seed), handed to `check(model, batch)`.
template <typename Check>
void ForEachCellOnSines(uint64_t seed, int units, int rows, int steps, float noise, Check check) {
  for (const char* kind : {"lstm", "gru", "rnn"}) {
    INFO(kind);
    Rng rng(seed);
    SineRegressor model(kind, units, rng);
    REQUIRE(model.valid());
    SineBatch batch;
    MakeSineBatch(rows, steps, noise, rng, batch);
    check(model, batch);
  }
}

}  // namespace netlab
