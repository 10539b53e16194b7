#pragma once
// The playground's current points as CSV (header x1,x2,label,test; test is 1 for test points, 0 for
// training points), all numeric so that the CSV reader (data/csv.h) and `netlab --predict` read it back.
#include <string>

#include "data/dataset.h"

namespace netlab {

std::string DatasetCsv(const DataSplit& data);

}  // namespace netlab
