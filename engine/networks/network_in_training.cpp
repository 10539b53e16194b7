#include "networks/network_in_training.h"

#include "networks/network_builder.h"

namespace netlab {

std::vector<float> WeightGradientNorms(const std::vector<ParameterRef>& parameters) {
  std::vector<float> norms;
  for (const ParameterRef& p : parameters)
    if (p.is_weight) norms.push_back(p.gradient->norm());
  return norms;
}

std::vector<float>& GradientNormHistory::Slot(long update, size_t count) {
  if (records_.empty()) {
    records_.resize(kMax);
    for (auto& r : records_) r.second.reserve(count);
  }
  if (size_ == kMax) {
    for (size_t i = 0; i < kMax / 2; ++i) std::swap(records_[i], records_[2 * i + 1]);  // keeps every slot's buffer
    size_ = kMax / 2;
  }
  records_[size_].first = update;
  return records_[size_++].second;
}

void GradientNormHistory::Record(long update, const std::vector<ParameterRef>& parameters) {
  if (update % kEvery != 0) return;
  std::vector<float>& slot = Slot(update, parameters.size());
  slot.clear();
  for (const ParameterRef& p : parameters)
    if (p.is_weight) slot.push_back(p.gradient->norm());
}

void GradientNormHistory::Record(long update, const std::vector<float>& norms) {
  std::vector<float>& slot = Slot(update, norms.size());
  slot.assign(norms.begin(), norms.end());
}

void GradientNormHistory::AppendTo(std::vector<GradientNormsAt>& out) const {
  for (size_t i = 0; i < size_; ++i) out.push_back({records_[i].first, &records_[i].second});
}


}  // namespace netlab
