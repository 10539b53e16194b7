#include "tasks/playground/playground_pytorch.h"

#include <cstdio>
#include <vector>

#include "core/json_text.h"
#include "data/input_features.h"
#include "nn/activation.h"
#include "nn/loss.h"

namespace netlab {
namespace {

// A float setting as a student would type it (0.03, not 0.0299999993).
std::string Num(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", v);
  return text;
}

struct PythonName {
  const char* netlab;
  const char* python;
};

const char* Lookup(const std::vector<PythonName>& table, const std::string& name) {
  for (const PythonName& row : table)
    if (name == row.netlab) return row.python;
  return nullptr;
}

// Each activation as PyTorch writes it ({x} its input); Netlab's formulas are nn/activation.cpp's.
const char* ActivationCode(const std::string& name) {
  static const std::vector<PythonName> table = {
      {"linear", "{x}"},           {"relu", "torch.relu({x})"},     {"leaky_relu", "F.leaky_relu({x}, 0.01)"},
      {"sigmoid", "torch.sigmoid({x})"}, {"tanh", "torch.tanh({x})"}, {"softplus", "F.softplus({x})"},
      {"abs", "torch.abs({x})"},   {"elu", "F.elu({x})"},
      {"gelu", "F.gelu({x})"},  // the exact x Phi(x), as Netlab's
  };
  return Lookup(table, name);
}

std::string Apply(const char* pattern, const std::string& x) {
  std::string out = pattern;
  const size_t at = out.find("{x}");
  return out.replace(at, 3, x);
}

// Each input feature (data/input_features.cpp) from the columns x1, x2.
const char* FeatureCode(const std::string& name) {
  static const std::vector<PythonName> table = {
      {"x1", "x1"},           {"x2", "x2"},           {"x1_squared", "x1 * x1"},         {"x2_squared", "x2 * x2"},
      {"x1_times_x2", "x1 * x2"}, {"sin_x1", "torch.sin(x1)"}, {"sin_x2", "torch.sin(x2)"},
  };
  return Lookup(table, name);
}

const char* const kOptimizers[] = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};

std::string Joined(const char* const* names, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += (i ? ", " : "") + std::string(names[i]);
  return out;
}

const char* kPreamble = R"PY(#!/usr/bin/env python3
# A Netlab playground run, exported to PyTorch: the same data, network, initial weights, loss, optimizer
# and minibatch order, so the same steps print the same losses as `netlab --headless` (within float
# rounding). Read it top to bottom; each section says which config key its values come from.
#
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

const char* kRngCode = R"PY(MASK = (1 << 64) - 1


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
    crosses the end of a pass takes its last rows from the next one (engine/train/trainer.cpp)."""

    def __init__(self, n, rng):
        self.order, self.cursor, self.rng = list(range(n)), n, rng

    def next(self, size, end_of_pass):
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

struct PythonTensor {
  std::string name;            // its name in Net's state_dict ("dense1.weight")
  bool linear_weight = false;  // an nn.Linear weight: transposed from Netlab's (in, out)
};

// The Net class for the playground's blocks (networks/network_builder.cpp's AddDenseBlock: dense ->
// [norm] -> activation, inside a residual or highway skip), with the names of Netlab's parameters and
// running statistics in Netlab's order (Network::Parameters, Network::State).
struct PythonNet {
  std::string code;
  std::vector<PythonTensor> parameters, state;
};

PythonNet WritePythonNet(const Config& c, int inputs, int outputs, const Loss& loss) {
  PythonNet net;
  std::string init = "    def __init__(self):\n        super().__init__()\n", forward = "    def forward(self, x):\n";
  std::string layers_key;
  auto linear = [&](const std::string& name, int in, int out, const std::string& comment) {
    init += "        self." + name + " = nn.Linear(" + std::to_string(in) + ", " + std::to_string(out) + ")" +
            (comment.empty() ? "" : "  # " + comment) + "\n";
    net.parameters.push_back({name + ".weight", true});
    net.parameters.push_back({name + ".bias", false});
  };
  int width = inputs;
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    const LayerConfig& l = c.hidden[i];
    const std::string n = std::to_string(i + 1);
    layers_key += (layers_key.empty() ? "" : ",") + std::to_string(l.units) + ":" + l.activation +
                  (l.norm == "batch" ? ":bn" : l.norm == "layer" ? ":ln" : "") +
                  (l.skip == "residual" ? ":res" : l.skip == "highway" ? ":hw" : "");
    const bool maxout = l.activation == "maxout";
    const int dense_units = maxout ? l.units * l.pieces : l.units;
    linear("dense" + n, width, dense_units,
           "layer " + n + ": " + std::to_string(l.units) + " units, " + l.activation +
               (maxout ? " of " + std::to_string(l.pieces) + " pieces each" : ""));
    forward += "        h = self.dense" + n + "(x)\n";
    if (l.norm != "none") {
      init += "        self.norm" + n + " = " +
              (l.norm == "batch" ? "nn.BatchNorm1d(" + std::to_string(dense_units) + ", eps=1e-5, momentum=0.1)  # bn"
                                 : "nn.LayerNorm(" + std::to_string(dense_units) + ", eps=1e-5)  # ln") + "\n";
      forward += "        h = self.norm" + n + "(h)\n";
      net.parameters.push_back({"norm" + n + ".weight"});  // gamma
      net.parameters.push_back({"norm" + n + ".bias"});    // beta
      if (l.norm == "batch") {
        net.state.push_back({"norm" + n + ".running_mean"});
        net.state.push_back({"norm" + n + ".running_var"});
      }
    }
    if (l.activation == "prelu") {
      init += "        self.act" + n + " = nn.PReLU(" + std::to_string(l.units) + ", init=0.25)  # a slope learned per unit\n";
      forward += "        h = self.act" + n + "(h)\n";
      net.parameters.push_back({"act" + n + ".weight"});
    } else if (l.activation == "softmax") {
      forward += "        h = torch.softmax(h, dim=1)\n";
    } else if (maxout) {  // unit j is the max of its pieces j*k .. j*k+k-1 (Goodfellow et al. 2013)
      forward += "        h = h.view(-1, " + std::to_string(l.units) + ", " + std::to_string(l.pieces) + ").max(dim=2).values\n";
    } else {
      forward += "        h = " + Apply(ActivationCode(l.activation), "h") + "\n";
    }
    const bool projected = (l.skip == "residual" || l.skip == "highway") && width != l.units;
    if (l.skip == "highway") {  // y = T F(x) + (1 - T) P(x), T = sigmoid(gate(x)) (Srivastava et al. 2015)
      linear("gate" + n, width, l.units, "the highway's gate (its bias starts at -1)");
      if (projected) linear("project" + n, width, l.units, "P: x projected to the block's width");
      forward += "        t = torch.sigmoid(self.gate" + n + "(x))\n";
      forward += "        x = t * h + (1 - t) * " + (projected ? "self.project" + n + "(x)" : std::string("x")) + "\n";
    } else if (l.skip == "residual") {  // y = F(x) + P(x) (He et al. 2016)
      if (projected) linear("project" + n, width, l.units, "P: x projected to the block's width");
      forward += "        x = h + " + (projected ? "self.project" + n + "(x)" : std::string("x")) + "\n";
    } else {
      forward += "        x = h\n";
    }
    width = l.units;
  }
  const bool class_scores = loss.one_hot_targets && outputs > 1;
  linear("output", width, outputs,
         loss.takes_logits ? (class_scores ? "one score per class: the loss applies the softmax"
                                           : "a logit: the loss applies the sigmoid")
                           : "the prediction itself");
  const bool output_activation = !loss.takes_logits && c.output_activation != "linear";
  forward += "        return " +
             (output_activation ? Apply(ActivationCode(c.output_activation), "self.output(x)") + "  # output_activation"
                                : std::string("self.output(x)")) + "\n";
  net.code = "class Net(nn.Module):\n    \"\"\"layers=" + layers_key +
             ": each block a dense layer, its normalization and activation, then the output layer.\"\"\"\n\n" + init +
             "\n" + forward;
  return net;
}

}  // namespace

std::string PlaygroundPytorchRefusal(const Config& c) {
  if (c.task != "playground") return "the " + c.task + " task has no PyTorch export yet (the playground has)";
  if (c.tf_playground)
    return "a TF Playground link trains TF Playground's own network; edit a setting in the page to train Netlab's, "
           "then export";
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    const LayerConfig& l = c.hidden[i];
    const std::string layer = "layer " + std::to_string(i + 1) + ": ";
    if (!ActivationCode(l.activation) && l.activation != "prelu" && l.activation != "softmax" && l.activation != "maxout")
      return layer + "the " + l.activation + " activation is not in the PyTorch export";
    if (l.skip == "dense") return layer + "the dense (concatenating) skip is not in the PyTorch export yet";
    if (l.dropout > 0.0f || l.dropconnect > 0.0f)
      return layer + "dropout and DropConnect draw their masks from Netlab's own streams, which the PyTorch export "
             "does not port yet (dropout=0 and dropconnect=0 export)";
  }
  if (!ActivationCode(c.output_activation))
    return "the output activation " + c.output_activation + " is not in the PyTorch export yet";
  bool known = false;
  for (const char* o : kOptimizers) known = known || c.optimizer.kind == o;
  if (!known)
    return "the " + c.optimizer.kind + " optimizer is not in the PyTorch export yet (" +
           Joined(kOptimizers, sizeof kOptimizers / sizeof *kOptimizers) + " are)";
  for (const std::string& f : c.features)
    if (!FeatureCode(f)) return "the input feature " + f + " is not in the PyTorch export";
  return "";
}

bool ExportPlaygroundPytorch(const Trainer& trainer_const, const std::string& config_text, std::vector<ExportedFile>& files,
                             std::string& error) {
  Trainer& trainer = const_cast<Trainer&>(trainer_const);  // Network::Parameters() is not const; nothing changes
  const Config& c = trainer.config();
  error = PlaygroundPytorchRefusal(c);
  if (!error.empty()) return false;
  const Loss& loss = *FindLoss(c.loss);
  const DataSplit& data = trainer.data();
  const int classes = data.train.classes;
  const bool regression = classes == 0;
  const bool class_index = loss.one_hot_targets && classes >= 2;  // softmax cross-entropy, hinge
  const Network& network = trainer.network();
  (void)network;
  std::vector<ParameterRef> parameters = trainer.network().Parameters();
  const int inputs = int(c.features.size());

  // data.csv: the rows in Netlab's order: training, the held-out validation rows, test.
  std::string csv = "x1,x2,label,set\n";
  char line[128];
  auto rows = [&](const Dataset& set, const char* name) {
    for (Eigen::Index i = 0; i < set.size(); ++i) {
      std::snprintf(line, sizeof line, "%.9g,%.9g,%.9g,%s\n", set.points(i, 0), set.points(i, 1), set.labels(i, 0), name);
      csv += line;
    }
  };
  rows(data.train, "train");
  rows(trainer.validation(), "validation");
  rows(data.test, "test");

  // weights.json: every layer's weight in PyTorch's (out, in) layout and its bias, as Netlab holds them now.
  // weights.json: every parameter and running statistic under its name in Net, as Netlab holds them now.
  const PythonNet net = WritePythonNet(c, inputs, OutputUnits(loss, classes), loss);
  std::vector<Matrix*> state = trainer.network().State();
  if (parameters.size() != net.parameters.size() || state.size() != net.state.size()) {
    error = "the playground's network has " + std::to_string(parameters.size()) + " + " + std::to_string(state.size()) +
            " tensors where the export writes " + std::to_string(net.parameters.size()) + " + " +
            std::to_string(net.state.size());
    return false;
  }
  std::string weights = "{\"format\": \"netlab-pytorch-1\", \"config\": " + JsonString(config_text) +
                        ", \"step\": " + std::to_string(trainer.step()) + ", \"tensors\": {";
  std::string penalized;
  auto tensor = [&](const PythonTensor& t, const Matrix& m, bool first) {
    std::string values = "[";
    if (t.linear_weight) {  // Netlab's W is (in, out), y = x W + b; nn.Linear's is (out, in), y = x W^T + b
      for (Eigen::Index o = 0; o < m.cols(); ++o) {
        values += o ? ", [" : "[";
        for (Eigen::Index in = 0; in < m.rows(); ++in) values += (in ? ", " : "") + JsonNumber(m(in, o));
        values += "]";
      }
    } else {
      for (Eigen::Index i = 0; i < m.size(); ++i) values += (i ? ", " : "") + JsonNumber(m.data()[i]);
    }
    weights += (first ? "\n  " : ",\n  ") + JsonString(t.name) + ": " + values + "]";
  };
  for (size_t i = 0; i < parameters.size(); ++i) {
    tensor(net.parameters[i], *parameters[i].value, i == 0);
    if (parameters[i].is_weight) penalized += (penalized.empty() ? "" : ", ") + JsonString(net.parameters[i].name);
  }
  for (size_t i = 0; i < state.size(); ++i) tensor(net.state[i], *state[i], false);
  weights += "\n}}\n";

  std::vector<ScriptSection> sections;
  const RegularizationConfig& reg = c.regularization;
  const OptimizerSettings& o = c.optimizer;
  // Settings.
  {
    std::string code =
        "parser = argparse.ArgumentParser(description=\"Netlab's playground run in PyTorch\")\n"
        "parser.add_argument(\"--steps\", type=int, default=1000, help=\"minibatch updates (netlab --steps)\")\n"
        "parser.add_argument(\"--report-every\", type=int, default=100, help=\"a report line every K updates and at the last\")\n"
        "parser.add_argument(\"--device\", default=\"cpu\", help=\"cpu, or cuda where a GPU is\")\n"
        "parser.add_argument(\"--fresh-init\", action=\"store_true\", help=\"draw new initial weights with PyTorch's generator \"\n"
        "                    \"instead of loading Netlab's (the losses then differ from Netlab's)\")\n"
        "parser.add_argument(\"--predict\", default=\"\", help=\"print the model's outputs for the rows (x1,x2) of this CSV and stop\")\n"
        "parser.add_argument(\"--save\", default=\"\", help=\"write the trained weights here, in weights.json's form\")\n"
        "# In a notebook there is no command line: the defaults above.\n"
        "args = parser.parse_args([] if \"ipykernel\" in sys.modules else None)\n\n";
    code += "BATCH_SIZE = " + std::to_string(c.batch_size) + "  # batch_size\n";
    code += "LEARNING_RATE = " + Num(o.learning_rate) + "  # learning_rate\n";
    code += "L1, L2 = " + Num(reg.l1) + ", " + Num(reg.l2) + "  # l1, l2: penalties on the weights (not the biases)\n";
    code += "CLIP_NORM = " + Num(reg.clip_norm) + "  # clip_norm: the gradient's global norm at most this (0: off)\n";
    code += "VALIDATION_FRACTION, PATIENCE = " + Num(reg.validation_fraction) + ", " + std::to_string(reg.patience) +
            "  # validation_fraction, patience: early stopping (0: off)\n";
    code += "SCHEDULE, DECAY_STEPS, GAMMA = " + JsonString(c.schedule.kind) + ", " + std::to_string(c.schedule.decay_steps) +
            ", " + Num(c.schedule.gamma) + "  # schedule, decay_steps, gamma\n";
    char state[64];
    std::snprintf(state, sizeof state, "0x%016llX", (unsigned long long)trainer.batch_stream_start());
    code += "BATCH_STREAM = " + std::string(state) +
            "  # Netlab's minibatch generator after it drew the initial weights (seed=" + std::to_string(c.seed) + ")\n";
    sections.push_back({"Settings",
                        "The values of the Netlab config this run comes from:\n\n    " + config_text +
                            "\n\nThe command line chooses how long to train and where; everything else is the config's." +
                            (trainer.step() > 0
                                 ? " The weights are Netlab's after " + std::to_string(trainer.step()) +
                                       " steps; the optimizer starts afresh and the minibatches in the run's first "
                                       "order, so from here the losses are not those of Netlab's run going on."
                                 : std::string()),
                        code});
  }
  sections.push_back({"Netlab's random numbers",
                      "Netlab draws its minibatches with splitmix64 and a Fisher-Yates shuffle. The same generator "
                      "here, started where Netlab's stood after drawing the initial weights, gives the same "
                      "minibatches in the same order, so the two runs can be compared step by step.",
                      kRngCode});
  // The data.
  {
    std::string feature_list, feature_code;
    for (const std::string& f : c.features) {
      feature_list += (feature_list.empty() ? "" : ", ") + f;
      feature_code += std::string(feature_code.empty() ? "" : ", ") + FeatureCode(f);
    }
    std::string code =
        "def read_points(path):\n"
        "    points, labels, sets = [], [], []\n"
        "    with open(path, newline=\"\") as f:\n"
        "        for row in csv.DictReader(f):\n"
        "            points.append((float(row[\"x1\"]), float(row[\"x2\"])))\n"
        "            labels.append(float(row[\"label\"]))\n"
        "            sets.append(row[\"set\"])\n"
        "    return torch.tensor(points, dtype=torch.float32), torch.tensor(labels, dtype=torch.float32), sets\n\n\n"
        "def features(points):\n"
        "    \"\"\"The network's inputs from each point (x1, x2): features=" + feature_list + "\"\"\"\n"
        "    x1, x2 = points[:, 0], points[:, 1]\n"
        "    return torch.stack([" + feature_code + "], dim=1)\n\n\n"
        "points, labels, sets = read_points(os.path.join(HERE, \"data.csv\"))\n"
        "def part(name):\n"
        "    rows = [i for i, s in enumerate(sets) if s == name]\n"
        "    return features(points[rows]), labels[rows]\n\n\n"
        "train_x, train_labels = part(\"train\")\n"
        "validation_x, validation_labels = part(\"validation\")\n"
        "test_x, test_labels = part(\"test\")\n";
    code += regression ? "CLASSES = 0  # regression: the label is the target value\n"
                       : "CLASSES = " + std::to_string(classes) + "  # classification: the label is the class\n";
    sections.push_back({"The data",
                        "data.csv holds the points Netlab drew for dataset=" + c.data.kind + " (samples=" +
                            std::to_string(c.data.samples) + ", noise=" + Num(c.data.noise) + ", train_fraction=" +
                            Num(c.data.train_fraction) + ", seed=" + std::to_string(c.seed) +
                            "), in Netlab's order: the training rows, the validation rows held out for early "
                            "stopping, then the test rows. Your own points can take their place: the same columns.",
                        code});
  }
  // The network.
  {
    std::string code = net.code;
    code += "\n\n# The weights Netlab's l1, l2 and AdamW's decay act on (not biases, gains or PReLU slopes).\n"
            "PENALIZED = " + (penalized.empty() ? std::string("set()") : "{" + penalized + "}") + "\n";
    code += "\n\n"
            "def initialize(model):\n"
            "    \"\"\"initializer=" + c.initializer + ": how Netlab drew the weights (biases start at 0). Used only with\n"
            "    --fresh-init: PyTorch's generator is not Netlab's, so the draw differs.\"\"\"\n"
            "    for layer in [m for m in model.modules() if isinstance(m, nn.Linear)]:\n"
            "        fan_in, fan_out = layer.in_features, layer.out_features\n"
            "        nn.init.zeros_(layer.bias)\n";
    const std::string& k = c.initializer;
    std::string fill;
    if (k == "uniform") fill = "nn.init.uniform_(layer.weight, -" + Num(c.init_scale) + ", " + Num(c.init_scale) + ")  # init_scale";
    else if (k == "normal") fill = "nn.init.normal_(layer.weight, 0.0, " + Num(c.init_scale) + ")  # init_scale";
    else if (k == "xavier_uniform") fill = "nn.init.xavier_uniform_(layer.weight)  # a = sqrt(6 / (fan_in + fan_out))";
    else if (k == "xavier_normal") fill = "nn.init.xavier_normal_(layer.weight)  # s^2 = 2 / (fan_in + fan_out)";
    else if (k == "he_uniform") fill = "nn.init.kaiming_uniform_(layer.weight, nonlinearity=\"relu\")  # a = sqrt(6 / fan_in)";
    else if (k == "he_normal") fill = "nn.init.kaiming_normal_(layer.weight, nonlinearity=\"relu\")  # s^2 = 2 / fan_in";
    else if (k == "lecun_uniform") fill = "nn.init.uniform_(layer.weight, -math.sqrt(3 / fan_in), math.sqrt(3 / fan_in))";
    else if (k == "lecun_normal") fill = "nn.init.normal_(layer.weight, 0.0, math.sqrt(1 / fan_in))";
    else if (k == "orthogonal") fill = "nn.init.orthogonal_(layer.weight)";
    else if (k == "identity") fill = "nn.init.eye_(layer.weight)";
    else fill = "nn.init.zeros_(layer.weight)  # every unit the same: symmetry is never broken";
    code += "        " + fill + "\n";
    code += "    for name, layer in model.named_children():\n"
            "        if name.startswith(\"gate\"):\n"
            "            nn.init.constant_(layer.bias, -1.0)  # a highway gate starts mostly carrying its input\n";
    code += "\n\n"
            "def load_weights(model, path):\n"
            "    \"\"\"weights.json: each parameter and running statistic by name, weights in nn.Linear's (out, in) layout.\"\"\"\n"
            "    with open(path) as f:\n"
            "        tensors = json.load(f)[\"tensors\"]\n"
            "    named = dict(model.named_parameters())\n"
            "    named.update(model.named_buffers())\n"
            "    with torch.no_grad():\n"
            "        for name, values in tensors.items():\n"
            "            named[name].copy_(torch.tensor(values, dtype=torch.float32).reshape(named[name].shape))\n\n\n"
            "def save_weights(model, path):\n"
            "    with open(path, \"w\") as f:\n"
            "        json.dump({\"format\": \"netlab-pytorch-1\",\n"
            "                   \"tensors\": {n: t.tolist() for n, t in model.state_dict().items() if t.is_floating_point()}}, f)\n";
    sections.push_back({"The network",
                        "The layers of the config, written out. Netlab keeps a dense layer's weights as an (in, out) "
                        "matrix and computes x W + b; nn.Linear keeps (out, in) and computes x W^T + b, so "
                        "weights.json holds them transposed. Batch normalization is Netlab's: eps 1e-5, running "
                        "averages with momentum 0.9 (PyTorch's momentum=0.1), the unbiased variance.",
                        code});
  }
  // The loss.
  {
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
    sections.push_back({"The loss",
                        std::string("Netlab's losses are means over the rows of a batch; here each is a sum, divided by the "
                                    "global batch size in the training loop, so that processes holding parts of a batch "
                                    "add up to the whole.") +
                            (c.loss == "mse" ? " The squared error has Netlab's 1/2: dL/dy = y - t." : ""),
                        code});
  }
  // The optimizer and the schedule.
  {
    std::string make;
    if (o.kind == "sgd") make = "torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)";
    else if (o.kind == "momentum")
      make = "torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=" + Num(o.momentum) + ")  # momentum";
    else if (o.kind == "nesterov")
      make = "torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=" + Num(o.momentum) + ", nesterov=True)  # momentum";
    else if (o.kind == "adagrad") make = "torch.optim.Adagrad(model.parameters(), lr=LEARNING_RATE, eps=" + Num(o.epsilon) + ")  # epsilon";
    else if (o.kind == "rmsprop")
      make = "torch.optim.RMSprop(model.parameters(), lr=LEARNING_RATE, alpha=" + Num(o.rho) + ", eps=" + Num(o.epsilon) + ")  # rho, epsilon";
    else if (o.kind == "adam")
      make = "torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(" + Num(o.beta1) + ", " + Num(o.beta2) +
             "), eps=" + Num(o.epsilon) + ")  # beta1, beta2, epsilon";
    else
      make = "torch.optim.AdamW([{\"params\": weights, \"weight_decay\": " + Num(o.weight_decay) +
             "}, {\"params\": biases, \"weight_decay\": 0.0}],\n"
             "                        lr=LEARNING_RATE, betas=(" + Num(o.beta1) + ", " + Num(o.beta2) + "), eps=" + Num(o.epsilon) +
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
        "    return LEARNING_RATE\n\n\n"
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
      note = " Netlab's momentum keeps v <- mu v - eta g and PyTorch's keeps b <- mu b + g and steps by eta b: "
             "the same while the learning rate is constant, and slightly different under a schedule.";
    if (o.kind == "adamw")
      note = " AdamW decays the weights but not the biases, as Netlab does: two parameter groups.";
    sections.push_back({"The optimizer",
                        "optimizer=" + o.kind + " with its settings, the learning-rate schedule, and the penalties and "
                        "clipping Netlab applies to the gradient before each update." + note,
                        code});
  }
  // Evaluation and the report line.
  {
    std::string code =
        "def evaluate(model, x, labels):\n"
        "    \"\"\"The loss over a whole set (in double, as Netlab sums it) and the share classified right.\"\"\"\n"
        "    if len(x) == 0:\n"
        "        return 0.0, 0.0\n"
        "    model.eval()  # batch norm on its running averages, as Netlab evaluates\n"
        "    with torch.no_grad():\n"
        "        z = model(x.to(device)).cpu()\n"
        "        t = targets(labels)\n"
        "        loss = float(loss_sum(z.double(), t.double() if t.is_floating_point() else t)) / len(x)\n"
        "        if CLASSES == 0:\n"
        "            return loss, 0.0\n"
        "        p = predict(z)\n"
        "        guess = (p[:, 0] > 0.5).long() if p.shape[1] == 1 else p.argmax(dim=1)\n"
        "        return loss, float((guess == labels.long()).double().mean())\n\n\n"
        "def report_line(model, step, samples_seen):\n"
        "    train_loss, train_accuracy = evaluate(model, train_x, train_labels)\n"
        "    test_loss, test_accuracy = evaluate(model, test_x, test_labels)\n"
        "    return (f\"step={step} epoch={samples_seen / len(train_x):.2f} train_loss={train_loss:.6f} \"\n"
        "            f\"test_loss={test_loss:.6f} train_accuracy={train_accuracy:.4f} test_accuracy={test_accuracy:.4f}\")\n";
    sections.push_back({"Evaluation", "The report line netlab --headless prints, computed the same way.", code});
  }
  // The training loop.
  {
    std::string code = R"PY(distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
if distributed:  # torchrun: one process per GPU (NCCL) or per CPU share (gloo)
    torch.distributed.init_process_group("nccl" if args.device.startswith("cuda") else "gloo")
    rank, world = torch.distributed.get_rank(), torch.distributed.get_world_size()
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if args.device.startswith("cuda") else "cpu")
else:
    rank, world, device = 0, 1, torch.device(args.device)

model = Net()
if args.fresh_init:
    initialize(model)
else:
    load_weights(model, os.path.join(HERE, "weights.json"))
model.to(device)
trained = nn.parallel.DistributedDataParallel(model) if distributed else model
optimizer = make_optimizer(model)

if args.predict:
    with open(args.predict, newline="") as f:
        rows = [(float(r[0]), float(r[1])) for r in csv.reader(f) if r and r[0].strip() and r[0][0] not in "#xX"]
    model.eval()
    with torch.no_grad():
        out = predict(model(features(torch.tensor(rows, dtype=torch.float32)).to(device))).cpu()
    for row in out.tolist():
        print(",".join(f"{v:.9g}" for v in row))
    sys.exit(0)

# Early stopping: at the end of each pass, the validation loss; the best weights kept, and restored when
# it has not improved for PATIENCE passes.
best = {"loss": None, "weights": None, "without": 0, "stopped": False}


def end_of_pass():
    if best["stopped"]:
        return True
    if step == 0 or len(validation_x) == 0:
        return False
    model.eval()
    loss, _ = evaluate(model, validation_x, validation_labels)
    if best["loss"] is None or loss < best["loss"]:
        best.update(loss=loss, weights={k: v.clone() for k, v in model.state_dict().items()}, without=0)
        return False
    best["without"] += 1
    if best["without"] < PATIENCE:
        return False
    model.load_state_dict(best["weights"])
    best["stopped"] = True
    if rank == 0:
        print(f"# early stopping at step {step}: the validation loss has not improved for {PATIENCE} passes",
              file=sys.stderr)
    return True


batches = Minibatches(len(train_x), Rng(BATCH_STREAM))
step, samples_seen = 0, 0
if rank == 0:
    print(report_line(model, step, samples_seen))
for s in range(1, args.steps + 1):
    rows = None if best["stopped"] else batches.next(BATCH_SIZE, end_of_pass)
    if rows is not None:
        # Each process takes every world-th row of the global batch; the loss is scaled so that the
        # gradients DistributedDataParallel averages are the whole batch's mean.
        mine = rows[rank::world]
        trained.train()
        z = trained(train_x[mine].to(device))
        loss = loss_sum(z, targets(train_labels[mine]).to(device)) * world / len(rows)
        optimizer.zero_grad()
        loss.backward()
        regularize_and_clip(model)
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step)
        optimizer.step()
        step += 1
        samples_seen += len(rows)
        if not all(bool(torch.isfinite(p).all()) for p in model.parameters()):
            if rank == 0:
                print(f"error: Training diverged at step {step}: a weight became NaN or infinite. "
                      "Lower the learning rate and press Reset.")
            sys.exit(1)
    if rank == 0 and (s % args.report_every == 0 or s == args.steps):
        print(report_line(model, step, samples_seen))

if args.save and rank == 0:
    save_weights(model, args.save)
if distributed:
    torch.distributed.destroy_process_group()
)PY";
    sections.push_back({"Training",
                        "Each step draws Netlab's next minibatch, computes the loss and its gradient, applies the "
                        "penalties and clipping, sets the scheduled learning rate and updates the weights. A report "
                        "line every --report-every steps, in netlab --headless's format. Under torchrun each process "
                        "computes part of every minibatch and DistributedDataParallel adds their gradients.",
                        code});
  }

  const std::string script = ScriptText(kPreamble, sections);
  const std::string intro =
      "# A Netlab playground run in PyTorch\n\n"
      "The same experiment as the Netlab config below, written out: the data, the network, its initial weights, "
      "the loss, the optimizer and the order of the minibatches. Run the cells in order; the last one trains and "
      "prints the report lines Netlab prints.\n\n    " + config_text;
  std::string readme =
      "# A Netlab run, exported to PyTorch\n\n"
      "From the Netlab config:\n\n    " + config_text + "\n\n"
      "| file | what |\n|---|---|\n"
      "| train.py | the whole experiment as one script, read top to bottom |\n"
      "| notebook.ipynb | the same code as a notebook, for Jupyter or Colab (upload data.csv and weights.json beside it) |\n"
      "| data.csv | the points Netlab drew: x1, x2, label, and the set (train, validation, test) |\n"
      "| weights.json | the weights it starts from (Netlab's initial draw, or the trained ones), nn.Linear layout |\n\n"
      "## On a laptop\n\n    python3 train.py --steps 1000 --report-every 100\n\n"
      "prints `step=... epoch=... train_loss=... test_loss=...` lines, as `netlab --headless --steps 1000 "
      "--report-every 100` does for the same config: the same minibatches in the same order, and losses equal to "
      "float rounding (the test checks 1e-4 over the first 100 steps).\n\n"
      "## On a GPU\n\n    python3 train.py --device cuda\n\n"
      "## On several processes or machines\n\n"
      "    torchrun --nproc_per_node=2 train.py --steps 1000\n"
      "    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 --nproc_per_node=4 train.py --device cuda\n\n"
      "Each process computes part of every minibatch and DistributedDataParallel averages the gradients (gloo on "
      "CPUs, NCCL on GPUs), so the report lines are those of one process. This is how a model that outgrew the "
      "browser moves onto a lab's GPUs or a cluster: the same script, more processes.\n\n"
      "## Options\n\n"
      "`--fresh-init` draws new weights with PyTorch's generator instead of loading Netlab's; `--predict rows.csv` "
      "prints the model's outputs for rows of x1,x2 (as `netlab --predict`); `--save out.json` keeps the trained weights.\n";
  files = {{"train.py", script},
           {"notebook.ipynb", NotebookJson(intro, kPreamble, sections)},
           {"data.csv", csv},
           {"weights.json", weights},
           {"README.md", readme}};
  return true;
}

}  // namespace netlab
