#include "export/pytorch_script.h"

#include <cstdio>
#include <cstdlib>

#include "config/config_text.h"
#include "core/json_text.h"

namespace netlab {
namespace {

struct PythonName {
  const char* netlab;
  const char* python;
};

const char* Lookup(const std::vector<PythonName>& table, const std::string& name) {
  for (const PythonName& row : table)
    if (name == row.netlab) return row.python;
  return nullptr;
}

const char* const kOptimizers[] = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};

}  // namespace

std::string PyNum(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", v);
  return text;
}

std::string PyFloat(float v) {
  char text[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, double(v));
    if (std::strtof(text, nullptr) == v) break;
  }
  return text;
}

std::string PyHex(uint64_t v) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%016llX", (unsigned long long)v);
  return text;
}

std::string PyIndented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    out += "    " + text.substr(start, end - start);
    start = end;
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();  // the caller writes what follows
  return out;
}

// Each activation as PyTorch writes it ({x} its input); Netlab's formulas are nn/activation.cpp's.
const char* PytorchActivation(const std::string& name) {
  static const std::vector<PythonName> table = {
      {"linear", "{x}"},           {"relu", "torch.relu({x})"},     {"leaky_relu", "F.leaky_relu({x}, 0.01)"},
      {"sigmoid", "torch.sigmoid({x})"}, {"tanh", "torch.tanh({x})"}, {"softplus", "F.softplus({x})"},
      {"abs", "torch.abs({x})"},   {"elu", "F.elu({x})"},
      {"gelu", "F.gelu({x})"},  // the exact x Phi(x), as Netlab's
      {"swish", "F.silu({x})"},    {"mish", "F.mish({x})"},       {"sine", "torch.sin({x})"},
      {"gaussian", "torch.exp(-torch.square({x}))"},
  };
  return Lookup(table, name);
}

std::string PyApply(const char* pattern, const std::string& x) {
  std::string out = pattern;
  const size_t at = out.find("{x}");
  return out.replace(at, 3, x);
}

std::string PytorchOptimizerRefusal(const std::string& kind) {
  std::string names;
  for (const char* o : kOptimizers) {
    if (kind == o) return "";
    names += (names.empty() ? "" : ", ") + std::string(o);
  }
  return "the " + kind + " optimizer is not in the PyTorch export yet (" + names + " are)";
}

std::string PytorchPreamble(const std::string& headline) {
  return "#!/usr/bin/env python3\n" + headline + R"PY(#
#   python3 train.py --steps 1000 --report-every 100      on this machine
#   python3 train.py --device cuda                         on a GPU
#   torchrun --nproc_per_node=2 train.py                   in 2 processes (add --nnodes for machines)
import argparse
import csv
import json
import math
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
)PY";
}

std::string PytorchArgumentsCode(const std::string& description, const std::string& predict_rows) {
  return "parser = argparse.ArgumentParser(description=" + JsonString(description) + ")\n"
         "parser.add_argument(\"--steps\", type=int, default=1000, help=\"minibatch updates (netlab --steps)\")\n"
         "parser.add_argument(\"--report-every\", type=int, default=100, help=\"a report line every K updates and at the last\")\n"
         "parser.add_argument(\"--device\", default=\"cpu\", help=\"cpu, or cuda where a GPU is\")\n"
         "parser.add_argument(\"--fresh-init\", action=\"store_true\", help=\"draw new initial weights with PyTorch's generator \"\n"
         "                    \"instead of loading Netlab's (the numbers then differ from Netlab's)\")\n" +
         (predict_rows.empty() ? std::string()
                               : "parser.add_argument(\"--predict\", default=\"\", help=\"print the model's outputs for the rows (" +
                                     predict_rows + ") of this CSV and stop\")\n") +
         "parser.add_argument(\"--save\", default=\"\", help=\"write the trained weights here, in weights.json's form\")\n"
         "# In a notebook there is no command line: the defaults above.\n"
         "args = parser.parse_args([] if \"ipykernel\" in sys.modules else None)\n\n";
}

const char* const kPytorchRngCode = R"PY(MASK = (1 << 64) - 1


class Rng:
    """Netlab's generator (engine/core/rng.h): splitmix64, one add and three mixes per draw."""

    def __init__(self, state):
        self.state = state & MASK

    def next_bits(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        """A uniform integer in [0, n): the top 32 bits scaled by n (Lemire's multiply-shift)."""
        return ((self.next_bits() >> 32) * n) >> 32


def shuffle(items, rng):
    """Fisher-Yates from the back (Knuth's Algorithm P), as engine/core/shuffle.h."""
    for i in range(len(items), 1, -1):
        j = rng.below(i)
        items[i - 1], items[j] = items[j], items[i - 1]


class Minibatches:
    """Passes over the n training rows, each in a fresh order drawn when the pass begins; a batch that
    crosses the end of a pass takes its last rows from the next one (engine/train/batcher.h)."""

    def __init__(self, n, rng):
        self.order, self.cursor, self.rng = list(range(n)), n, rng

    def next(self, size, end_of_pass=lambda: False):
        rows = []
        for _ in range(min(size, len(self.order))):
            if self.cursor >= len(self.order):
                if end_of_pass():  # early stopping may end training here
                    return None
                shuffle(self.order, self.rng)
                self.cursor = 0
            rows.append(self.order[self.cursor])
            self.cursor += 1
        return rows
)PY";

const char* const kPytorchMaskCode = R"PY(

def _signed(v):
    """A 64-bit pattern as the int64 that holds it."""
    return v - (1 << 64) if v >= 1 << 63 else v


def _shift(z, s):
    """z >> s for 64-bit patterns held in int64: a logical shift (the sign's copies masked off)."""
    return (z >> s) & ((1 << (64 - s)) - 1)


class MaskStream:
    """One layer's own Rng (as Rng above), drawing many numbers at once: splitmix64's k-th draw mixes
    state + k * 0x9E3779B97F4A7C15, and int64 arithmetic wraps as C++'s uint64_t does."""

    def __init__(self, state):
        self.state = state & MASK

    def uniform(self, count):
        """count uniforms in [0, 1), each the top 24 bits of a draw (Rng::Uniform), in order."""
        k = torch.arange(1, count + 1, dtype=torch.int64)
        z = _signed(self.state) + k * _signed(0x9E3779B97F4A7C15)
        z = (z ^ _shift(z, 30)) * _signed(0xBF58476D1CE4E5B9)
        z = (z ^ _shift(z, 27)) * _signed(0x94D049BB133111EB)
        z = z ^ _shift(z, 31)
        self.state = (self.state + count * 0x9E3779B97F4A7C15) & MASK
        return _shift(z, 40).float() / 16777216.0


def keep_mask(stream, p, shape):
    """0 where the draw is below p, else 1 / (1 - p) computed in float, as Netlab's masks."""
    p = torch.tensor(p, dtype=torch.float32)
    count = math.prod(shape)
    return (stream.uniform(count).view(shape) >= p).float() * (1.0 / (1.0 - p))


class NetlabDropout(nn.Module):
    """Inverted dropout (Srivastava et al. 2014) with Netlab's masks (engine/nn/dropout.h): each training
    forward draws one number per value of the whole minibatch, row by row, from the layer's own stream.
    Under torchrun each process keeps its rows of that mask (share_masks)."""

    def __init__(self, p, stream):
        super().__init__()
        self.p, self.stream, self.rows = p, MaskStream(stream), None

    def forward(self, x):
        if not self.training:
            return x
        total, rank, world = self.rows or (x.shape[0], 0, 1)
        mask = keep_mask(self.stream, self.p, (total,) + tuple(x.shape[1:]))[rank::world]
        return x * mask.to(x.device)


class DropConnectLinear(nn.Linear):
    """DropConnect (Wan et al. 2013; engine/nn/dropconnect.h): while training, one mask over the weights
    per minibatch, drawn in Netlab's (in, out) order, the kept weights scaled by 1 / (1 - p)."""

    def __init__(self, fan_in, fan_out, p, stream):
        super().__init__(fan_in, fan_out)
        self.p, self.stream = p, MaskStream(stream)

    def forward(self, x):
        if not self.training:
            return super().forward(x)
        mask = keep_mask(self.stream, self.p, (self.in_features, self.out_features)).t()
        return F.linear(x, self.weight * mask.to(x.device), self.bias)


def share_masks(model, rows, rank, world):
    """Tells each dropout layer the whole minibatch's size and which of its rows this process computes."""
    for layer in model.modules():
        if isinstance(layer, NetlabDropout):
            layer.rows = (rows, rank, world)
)PY";

const char* const kPytorchWeightsCode = R"PY(

def load_weights(model, path):
    """weights.json: each parameter and running statistic by name, weights in PyTorch's (out, in...) layout."""
    with open(path) as f:
        tensors = json.load(f)["tensors"]
    named = dict(model.named_parameters())
    named.update(model.named_buffers())
    with torch.no_grad():
        for name, values in tensors.items():
            named[name].copy_(torch.tensor(values, dtype=torch.float32).reshape(named[name].shape))


def save_weights(model, path):
    with open(path, "w") as f:
        json.dump({"format": "netlab-pytorch-1",
                   "tensors": {n: t.tolist() for n, t in model.state_dict().items() if t.is_floating_point()}}, f)
)PY";

const char* const kPytorchProcessesCode = R"PY(distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
if distributed:  # torchrun: one process per GPU (NCCL) or per CPU share (gloo)
    torch.distributed.init_process_group("nccl" if args.device.startswith("cuda") else "gloo")
    rank, world = torch.distributed.get_rank(), torch.distributed.get_world_size()
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if args.device.startswith("cuda") else "cpu")
else:
    rank, world, device = 0, 1, torch.device(args.device)
)PY";

std::string PytorchModelCode() {
  return std::string(kPytorchProcessesCode) + R"PY(
model = Net()
if args.fresh_init:
    initialize(model)
else:
    load_weights(model, os.path.join(HERE, "weights.json"))
model.to(device)
)PY";
}

std::string PytorchDistributedCode() {
  return PytorchModelCode() +
         "trained = nn.parallel.DistributedDataParallel(model) if distributed else model\n"
         "optimizer = make_optimizer(model)\n";
}

const char* const kPytorchNumberCode = R"PY(def number(v):
    """As Netlab's report writes a number: 9 digits, null for none."""
    return "null" if v is None or not math.isfinite(v) else f"{v:.9g}"
)PY";

const char* const kPytorchUpdateCode = R"PY(        optimizer.zero_grad()
        loss.backward()
        regularize_and_clip(model)
        set_learning_rate(model, optimizer, learning_rate(step))
        optimizer.step()
        step += 1
)PY";

std::string PytorchDataSizeRefusal(const Config& c, const TaskData& data) {
  const long values = long(data.train.features.size() + data.test.features.size());
  if (c.data.kind == "fashion" || values <= kPytorchMaxDataValues) return "";
  return "dataset=" + c.data.kind + ": " + std::to_string(data.train.labels.size() + data.test.labels.size()) +
         " rows of " + std::to_string(data.inputs()) + " values are more than the " +
         std::to_string(kPytorchMaxDataValues) + " the PyTorch export writes into data.csv; train on fewer rows or columns";
}

namespace {

std::string RowsCsv(const TaskData& data) {
  std::string csv;
  for (int j = 0; j < data.inputs(); ++j) csv += "x" + std::to_string(j + 1) + ",";
  csv += "label,set\n";
  char number[32];
  auto rows = [&](const LabeledData& set, const char* name) {
    for (Eigen::Index i = 0; i < set.features.rows(); ++i) {
      for (Eigen::Index j = 0; j < set.features.cols(); ++j) {
        std::snprintf(number, sizeof number, "%.9g,", set.features(i, j));  // 9 digits: the exact float
        csv += number;
      }
      csv += std::to_string(i < Eigen::Index(set.labels.size()) ? set.labels[size_t(i)] : 0) + "," + name + "\n";
    }
  };
  rows(data.train, "train");
  rows(data.test, "test");
  return csv;
}

std::string RowsCode(const std::string& to) {
  return R"PY(def read_rows(path):
    """data.csv: each row's values, its class (label) and its set."""
    values, labels, sets = [], [], []
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)  # the header
        for row in reader:
            values.append([float(v) for v in row[:-2]])
            labels.append(int(row[-2]))
            sets.append(row[-1])
    return torch.tensor(values, dtype=torch.float32), torch.tensor(labels), sets


rows_x, rows_labels, sets = read_rows(os.path.join(HERE, "data.csv"))


def part(name):
    rows = [i for i, s in enumerate(sets) if s == name]
    return rows_x[rows])PY" + to + ", rows_labels[rows]" + to + R"PY(


train_x, train_labels = part("train")
test_x, test_labels = part("test")
)PY";
}

// Fashion-MNIST's IDX files (data/idx.h: a big-endian header, then the bytes), as netlab reads them:
// the first rows of each set in the files' order, each pixel / 255 in float (IEEE division rounds alike).
std::string FashionCode(const TaskData& data, const std::string& to) {
  return "FASHION_MNIST_DIR = os.environ.get(\"FASHION_MNIST_DIR\", \"/usr/share/datasets/fashion-mnist\")\n"
         "FASHION_TRAIN_ROWS, FASHION_TEST_ROWS = " + std::to_string(data.train.features.rows()) + ", " +
         std::to_string(data.test.features.rows()) + "  # the first rows of each set, as Netlab kept them\n" +
         R"PY(

def read_idx(name, count):
    """An IDX file (LeCun's MNIST format): a magic number whose last byte counts the dimensions, one
    big-endian 32-bit size per dimension, then the bytes. name.gz or name, the first `count` items."""
    import gzip
    path = os.path.join(FASHION_MNIST_DIR, name)
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path += ".gz"
    if not os.path.exists(path):
        raise SystemExit(f"{path}: Fashion-MNIST's file is missing. Install Debian's dataset-fashion-mnist, or set "
                         "FASHION_MNIST_DIR to a folder holding the four IDX files (torchvision's FashionMNIST/raw).")
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * d:8 + 4 * d], "big") for d in range(dims)]
    shape[0] = min(shape[0], count)
    size = math.prod(shape)
    return torch.frombuffer(bytearray(raw[4 + 4 * dims:4 + 4 * dims + size]), dtype=torch.uint8).view(shape)


def images(name, count):
    return (read_idx(name, count).flatten(1).float() / 255))PY" + to + R"PY(


def labels(name, count):
    return read_idx(name, count).long())PY" + to + R"PY(


train_x, train_labels = images("train-images-idx3-ubyte", FASHION_TRAIN_ROWS), labels("train-labels-idx1-ubyte", FASHION_TRAIN_ROWS)
test_x, test_labels = images("t10k-images-idx3-ubyte", FASHION_TEST_ROWS), labels("t10k-labels-idx1-ubyte", FASHION_TEST_ROWS)
)PY";
}

}  // namespace

PytorchData PytorchDataFor(const Config& c, const TaskData& data, bool on_device, const std::string& row) {
  const std::string to = on_device ? ".to(device)" : "";
  PytorchData out;
  if (c.data.kind == "fashion") {
    out.code = FashionCode(data, to);
    out.source = "train.py reads the images Netlab trains and tests on from Fashion-MNIST's IDX files (dataset=fashion; "
                 "Xiao, Rasul & Vollgraf 2017), from the folder FASHION_MNIST_DIR names (Debian's dataset-fashion-mnist "
                 "unless the environment variable says otherwise): the first " +
                 std::to_string(data.train.features.rows()) + " training and " + std::to_string(data.test.features.rows()) +
                 " test images in the files' order, as Netlab kept them, each pixel divided by 255 as Netlab scales it.";
    out.file_line = "| Fashion-MNIST | not copied: train.py reads its four IDX files from `FASHION_MNIST_DIR` "
                    "(default /usr/share/datasets/fashion-mnist, Debian's `dataset-fashion-mnist`; torchvision's "
                    "`FashionMNIST/raw` folder holds the same files) |";
    return out;
  }
  out.csv = RowsCsv(data);
  out.code = RowsCode(to);
  const std::string from = c.data.kind == "file" ? "the data file" : "dataset=" + c.data.kind;
  out.source = "data.csv holds the rows Netlab trains and tests on (" + from + ", seed=" + std::to_string(c.seed) +
               "), split as Netlab split them and in its order: the training rows, then the test rows. Each row is " +
               row + ".";
  out.file_line = "| data.csv | the rows Netlab trains and tests on, in its order; each row is " + row + " |";
  return out;
}

std::string PytorchDdpNote(const std::string& share) {
  return "Each process " + share + " and DistributedDataParallel averages the gradients (gloo on CPUs, NCCL on "
         "GPUs), so the report lines are those of one process";
}

std::vector<ExportedFile> PytorchFolder(const PytorchAbout& a, const std::string& config_text,
                                        const std::vector<ScriptSection>& sections, const std::string& csv,
                                        const std::string& weights) {
  const std::string preamble = PytorchPreamble(a.headline);
  const std::string intro = "# " + a.title + " in PyTorch\n\nThe same experiment as the Netlab config below, written "
                            "out: " + a.contents + ". Run the cells in order; the last one trains and prints the "
                            "report lines Netlab prints.\n\n" + PyIndented(config_text);
  const std::string readme =
      "# " + a.title + ", exported to PyTorch\n\n"
      "From the Netlab config:\n\n" + PyIndented(config_text) + "\n\n"
      "| file | what |\n|---|---|\n"
      "| train.py | the whole experiment as one script, read top to bottom |\n"
      "| notebook.ipynb | the same code as a notebook, for Jupyter or Colab (upload " +
      (csv.empty() ? "" : "data.csv and ") + "weights.json beside it) |\n" + a.data_file + "\n"
      "| weights.json | " + a.weights_file + " |\n\n"
      "## On a laptop\n\n    python3 train.py --steps 1000 --report-every 100\n\n"
      "prints `" + a.report + "` lines, as `netlab --headless --steps 1000 --report-every 100` does for the same "
      "config: " + a.agreement + " (the test checks 1e-4 over the first 100 steps).\n\n"
      "## On a GPU\n\n    python3 train.py --device cuda\n\n"
      "## On several processes or machines\n\n"
      "    torchrun --nproc_per_node=2 train.py --steps 1000\n"
      "    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 --nproc_per_node=4 train.py --device cuda\n\n" +
      a.processes + "\n\n## Options\n\n" + a.options + "\n";
  std::vector<ExportedFile> files = {{"train.py", ScriptText(preamble, sections)},
                                     {"notebook.ipynb", NotebookJson(intro, preamble, sections)},
                                     {"weights.json", weights},
                                     {"README.md", readme}};
  if (!csv.empty()) files.push_back({"data.csv", csv});
  return files;
}

ScriptSection PytorchSettingsSection(const std::string& config_text, const std::string& code, long steps,
                                     const std::string& restarts, const std::string& rest) {
  return {"Settings",
          "The values of the Netlab config this run comes from:\n\n" + PyIndented(config_text) +
              "\n\nThe command line chooses how long to train and where; everything else is the config's" + rest +
              (steps > 0 ? " The weights are Netlab's after " + std::to_string(steps) + " steps; " + restarts +
                               ", so from here the numbers are not those of Netlab's run going on."
                         : std::string()),
          code};
}

std::string PytorchUpdateSettingsCode(const Config& c) {
  const RegularizationConfig& reg = c.regularization;
  return "L1, L2 = " + PyNum(reg.l1) + ", " + PyNum(reg.l2) + "  # l1, l2: penalties on the weights (not the biases)\n"
         "CLIP_NORM = " + PyNum(reg.clip_norm) + "  # clip_norm: the gradient's global norm at most this (0: off)\n"
         "SCHEDULE, DECAY_STEPS, GAMMA = " + JsonString(c.schedule.kind) + ", " + std::to_string(c.schedule.decay_steps) +
         ", " + PyNum(c.schedule.gamma) + "  # schedule, decay_steps, gamma\n";
}

std::string PytorchStepsPerEpochCode(long steps_per_epoch) {
  return "STEPS_PER_EPOCH = " + std::to_string(steps_per_epoch) +
         "  # minibatches in one pass over the training rows (the report's epoch counts them)\n";
}

ScriptSection PytorchRandomSection(const std::string& explanation, const std::string& more) {
  return {"Netlab's random numbers", explanation, kPytorchRngCode + more};
}

ScriptSection PytorchEvaluationSection(const std::string& report_code) {
  return {"Evaluation", "The report line netlab --headless prints, computed the same way.", report_code};
}

ScriptSection PytorchMinibatchRandomSection(bool uses_masks) {
  return PytorchRandomSection(
      std::string("Netlab draws its minibatches with splitmix64 and a Fisher-Yates shuffle. The same generator here, "
                  "started where Netlab's stood after drawing the initial weights, gives the same minibatches in the "
                  "same order, so the two runs can be compared step by step.") +
          (uses_masks ? " Each dropout and DropConnect layer draws its masks from a generator of its own; MaskStream "
                        "is that generator, started where Netlab's stood, drawing a whole mask at once."
                      : ""),
      uses_masks ? kPytorchMaskCode : "");
}

std::string PytorchPenalizedCode(const std::string& which, const std::string& penalized) {
  return "\n\n# The weights " + which + "\nPENALIZED = " + (penalized.empty() ? std::string("set()") : "{" + penalized + "}") +
         "\n";
}

const char* const kPytorchPredictTableCode = R"PY(    with open(args.predict, newline="") as f:
        table = [r for r in csv.reader(f) if r and r[0].strip()]
    try:
        float(table[0][0])
    except ValueError:
        table = table[1:]  # a header row
)PY";

std::string PytorchPredictCode(const std::string& read, const std::string& inputs) {
  return "\nif args.predict:\n" + read + R"PY(    model.eval()
    with torch.no_grad():
        out = predict(model()PY" + inputs + R"PY(.to(device))).cpu()
    for row in out.tolist():
        print(",".join(f"{v:.9g}" for v in row))
    sys.exit(0)
)PY";
}

std::string PytorchLoopStart(const std::string& report_args) {
  return "if rank == 0:\n    print(report_line(" + report_args + "))\nfor s in range(1, args.steps + 1):\n";
}

std::string PytorchLoopEnd(const std::string& report_args, const std::string& saved, bool stops,
                           const std::string& after_report) {
  return "    if s % args.report_every == 0 or s == args.steps:\n"
         "        if rank == 0:\n"
         "            print(report_line(" + report_args + "))\n" + after_report +
         (stops ? "    if diverged:\n        break\n" : "") +
         "\nif args.save and rank == 0:\n"
         "    save_weights(" + saved + ", args.save)\n"
         "if distributed:\n"
         "    torch.distributed.destroy_process_group()\n" +
         (stops ? "if diverged:\n    if rank == 0:\n        print(f\"error: {diverged}\")\n    sys.exit(1)\n" : "");
}

std::string PythonNet::NextStream() {
  uses_masks = true;
  return PyHex(next_stream < mask_streams.size() ? mask_streams[next_stream++] : 0);
}

void PythonNet::Linear(const std::string& name, int in, int out, const std::string& comment, float dropconnect) {
  const std::string sizes = std::to_string(in) + ", " + std::to_string(out);
  init += "        self." + name + " = " +
          (dropconnect > 0.0f ? "DropConnectLinear(" + sizes + ", " + PyFloat(dropconnect) + ", " + NextStream() + ")"
                              : "nn.Linear(" + sizes + ")") +
          (comment.empty() ? "" : "  # " + comment) + "\n";
  parameters.push_back({name + ".weight", true});
  parameters.push_back({name + ".bias", false});
}

std::string PytorchDenseRefusal(const LayerConfig& l) {
  if (!PytorchActivation(l.activation) && l.activation != "prelu" && l.activation != "softmax" && l.activation != "maxout")
    return "the " + l.activation + " activation is not in the PyTorch export";
  return "";
}

int PythonNet::DenseBlock(const LayerConfig& l, int index, int width) {
  const std::string n = std::to_string(index);
  const bool maxout = l.activation == "maxout";
  const int dense_units = maxout ? l.units * l.pieces : l.units;
  Linear("dense" + n, width, dense_units,
         "layer " + n + ": " + std::to_string(l.units) + " units, " + l.activation +
             (maxout ? " of " + std::to_string(l.pieces) + " pieces each" : "") +
             (l.dropconnect > 0.0f ? ", DropConnect " + PyFloat(l.dropconnect) + " with Netlab's mask stream" : ""),
         l.dropconnect);
  forward += "        h = self.dense" + n + "(x)\n";
  if (l.norm != "none") {
    init += "        self.norm" + n + " = " +
            (l.norm == "batch" ? "nn.BatchNorm1d(" + std::to_string(dense_units) + ", eps=1e-5, momentum=0.1)  # bn"
                               : "nn.LayerNorm(" + std::to_string(dense_units) + ", eps=1e-5)  # ln") + "\n";
    forward += "        h = self.norm" + n + "(h)\n";
    parameters.push_back({"norm" + n + ".weight"});  // gamma
    parameters.push_back({"norm" + n + ".bias"});    // beta
    if (l.norm == "batch") {
      state.push_back({"norm" + n + ".running_mean"});
      state.push_back({"norm" + n + ".running_var"});
    }
  }
  if (l.activation == "prelu") {
    init += "        self.act" + n + " = nn.PReLU(" + std::to_string(l.units) + ", init=0.25)  # a slope learned per unit\n";
    forward += "        h = self.act" + n + "(h)\n";
    parameters.push_back({"act" + n + ".weight"});
  } else if (l.activation == "softmax") {
    forward += "        h = torch.softmax(h, dim=1)\n";
  } else if (maxout) {  // unit j is the max of its pieces j*k .. j*k+k-1 (Goodfellow et al. 2013)
    forward += "        h = h.view(-1, " + std::to_string(l.units) + ", " + std::to_string(l.pieces) + ").max(dim=2).values\n";
  } else {
    forward += "        h = " + PyApply(PytorchActivation(l.activation), "h") + "\n";
  }
  if (l.dropout > 0.0f) {
    init += "        self.drop" + n + " = NetlabDropout(" + PyFloat(l.dropout) + ", " + NextStream() +
            ")  # d" + PyFloat(l.dropout) + ", with Netlab's mask stream\n";
    forward += "        h = self.drop" + n + "(h)\n";
  }
  const bool projected = (l.skip == "residual" || l.skip == "highway") && width != l.units;
  if (l.skip == "highway") {  // y = T F(x) + (1 - T) P(x), T = sigmoid(gate(x)) (Srivastava et al. 2015)
    Linear("gate" + n, width, l.units, "the highway's gate (its bias starts at -1)");
    if (projected) Linear("project" + n, width, l.units, "P: x projected to the block's width");
    forward += "        t = torch.sigmoid(self.gate" + n + "(x))\n";
    forward += "        x = t * h + (1 - t) * " + (projected ? "self.project" + n + "(x)" : std::string("x")) + "\n";
  } else if (l.skip == "residual") {  // y = F(x) + P(x) (He et al. 2016)
    if (projected) Linear("project" + n, width, l.units, "P: x projected to the block's width");
    forward += "        x = h + " + (projected ? "self.project" + n + "(x)" : std::string("x")) + "\n";
  } else if (l.skip == "dense") {  // y = [x, F(x)] (Huang et al. 2017)
    forward += "        x = torch.cat([x, h], dim=1)  # cat: the input, then the block's output\n";
    return width + l.units;
  } else {
    forward += "        x = h\n";
  }
  return l.units;
}

std::string PythonNet::Code(const std::string& docstring) const {
  return "class Net(nn.Module):\n    \"\"\"" + docstring + "\"\"\"\n\n    def __init__(self):\n        super().__init__()\n" +
         init + "\n    def forward(self, x):\n" + forward;
}

bool PytorchWeightsJson(const PythonNet& net, const std::vector<ParameterRef>& parameters,
                        const std::vector<Matrix*>& state, const std::string& config_text, long step,
                        std::string& json, std::string& penalized, std::string& error) {
  if (parameters.size() != net.parameters.size() || state.size() != net.state.size()) {
    error = "the network has " + std::to_string(parameters.size()) + " + " + std::to_string(state.size()) +
            " tensors where the export writes " + std::to_string(net.parameters.size()) + " + " +
            std::to_string(net.state.size());
    return false;
  }
  if (net.next_stream != net.mask_streams.size()) {
    error = "the network has " + std::to_string(net.mask_streams.size()) + " mask streams where the export writes " +
            std::to_string(net.next_stream) + " dropout and DropConnect layers";
    return false;
  }
  json = "{\"format\": \"netlab-pytorch-1\", \"config\": " + JsonString(config_text) + ", \"step\": " +
         std::to_string(step) + ", \"tensors\": {";
  penalized.clear();
  auto tensor = [&](const PythonTensor& t, const Matrix& m, bool first) {
    std::string values = "[";
    if (t.transposed) {  // Netlab's W is (in, out), y = x W + b; PyTorch's is (out, in), y = x W^T + b
      for (Eigen::Index o = 0; o < m.cols(); ++o) {
        values += o ? ", [" : "[";
        for (Eigen::Index in = 0; in < m.rows(); ++in) values += (in ? ", " : "") + JsonNumber(m(in, o));
        values += "]";
      }
    } else {
      for (Eigen::Index i = 0; i < m.size(); ++i) values += (i ? ", " : "") + JsonNumber(m.data()[i]);
    }
    json += (first ? "\n  " : ",\n  ") + JsonString(t.name) + ": " + values + "]";
  };
  for (size_t i = 0; i < parameters.size(); ++i) {
    tensor(net.parameters[i], *parameters[i].value, i == 0);
    if (parameters[i].is_weight) penalized += (penalized.empty() ? "" : ", ") + JsonString(net.parameters[i].name);
  }
  for (size_t i = 0; i < state.size(); ++i) tensor(net.state[i], *state[i], parameters.empty() && i == 0);
  json += "\n}}\n";
  return true;
}

std::string PytorchInitializeCode(const Config& c) {
  std::string code =
      "def initialize(model):\n"
      "    \"\"\"initializer=" + c.initializer + ": how Netlab drew the weights (biases start at 0). Used only with\n"
      "    --fresh-init: PyTorch's generator is not Netlab's, so the draw differs. fan_in and fan_out are\n"
      "    Netlab's: a convolution's fan_in is channels x k x k, its fan_out its filters.\"\"\"\n"
      "    for layer in [m for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]:\n"
      "        w = layer.weight.view(layer.weight.shape[0], -1)  # (fan_out, fan_in): Netlab's matrix transposed\n"
      "        fan_out, fan_in = w.shape\n"
      "        nn.init.zeros_(layer.bias)\n";
  const std::string& k = c.initializer;
  std::string fill;
  if (k == "uniform") fill = "nn.init.uniform_(w, -" + PyNum(c.init_scale) + ", " + PyNum(c.init_scale) + ")  # init_scale";
  else if (k == "normal") fill = "nn.init.normal_(w, 0.0, " + PyNum(c.init_scale) + ")  # init_scale";
  else if (k == "xavier_uniform")
    fill = "nn.init.uniform_(w, -math.sqrt(6 / (fan_in + fan_out)), math.sqrt(6 / (fan_in + fan_out)))";
  else if (k == "xavier_normal") fill = "nn.init.normal_(w, 0.0, math.sqrt(2 / (fan_in + fan_out)))";
  else if (k == "he_uniform") fill = "nn.init.uniform_(w, -math.sqrt(6 / fan_in), math.sqrt(6 / fan_in))";
  else if (k == "he_normal") fill = "nn.init.normal_(w, 0.0, math.sqrt(2 / fan_in))";
  else if (k == "lecun_uniform") fill = "nn.init.uniform_(w, -math.sqrt(3 / fan_in), math.sqrt(3 / fan_in))";
  else if (k == "lecun_normal") fill = "nn.init.normal_(w, 0.0, math.sqrt(1 / fan_in))";
  else if (k == "orthogonal") fill = "nn.init.orthogonal_(w)";
  else if (k == "identity") fill = "nn.init.eye_(w)";
  else fill = "nn.init.zeros_(w)  # every unit the same: symmetry is never broken";
  code += "        " + fill + "\n";
  code += "    for name, layer in model.named_children():\n"
          "        if name.startswith(\"gate\"):\n"
          "            nn.init.constant_(layer.bias, -1.0)  # a highway gate starts mostly carrying its input\n";
  return code;
}

std::string PytorchLossCode(const Config& c, const Loss& loss, bool class_index) {
  std::string sum, predict;
  if (c.loss == "mse") sum = "0.5 * ((z - t) ** 2).sum()", predict = "z";
  else if (c.loss == "mae") sum = "(z - t).abs().sum()", predict = "z";
  else if (c.loss == "sigmoid_bce") sum = "F.binary_cross_entropy_with_logits(z, t, reduction=\"sum\")", predict = "torch.sigmoid(z)";
  else if (c.loss == "softmax_ce") sum = "F.cross_entropy(z, t, reduction=\"sum\")", predict = "torch.softmax(z, dim=1)";
  else  // hinge: PyTorch divides each row's sum by the number of classes; Netlab does not
    sum = "F.multi_margin_loss(z, t, margin=1.0, reduction=\"sum\") * z.shape[1]", predict = "torch.softmax(z, dim=1)";
  std::string code = "def loss_sum(z, t):\n    \"\"\"loss=" + c.loss + ": " + loss.formula + ", summed over the rows.\"\"\"\n    return " + sum + "\n\n\n";
  code += "def predict(z):\n    return " + predict + "\n\n\n";
  code += class_index ? "def targets(labels):\n    return labels.long()  # the class index\n"
                      : "def targets(labels):\n    return labels.unsqueeze(1)  # one column: the target\n";
  return code;
}

ScriptSection PytorchOptimizerSection(const Config& c) {
  const OptimizerSettings& o = c.optimizer;
  const bool scheduled = c.schedule.kind == "step" || c.schedule.kind == "exponential" || c.schedule.kind == "cosine";
  // Netlab's momentum keeps the rate inside its velocity (v <- mu v - eta g, w <- w + v); PyTorch's SGD keeps
  // b <- mu b + g and steps by lr b. The two agree while the rate is constant; under a schedule SGD runs at
  // rate 1 on eta g, so that b is -v exactly.
  const bool rate_in_gradient = (o.kind == "momentum" || o.kind == "nesterov") && scheduled;
  const std::string sgd_rate = rate_in_gradient ? "1.0" : "LEARNING_RATE";
  std::string make;
  if (o.kind == "sgd") make = "torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)";
  else if (o.kind == "momentum")
    make = "torch.optim.SGD(model.parameters(), lr=" + sgd_rate + ", momentum=" + PyNum(o.momentum) + ")  # momentum";
  else if (o.kind == "nesterov")
    make = "torch.optim.SGD(model.parameters(), lr=" + sgd_rate + ", momentum=" + PyNum(o.momentum) +
           ", nesterov=True)  # momentum";
  else if (o.kind == "adagrad") make = "torch.optim.Adagrad(model.parameters(), lr=LEARNING_RATE, eps=" + PyNum(o.epsilon) + ")  # epsilon";
  else if (o.kind == "rmsprop")
    make = "torch.optim.RMSprop(model.parameters(), lr=LEARNING_RATE, alpha=" + PyNum(o.rho) + ", eps=" + PyNum(o.epsilon) + ")  # rho, epsilon";
  else if (o.kind == "adam")
    make = "torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(" + PyNum(o.beta1) + ", " + PyNum(o.beta2) +
           "), eps=" + PyNum(o.epsilon) + ")  # beta1, beta2, epsilon";
  else
    make = "torch.optim.AdamW([{\"params\": weights, \"weight_decay\": " + PyNum(o.weight_decay) +
           "}, {\"params\": biases, \"weight_decay\": 0.0}],\n"
           "                        lr=LEARNING_RATE, betas=(" + PyNum(o.beta1) + ", " + PyNum(o.beta2) + "), eps=" + PyNum(o.epsilon) +
           ")  # weight_decay, beta1, beta2, epsilon";
  std::string code =
      "def learning_rate(step):\n"
      "    \"\"\"schedule=" + c.schedule.kind + " (engine/optim/schedule.h).\"\"\"\n"
      "    t = step / max(1, DECAY_STEPS)\n"
      "    if SCHEDULE == \"step\":\n        return LEARNING_RATE * GAMMA ** math.floor(t)\n"
      "    if SCHEDULE == \"exponential\":\n        return LEARNING_RATE * GAMMA ** t\n"
      "    if SCHEDULE == \"cosine\":\n"
      "        floor = GAMMA * LEARNING_RATE\n"
      "        return floor + (LEARNING_RATE - floor) * 0.5 * (1 + math.cos(math.pi * min(t, 1.0)))\n"
      "    return LEARNING_RATE\n\n\n" +
      (rate_in_gradient
           ? std::string("def set_learning_rate(model, optimizer, lr):\n"
                         "    \"\"\"Netlab's momentum keeps the rate inside its velocity, v <- mu v - lr g, w <- w + v;\n"
                         "    PyTorch's SGD keeps b <- mu b + g and steps by lr b, which differs once the rate changes.\n"
                         "    So SGD runs at lr=1 on each gradient times the scheduled rate: then b is Netlab's -v.\"\"\"\n"
                         "    for p in model.parameters():\n"
                         "        p.grad *= lr\n\n\n")
           : std::string("def set_learning_rate(model, optimizer, lr):\n"
                         "    for group in optimizer.param_groups:\n"
                         "        group[\"lr\"] = lr\n\n\n")) +
      "def make_optimizer(model):\n"
      "    weights = [p for n, p in model.named_parameters() if n in PENALIZED]\n"
      "    biases = [p for n, p in model.named_parameters() if n not in PENALIZED]  # and gains, slopes\n"
      "    return " + make + "\n\n\n"
      "def regularize_and_clip(model):\n"
      "    \"\"\"Before the update, as Netlab: L1 and L2 gradients on the weights, then global-norm clipping.\"\"\"\n"
      "    for name, p in model.named_parameters():\n"
      "        if name in PENALIZED and (L1 or L2):\n"
      "            p.grad += L2 * p.detach() + L1 * torch.sign(p.detach())  # d/dw of l1 |w| + l2/2 w^2\n"
      "    norm = math.sqrt(sum(float((p.grad.double() ** 2).sum()) for p in model.parameters()))\n"
      "    if CLIP_NORM > 0 and norm > CLIP_NORM:  # g <- g max_norm / |g| (Pascanu et al. 2013)\n"
      "        for p in model.parameters():\n"
      "            p.grad *= CLIP_NORM / norm\n"
      "    return norm\n";
  std::string note;
  if (o.kind == "momentum" || o.kind == "nesterov")
    note = std::string(" Netlab's momentum keeps v <- mu v - eta g and PyTorch's keeps b <- mu b + g and steps by eta b: "
                       "the same while the learning rate is constant.") +
           (rate_in_gradient ? " Under the schedule SGD runs at rate 1 on the gradient times the scheduled rate, "
                               "which is Netlab's velocity exactly." : "");
  if (o.kind == "adamw") note = " AdamW decays the weights but not the biases, as Netlab does: two parameter groups.";
  return {"The optimizer",
          "optimizer=" + o.kind + " with its settings, the learning-rate schedule, and the penalties and "
          "clipping Netlab applies to the gradient before each update." + note,
          code};
}

}  // namespace netlab
