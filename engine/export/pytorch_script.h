#pragma once
// What every task's PyTorch export (--export-pytorch, tasks/<task>/<task>_pytorch.cpp) writes alike, so
// that every train.py shares one port of each piece of Netlab and every folder one way of telling it: the
// preamble and command line, the README and the notebook's introduction, the Settings section's common
// text and constants, the data file of a task's rows, the training loop's head and tail with its report
// lines, Netlab's splitmix64 Rng, Fisher-Yates shuffle and minibatches, the masks of
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
#include "data/task_data.h"
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
// --save); `predict_rows` says what a row of --predict's CSV holds (no --predict where it is "").
std::string PytorchArgumentsCode(const std::string& description, const std::string& predict_rows);
// Netlab's Rng (splitmix64), its Fisher-Yates shuffle and the minibatch passes (train/batcher.h).
extern const char* const kPytorchRngCode;
// Dropout's and DropConnect's masks from each layer's own Rng, drawn as Netlab draws them
// (nn/dropout.h, nn/dropconnect.h); only written where the network has such a layer.
extern const char* const kPytorchMaskCode;
// load_weights and save_weights (weights.json, "netlab-pytorch-1").
extern const char* const kPytorchWeightsCode;
// kPytorchProcessesCode, then the model (the initializer, or weights.json): the training section's start.
std::string PytorchModelCode();
// PytorchModelCode, then the model's DDP wrapper `trained` and its optimizer.
std::string PytorchDistributedCode();
// One update, inside the training loop (8 spaces in) once `loss` is the minibatch's: its gradient, the
// penalties and clipping, the scheduled learning rate, the optimizer's step and the step count.
extern const char* const kPytorchUpdateCode;
// torch.distributed's setup: rank, world and device from torchrun's environment (gloo on CPUs, NCCL on
// GPUs); PytorchModelCode and the CD tasks' PytorchCdProcessesCode start with it.
extern const char* const kPytorchProcessesCode;
// number(v): a number as Netlab's report writes it.
extern const char* const kPytorchNumberCode;

// data.csv holds every value as text: past this many values a folder and the page's .zip grow past a few
// megabytes, so such a file of the user's is refused rather than written. Fashion-MNIST (dataset=fashion)
// is not written at all: train.py reads its IDX files where they are installed (PytorchData).
constexpr long kPytorchMaxDataValues = 1000000;
// "" when `data` fits data.csv (or is Fashion-MNIST's), else why not (its rows and values against
// kPytorchMaxDataValues).
std::string PytorchDataSizeRefusal(const Config& config, const TaskData& data);

// How a train.py gets the rows Netlab trains and tests on, in Netlab's order: data.csv of every row's
// values, class and set; or, for dataset=fashion, Fashion-MNIST's four IDX files read from
// FASHION_MNIST_DIR (Debian's dataset-fashion-mnist by default), the first rows Netlab kept.
struct PytorchData {
  std::string csv;        // data.csv; "" where train.py reads the IDX files
  std::string code;       // defines train_x, train_labels, test_x and test_labels (on the device if asked)
  std::string source;     // "data.csv holds the rows ... (dataset=..., seed=...), split as ...": the section's start
  std::string file_line;  // the README's row for the data: "| data.csv | ... |"
};
// `row` says what a row of data.csv holds ("its values, its class and its set").
PytorchData PytorchDataFor(const Config& config, const TaskData& data, bool on_device, const std::string& row);

// What a task's export says of itself in the places every export fills alike: the README, the notebook's
// first cell and train.py's headline (PytorchFolder).
struct PytorchAbout {
  std::string title;         // "A Netlab classification run": the README's and the notebook's heading
  std::string headline;      // train.py's first comment lines, each starting "# "
  std::string contents;      // the notebook's "written out: ..." (the data, the network, ...)
  std::string data_file;     // the README's row for the data (PytorchData::file_line)
  std::string weights_file;  // and for weights.json
  std::string report;        // the report line's keys, "step=... epoch=..."
  std::string agreement;     // what train.py shares with netlab --headless ("the same minibatches ...")
  std::string processes;     // how torchrun's processes share the work
  std::string options;       // the command line beyond --steps and --device
};
// "Each process `share` and DistributedDataParallel averages the gradients ...": PytorchAbout::processes
// for the tasks trained by autograd.
std::string PytorchDdpNote(const std::string& share);
// The exported folder: train.py, notebook.ipynb (the same sections), data.csv (unless `csv` is ""),
// weights.json, README.md.
std::vector<ExportedFile> PytorchFolder(const PytorchAbout& about, const std::string& config_text,
                                        const std::vector<ScriptSection>& sections, const std::string& csv,
                                        const std::string& weights);

// The Settings section: the config quoted, `code` (the constants), and where a run that has taken
// `steps` steps does not go on as Netlab's would (`restarts`: "the optimizer starts afresh and ...").
// `rest` follows "everything else is the config's".
ScriptSection PytorchSettingsSection(const std::string& config_text, const std::string& code, long steps,
                                     const std::string& restarts, const std::string& rest = ".");
// L1, L2, CLIP_NORM and the schedule as the optimizer section reads them, each by its config key.
std::string PytorchUpdateSettingsCode(const Config& config);
// STEPS_PER_EPOCH: what the report's epoch counts.
std::string PytorchStepsPerEpochCode(long steps_per_epoch);
// "Netlab's random numbers": `explanation`, kPytorchRngCode and `more` (the task's own draws).
ScriptSection PytorchRandomSection(const std::string& explanation, const std::string& more);
// The same for the tasks that pass over their rows in Netlab's minibatches, with the masks' streams
// where the network has dropout or DropConnect.
ScriptSection PytorchMinibatchRandomSection(bool uses_masks);
// "Evaluation": `report_code`, which defines report_line(...) as netlab --headless computes its line.
ScriptSection PytorchEvaluationSection(const std::string& report_code);
// PENALIZED, the names of the weights the penalties act on, after a comment "# The weights `which`".
std::string PytorchPenalizedCode(const std::string& which, const std::string& penalized);

// --predict's CSV as `table`, its rows of text (a header row dropped), 4 spaces in.
extern const char* const kPytorchPredictTableCode;
// With --predict: `read` (4 spaces in) makes the model's inputs `inputs` of the CSV's rows; their outputs
// predict(model(inputs)) are printed, one CSV line a row, and the script stops.
std::string PytorchPredictCode(const std::string& read, const std::string& inputs);

// The training loop's head: a report line before the first step (rank 0), then for s = 1 .. --steps.
// report_line's arguments are `report_args`.
std::string PytorchLoopStart(const std::string& report_args);
// Its tail, after the step's code (4 spaces in): a report line every --report-every steps and at the last,
// then `after_report` (8 spaces in, on every process); with `stops`, a break once `diverged` says why.
// Then --save writes `saved`, torchrun's processes part, and (with `stops`) a diverged run prints why and
// exits 1.
std::string PytorchLoopEnd(const std::string& report_args, const std::string& saved, bool stops = true,
                           const std::string& after_report = "");

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
// differ (the export and the builder disagree), tensors or mask streams.
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
