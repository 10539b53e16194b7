#pragma once
// What every task's PyTorch export (--export-pytorch, tasks/<task>/<task>_pytorch.cpp) writes alike, so
// that the playground's and classification's train.py share one port of each piece of Netlab: the
// preamble and command line, Netlab's splitmix64 Rng, Fisher-Yates shuffle and minibatches, the masks of
// dropout and DropConnect drawn from their layers' own streams, a dense block written out as nn.Module
// code (networks/network_builder.cpp's AddDenseBlock) with its tensors in Netlab's order, the weights
// file, the initializers, the losses, and the optimizer with its schedule, penalties and clipping
// (train/update_step.h).
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"
#include "core/tensor.h"
#include "export/python_script.h"
#include "nn/loss.h"
#include "nn/parameter.h"

namespace netlab {

// A setting as a student would type it (0.03, not 0.0299999993): %.7g.
std::string PyNum(double v);
// The shortest decimal that reads back as this float (a probability compared with Netlab's floats).
std::string PyFloat(float v);
// A 64-bit state as Python hex, 0x0123456789ABCDEF.
std::string PyHex(uint64_t v);
// `text` (a config, one key a line) with every line indented by 4 spaces (a Markdown code block), no
// newline at its end.
std::string PyIndented(const std::string& text);

// An element-wise activation as PyTorch writes it ({x} its input), nullptr for one the export lacks.
const char* PytorchActivation(const std::string& name);
std::string PyApply(const char* pattern, const std::string& x);
// "" when the export writes this optimizer, else why not (naming those it writes).
std::string PytorchOptimizerRefusal(const std::string& kind);

// The shebang, `headline` (comment lines, each starting "# "), how to run it, the imports, HERE.
std::string PytorchPreamble(const std::string& headline);
// The argument parser's common options (--steps, --report-every, --device, --fresh-init, --predict,
// --save); `predict_rows` says what a row of --predict's CSV holds.
std::string PytorchArgumentsCode(const std::string& description, const std::string& predict_rows);
// Netlab's Rng (splitmix64), its Fisher-Yates shuffle and the minibatch passes (train/batcher.h).
extern const char* const kPytorchRngCode;
// Dropout's and DropConnect's masks from each layer's own Rng, drawn as Netlab draws them
// (nn/dropout.h, nn/dropconnect.h); only written where the network has such a layer.
extern const char* const kPytorchMaskCode;
// load_weights and save_weights (weights.json, "netlab-pytorch-1").
extern const char* const kPytorchWeightsCode;
// torch.distributed's setup: rank, world, device, from torchrun's environment; then the model (the
// initializer, or weights.json), its DDP wrapper and the optimizer: the training section's start.
extern const char* const kPytorchDistributedCode;
// One update, inside the training loop (8 spaces in) once `loss` is the minibatch's: its gradient, the
// penalties and clipping, the scheduled learning rate, the optimizer's step and the step count.
extern const char* const kPytorchUpdateCode;
// The exported folder: train.py, notebook.ipynb (the same sections), data.csv, weights.json, README.md.
std::vector<ExportedFile> PytorchFiles(const std::string& preamble, const std::string& intro,
                                       const std::vector<ScriptSection>& sections, const std::string& csv,
                                       const std::string& weights, const std::string& readme);

// A tensor of the Python Net: its state_dict name, and whether weights.json holds Netlab's matrix
// transposed (a dense layer's (in, out) as nn.Linear's (out, in); a convolution's (C k k, out) as
// Conv2d's (out, C, k, k), the same transposition read in its shape).
struct PythonTensor {
  std::string name;
  bool transposed = false;
};

// The Net class being written: __init__'s and forward's bodies and the tensors in Netlab's order
// (Network::Parameters, Network::State). Forward's value is `x`.
struct PythonNet {
  std::string init, forward;
  std::vector<PythonTensor> parameters, state;
  // The masks' streams (Network::RandomStreams' states, in layer order), taken in order by the
  // dropout and DropConnect layers written; uses_masks once one is.
  std::vector<uint64_t> mask_streams;
  size_t next_stream = 0;
  bool uses_masks = false;

  // self.<name> = nn.Linear(in, out) (a DropConnect layer with `dropconnect` > 0).
  void Linear(const std::string& name, int in, int out, const std::string& comment, float dropconnect = 0.0f);
  // One dense block (AddDenseBlock: dense -> [norm] -> activation -> [dropout], inside a residual,
  // highway or concatenating skip), the n-th layer of the config, reading `width` values. Returns the
  // width it hands on. The caller has checked the activation with PytorchDenseRefusal.
  int DenseBlock(const LayerConfig& layer, int n, int width);
  // The next mask stream as Python hex (0 when the network has fewer than the layers written).
  std::string NextStream();
  // "class Net(nn.Module): ..." with `docstring`.
  std::string Code(const std::string& docstring) const;
};

// "" when DenseBlock writes `layer`, else why not (the layer is named by the caller).
std::string PytorchDenseRefusal(const LayerConfig& layer);
// The config's text for a layer as its key reads it ("16:relu:bn:res:d0.2").
std::string LayerKey(const LayerConfig& layer);

// weights.json: every tensor by its name in `net`, `parameters` and `state` as Netlab holds them now,
// and the names of the weights the penalties act on (PENALIZED). False with `error` when the counts
// differ (the export and the builder disagree).
bool PytorchWeightsJson(const PythonNet& net, const std::vector<ParameterRef>& parameters,
                        const std::vector<Matrix*>& state, const std::string& config_text, long step,
                        std::string& json, std::string& penalized, std::string& error);

// initialize(model): the config's initializer for every nn.Linear and nn.Conv2d (biases 0, highway
// gates -1), for --fresh-init.
std::string PytorchInitializeCode(const Config& config);
// loss_sum(z, t) and predict(z) for the config's loss, and targets(labels).
std::string PytorchLossCode(const Config& config, const Loss& loss, bool class_index);
// The optimizer section: learning_rate(step), make_optimizer(model), regularize_and_clip(model).
ScriptSection PytorchOptimizerSection(const Config& config);

}  // namespace netlab
