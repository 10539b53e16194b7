#pragma once
// The Models window's sequence model (recurrent/sequence_task.h: an LSTM, GRU or plain RNN cell and a
// dense readout of h_t at every step) as an ONNX model (docs/onnx.md): input "sequence" (batch x steps,
// x_t per column), output "prediction" (batch x steps, the guess for x_{t+1} after reading x_0..x_t),
// what SineRegressor::Predict gives for each row. The cells are ONNX's own LSTM, GRU and RNN operators,
// whose equations are Netlab's with the gates in another order.
#include <string>

#include "export/onnx_graph.h"
#include "recurrent/sequence_task.h"

namespace netlab {

// Appends the cell's nodes reading `x` (steps x batch x inputs, ONNX's layout 0) and returns the value
// (steps x 1 x batch x hidden), ONNX's Y; "" after graph.Fail() for a cell kind without a writer.
std::string WriteRecurrentCellToOnnx(RecurrentLayer& cell, OnnxGraph& graph, const std::string& x);

// Serialised ModelProto bytes; false with `error` for an invalid model or a cell without an ONNX form.
bool ExportSequenceOnnx(SineRegressor& model, std::string& bytes, std::string& error);

}  // namespace netlab
