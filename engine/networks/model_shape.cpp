#include "networks/model_shape.h"

#include "data/dataset.h"
#include "nn/loss.h"

namespace netlab {

ModelShape ShapeForConfig(const Config& config) {
  const DatasetKind* kind = FindDatasetKind(config.data.kind);
  const int classes = kind && kind->regression ? 0 : 2;
  return {int(config.features.size()), OutputUnits(*FindLoss(config.loss), classes)};
}

}  // namespace netlab
