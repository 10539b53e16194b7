#pragma once
// The training history as CSV for spreadsheets, pandas or R: a header row, then one row per reported
// step (Trainer::history()) with every metric. An empty field is a missing value (no validation split).
#include <string>
#include <vector>

#include "train/trainer.h"

namespace netlab {

// Columns: step, epoch, train_loss, test_loss, train_accuracy, test_accuracy, validation_loss,
// learning_rate, gradient_norm, then gradient_norm_layer_1 .. _K (|dL/dW| per weight matrix, input side
// first; K the most any point has).
std::string HistoryCsv(const std::vector<MetricsPoint>& history);

// The report lines "key=value key=value ..." as CSV: a column per key in the order keys first appear, a
// row per line (an empty cell where a line lacks a key, as a phase's line does); a value holding a comma
// or a quote is quoted (RFC 4180).
std::string ReportLinesCsv(const std::vector<std::string>& lines);

}  // namespace netlab
