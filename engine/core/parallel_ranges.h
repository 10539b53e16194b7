#pragma once
// Element-wise work (activations, bias, copies) split into contiguous ranges on the GEMM's threads.
// Between the products of a training step these loops are the part that would otherwise run on one
// thread while the other waits: with the MLP bench (784-256-128-10, batch 64) they are about a tenth
// of a step, which alone caps two threads well below 2x (Amdahl: 1 / (0.1 + 0.9 / 2) = 1.8x at best).
//
// Every element is computed by exactly one range with the same code, so the bits do not depend on how
// [0, n) is cut or on the thread count.
#include "core/gemm.h"

namespace netlab {

// Below this many elements per range, waking a thread costs more than the loop.
constexpr long kMinElementsPerRange = 4096;
constexpr int kMostRanges = 4;

// Calls body(begin, end) over a partition of [0, n) into up to kMostRanges ranges of at least
// min_per_range elements each (one range, on the calling thread, for small n).
template <class Body>
void ForEachRange(long n, Body&& body, long min_per_range = kMinElementsPerRange) {
  long ranges = n / (min_per_range > 0 ? min_per_range : 1);
  ranges = ranges < 1 ? 1 : (ranges > kMostRanges ? kMostRanges : ranges);
  if (ranges == 1) {
    if (n > 0) body(0L, n);
    return;
  }
  auto part = [&](int index) { body(n * index / ranges, n * (index + 1) / ranges); };
  RunParts(int(ranges), part);
}

}  // namespace netlab
