#pragma once
// The one Fisher-Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P): every permutation equally likely,
// drawn from the caller's seeded Rng so that a seed fixes the order on every platform.
#include <cstdint>
#include <utility>
#include <vector>

#include "core/rng.h"

namespace netlab {

// Walks from the back, swapping each entry with a uniformly chosen one at or before it.
template <class T>
void Shuffle(std::vector<T>& items, Rng& rng) {
  for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng.Below(uint32_t(i))]);
}

}  // namespace netlab
