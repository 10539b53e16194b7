#include "data/dataset_csv.h"

#include <cstdio>

namespace netlab {

std::string DatasetCsv(const DataSplit& data) {
  std::string out = "x1,x2,label,test\n";
  char line[96];
  for (const Dataset* set : {&data.train, &data.test})
    for (Eigen::Index i = 0; i < set->size(); ++i) {
      // %.9g prints a float so that it reads back to the same float (9 significant digits).
      std::snprintf(line, sizeof line, "%.9g,%.9g,%.9g,%d\n", set->points(i, 0), set->points(i, 1),
                    set->labels(i, 0), set == &data.test ? 1 : 0);
      out += line;
    }
  return out;
}

}  // namespace netlab
