#include "links/weights_file.h"

#include <cmath>
#include <cstring>

#include "core/byte_io.h"
#include "networks/model_shape.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

namespace netlab {
namespace {

const char kMagic[8] = {'N', 'E', 'T', 'L', 'A', 'B', 'W', '\n'};

std::vector<Matrix*> Buffers(Network& network) {
  std::vector<Matrix*> buffers;
  for (const ParameterRef& p : network.Parameters()) buffers.push_back(p.value);
  for (Matrix* m : network.State()) buffers.push_back(m);
  return buffers;
}

}  // namespace

bool LooksLikeWeights(const std::string& bytes) {
  return bytes.size() >= sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) == 0;
}

std::string SaveWeights(const Config& config, const std::vector<Matrix*>& matrices) {
  ByteWriter out;
  out.bytes.assign(kMagic, sizeof kMagic);
  out.U32(kWeightsFormatVersion);
  out.Text(ConfigToText(config));
  out.U32(uint32_t(matrices.size()));
  for (const Matrix* m : matrices) out.Floats(*m);
  return out.bytes;
}

std::string SaveWeights(const Config& config, Network& network) { return SaveWeights(config, Buffers(network)); }

bool ParseWeights(const std::string& bytes, LoadedWeights& out, std::string& error) {
  if (!LooksLikeWeights(bytes)) return error = "This is not a Netlab weights file (wrong header).", false;
  ByteReader in{bytes, sizeof kMagic};
  uint32_t version = 0, text_size = 0, count = 0;
  if (!in.U32(version)) return error = "The weights file is cut off in its header.", false;
  if (version != 1 && version != kWeightsFormatVersion)
    return error = "Unsupported weights format version " + std::to_string(version) + " (this Netlab reads 1 and " +
                   std::to_string(kWeightsFormatVersion) + ").", false;
  if (!in.U32(text_size) || text_size > kMaxConfigTextBytes || text_size > in.left())
    return error = "The weights file's config section is cut off or too large.", false;
  LoadedWeights loaded;
  std::string config_error;
  if (!ParseConfig(bytes.substr(in.at, text_size), loaded.config, config_error))
    return error = "The weights file's config is invalid: " + config_error, false;
  in.at += text_size;
  if (version == 1 && loaded.config.task != "playground")
    return error = "A version-1 weights file holds a playground model, not the " + loaded.config.task + " task's.", false;
  // The playground's shapes come from the network its config builds, never from the file's own numbers
  // (building it draws initial weights but generates no data); the other tasks' from their runs, which
  // need their data, when the weights are applied.
  std::vector<Matrix*> expected;
  Network reference;
  if (loaded.config.task == "playground") {
    const ModelShape shape = ShapeForConfig(loaded.config);
    Rng unused(loaded.config.seed);
    reference = BuildNetwork(loaded.config, shape.inputs, shape.outputs, unused);
    expected = Buffers(reference);
  }
  if (!in.U32(count)) return error = "The weights file is cut off before its matrices.", false;
  if (!expected.empty() && count != expected.size())
    return error = "The weights file has " + std::to_string(count) + " matrices but its network needs " +
                   std::to_string(expected.size()) + ".", false;
  if (count > in.left() / 8) return error = "The weights file has more matrices than bytes.", false;
  for (uint32_t k = 0; k < count; ++k) {
    uint32_t rows = 0, cols = 0;
    const std::string which = "Matrix " + std::to_string(k + 1) + " of " + std::to_string(count);
    if (!in.U32(rows) || !in.U32(cols)) return error = which + " is cut off.", false;
    if (!expected.empty() && (rows != uint32_t(expected[k]->rows()) || cols != uint32_t(expected[k]->cols())))
      return error = which + " is " + std::to_string(rows) + "x" + std::to_string(cols) + " but the network needs " +
                     std::to_string(expected[k]->rows()) + "x" + std::to_string(expected[k]->cols()) + ".", false;
    if (uint64_t(rows) * cols * 4 > in.left()) return error = which + " is cut off.", false;
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) {
      in.F32(m.data()[i]);
      if (!std::isfinite(m.data()[i])) return error = which + " holds a NaN or infinite value.", false;
    }
    loaded.matrices.push_back(std::move(m));
  }
  if (in.left() != 0) return error = "The weights file has " + std::to_string(in.left()) + " unexpected bytes at its end.", false;
  out = std::move(loaded);
  return true;
}

bool ApplyWeights(const LoadedWeights& weights, const std::vector<Matrix*>& buffers, std::string& error) {
  if (buffers.size() != weights.matrices.size())
    return error = "The weights file has " + std::to_string(weights.matrices.size()) + " matrices but the " +
                   weights.config.task + " model needs " + std::to_string(buffers.size()) + ".", false;
  for (size_t i = 0; i < buffers.size(); ++i)
    if (buffers[i]->rows() != weights.matrices[i].rows() || buffers[i]->cols() != weights.matrices[i].cols())
      return error = "Matrix " + std::to_string(i + 1) + " of " + std::to_string(buffers.size()) + " is " +
                     std::to_string(weights.matrices[i].rows()) + "x" + std::to_string(weights.matrices[i].cols()) +
                     " but the model needs " + std::to_string(buffers[i]->rows()) + "x" +
                     std::to_string(buffers[i]->cols()) + " (weights for other data?).", false;
  for (size_t i = 0; i < buffers.size(); ++i) *buffers[i] = weights.matrices[i];
  return true;
}

bool ApplyWeights(const LoadedWeights& weights, Network& network, std::string& error) {
  return ApplyWeights(weights, Buffers(network), error);
}

}  // namespace netlab
