#include "export/onnx_recurrent.h"

#include <vector>

#include "core/registry.h"

namespace netlab {
namespace {

// One row per cell kind. Netlab keeps each gate's weights as a column block of input_weights
// (inputs x gates·H), recurrent_weights (H x gates·H) and bias; ONNX wants W (1 x gates·H x inputs),
// R (1 x gates·H x H) and B (1 x 2·gates·H: the input biases, then the recurrent biases), transposed,
// with the gates in its own order (onnx/docs/Operators.md): LSTM i, o, f, c; GRU z, r, h; RNN one block.
struct OnnxCellWriter {
  const char* name;                 // RecurrentLayer::kind()
  const char* op;                   // the ONNX operator
  std::vector<int> netlab_gate;     // netlab_gate[k]: Netlab's block for ONNX's gate k
  bool linear_before_reset;         // GRU only: r ⊙ (h U_n + Rb_n), as gru.h computes n
};

const std::vector<OnnxCellWriter>& OnnxCellWriters() {
  static const std::vector<OnnxCellWriter> table = {
      {"lstm", "LSTM", {0, 2, 1, 3}, false},  // lstm.h blocks i, f, o, g -> ONNX i, o, f, c(=g)
      {"gru", "GRU", {1, 0, 2}, true},        // gru.h blocks r, z, n -> ONNX z, r, h(=n)
      {"rnn", "RNN", {0}, false},             // simple_rnn.h: tanh(x W + h U + b), ONNX's default Tanh
  };
  return table;
}

// The gate blocks of `weights` (rows x gates·H), each transposed to (H x rows), stacked in ONNX's order.
Matrix OnnxGateMatrix(const Matrix& weights, const std::vector<int>& netlab_gate, int hidden) {
  Matrix out(Eigen::Index(netlab_gate.size()) * hidden, weights.rows());
  for (size_t k = 0; k < netlab_gate.size(); ++k)
    out.middleRows(Eigen::Index(k) * hidden, hidden) = weights.middleCols(netlab_gate[k] * hidden, hidden).transpose();
  return out;
}

}  // namespace

std::string WriteRecurrentCellToOnnx(RecurrentLayer& layer, OnnxGraph& g, const std::string& x) {
  const OnnxCellWriter* writer = FindByName(OnnxCellWriters(), layer.kind());
  RecurrentCell* cell = dynamic_cast<RecurrentCell*>(&layer);
  if (!writer || !cell) {
    g.Fail(std::string("ONNX export has no writer for the recurrent cell '") + layer.kind() + "'");
    return "";
  }
  const int H = cell->hidden_size();
  const int64_t gates = int64_t(writer->netlab_gate.size()), inputs = cell->input_weights.rows();
  const Matrix w = OnnxGateMatrix(cell->input_weights, writer->netlab_gate, H);
  const Matrix r = OnnxGateMatrix(cell->recurrent_weights, writer->netlab_gate, H);
  // Netlab has one bias per gate; it goes in ONNX's input bias and the recurrent bias stays zero. For
  // the GRU candidate that places b_n outside r ⊙ (...), where gru.h has it.
  Matrix b = Matrix::Zero(1, 2 * gates * H);
  b.leftCols(gates * H) = OnnxGateMatrix(cell->bias, writer->netlab_gate, H).transpose();
  std::vector<OnnxAttribute> attributes = {IntAttribute("hidden_size", H)};
  if (writer->linear_before_reset) attributes.push_back(IntAttribute("linear_before_reset", 1));
  return g.Node(writer->op,
                {x, g.Tensor("W", w, {1, gates * H, inputs}), g.Tensor("R", r, {1, gates * H, H}),
                 g.Tensor("B", b, {1, 2 * gates * H})},
                attributes);
}

bool ExportSequenceOnnx(SineRegressor& model, std::string& bytes, std::string& error) {
  if (!model.valid()) {
    error = "ONNX export: the sequence model has no recurrent cell";
    return false;
  }
  const RecurrentCell* cell = dynamic_cast<RecurrentCell*>(&model.cell());
  if (cell && cell->input_weights.rows() != 1) {  // the graph below feeds one value per step
    error = "ONNX export: the sequence model must read one value per step";
    return false;
  }
  OnnxGraph g;
  g.SetInput("sequence", 0, "steps");
  // (batch, steps) -> (steps, batch, 1): ONNX's recurrent operators take time first (layout 0; ONNX
  // Runtime's CPU kernels do not implement layout 1).
  const std::string time_major = g.Node("Transpose", {"sequence"}, {IntsAttribute("perm", {1, 0})});
  const std::string x = g.Node("Unsqueeze", {time_major, g.Int64Vector("axes", {2})});
  const std::string y = WriteRecurrentCellToOnnx(model.cell(), g, x);
  if (y.empty()) {
    error = g.error;
    return false;
  }
  // Y is (steps, directions = 1, batch, H); the readout y_t = h_t W + b at every step, as Predict.
  const std::string hidden = g.Node("Squeeze", {y, g.Int64Vector("axes", {1})});
  const Dense& readout = model.readout();
  const std::string out = g.Node("Add", {g.Node("MatMul", {hidden, g.Weights("W", readout.weights)}),
                                         g.Vector("b", readout.bias)});
  const std::string per_step = g.Node("Squeeze", {out, g.Int64Vector("axes", {2})});
  g.Node("Transpose", {per_step}, {IntsAttribute("perm", {1, 0})}, "prediction");
  g.SetOutput("prediction", 0, "steps");
  bytes = g.Serialize("netlab_sequence", std::string("Netlab sequence model: ") + model.cell_kind() + " with " +
                                             std::to_string(model.hidden_size()) +
                                             " hidden units and a linear readout; input: sequence (batch x steps)");
  return true;
}

}  // namespace netlab
