#include "data/data_shape.h"

namespace netlab {

DataShape KnownDataShape(const std::string& kind) {
  // scikit-learn's digits: 8x8 grey images, 10 classes; iris: 4 measurements, 3 species; Fashion-MNIST:
  // 28x28 grey images, 10 classes (Xiao, Rasul & Vollgraf 2017).
  if (kind == "digits") return {1, 8, 8, 10};
  if (kind == "iris") return {1, 1, 4, 3};
  if (kind == "fashion") return {1, 28, 28, 10};
  return {};
}

}  // namespace netlab
