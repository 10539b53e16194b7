#include "tasks/run_base.h"

namespace netlab {

bool RunBase::NextBatch(const Matrix& rows, Matrix& batch) {
  const bool ended = batcher_.Next(size_t(rows.rows()), config_.batch_size, rng_, batch_rows_);
  batch.resize(Eigen::Index(batch_rows_.size()), rows.cols());
  for (size_t i = 0; i < batch_rows_.size(); ++i) batch.row(Eigen::Index(i)) = rows.row(batch_rows_[i]);
  return ended;
}

std::vector<Matrix*> RunBase::ValuesOf(const std::vector<ParameterRef>& parameters) {
  std::vector<Matrix*> values;
  for (const ParameterRef& p : parameters) values.push_back(p.value);
  return values;
}

std::vector<Matrix*> RunBase::BuffersOf(Network& network) {
  std::vector<Matrix*> buffers = ValuesOf(network.Parameters());
  for (Matrix* m : network.State()) buffers.push_back(m);
  return buffers;
}

}  // namespace netlab
