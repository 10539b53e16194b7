#pragma once
// Label noise for the "memorising random labels" lesson (Zhang, Bengio, Hardt, Recht & Vinyals 2016,
// "Understanding deep learning requires rethinking generalization"): a chosen fraction of the training
// labels is shuffled among those samples, so the class counts stay the same but the chosen labels no
// longer depend on the inputs. At fraction 1 every label is a random permutation of the originals, the
// paper's "random labels"; a network large enough still fits them all, while its test accuracy falls to
// chance. Only training data is corrupted; test labels stay true.
#include <cstdint>
#include <string>

#include "core/rng.h"
#include "data/labeled.h"

namespace netlab {

struct LabelNoiseSettings {
  double fraction = 0.0;  // share of training samples whose labels are shuffled, in [0, 1]
  uint64_t seed = 1;      // which samples, and their new order
};

struct LabelNoiseReport {
  int shuffled = 0;  // samples chosen
  int changed = 0;   // samples whose label is now different (about 90% of the chosen for 10 balanced classes)
};

// Empty when `settings` can be applied, else why not.
std::string LabelNoiseError(const LabelNoiseSettings& settings);

// Picks round(fraction · n) samples with a seeded draw and permutes their labels among themselves.
// Leaves `data` untouched and returns false with `error` set when the settings are invalid.
bool ApplyLabelNoise(LabeledData& data, const LabelNoiseSettings& settings, LabelNoiseReport& report,
                     std::string& error);

}  // namespace netlab
