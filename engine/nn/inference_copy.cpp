#include "nn/inference_copy.h"

#include <utility>

namespace netlab {
namespace {

void CollectBuffers(Network& network, std::vector<Matrix*>& out) {
  for (const ParameterRef& p : network.Parameters()) out.push_back(p.value);
  for (Matrix* m : network.State()) out.push_back(m);
}

}  // namespace

InferenceCopy::InferenceCopy(Network& original, Network copy) : copy_(std::move(copy)) {
  CollectBuffers(original, from_);
  CollectBuffers(copy_, to_);
  copy_.SetTraining(false);
}

Network& InferenceCopy::Refresh() {
  for (size_t i = 0; i < to_.size() && i < from_.size(); ++i) *to_[i] = *from_[i];  // same shapes: no allocation
  copy_.SetTraining(false);
  return copy_;
}

}  // namespace netlab
