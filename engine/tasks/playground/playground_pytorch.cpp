#include "tasks/playground/playground_pytorch.h"

#include <cstdio>
#include <vector>

#include "config/config_text.h"
#include "core/json_text.h"
#include "data/input_features.h"
#include "export/pytorch_script.h"
#include "nn/activation.h"
#include "nn/loss.h"

namespace netlab {
namespace {

// Each input feature (data/input_features.cpp) from the columns x1, x2.
const char* FeatureCode(const std::string& name) {
  static const char* const table[][2] = {
      {"x1", "x1"},           {"x2", "x2"},           {"x1_squared", "x1 * x1"},         {"x2_squared", "x2 * x2"},
      {"x1_times_x2", "x1 * x2"}, {"sin_x1", "torch.sin(x1)"}, {"sin_x2", "torch.sin(x2)"},
  };
  for (const auto& row : table)
    if (name == row[0]) return row[1];
  return nullptr;
}

const char* kHeadline =
    "# A Netlab playground run, exported to PyTorch: the same data, network, initial weights, loss, optimizer\n"
    "# and minibatch order, so the same steps print the same losses as `netlab --headless` (within float\n"
    "# rounding). Read it top to bottom; each section says which config key its values come from.\n";

// The Net class for the playground's blocks (PythonNet::DenseBlock), then the output layer.
PythonNet WritePythonNet(const Config& c, int inputs, int outputs, const Loss& loss,
                         const std::vector<uint64_t>& mask_streams, std::string& docstring) {
  PythonNet net;
  net.mask_streams = mask_streams;
  std::string layers_key;
  int width = inputs;
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    layers_key += (layers_key.empty() ? "" : ",") + LayerToText(c.hidden[i]);
    width = net.DenseBlock(c.hidden[i], int(i + 1), width);
  }
  const bool class_scores = loss.one_hot_targets && outputs > 1;
  net.Linear("output", width, outputs,
             loss.takes_logits ? (class_scores ? "one score per class: the loss applies the softmax"
                                               : "a logit: the loss applies the sigmoid")
                               : "the prediction itself");
  const bool output_activation = !loss.takes_logits && c.output_activation != "linear";
  net.forward += "        return " +
                 (output_activation ? PyApply(PytorchActivation(c.output_activation), "self.output(x)") + "  # output_activation"
                                    : std::string("self.output(x)")) + "\n";
  docstring = "layers=" + layers_key + ": each block a dense layer, its normalization and activation, then the output layer.";
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
    const std::string dense = PytorchDenseRefusal(l);
    if (!dense.empty()) return layer + dense;
  }
  if (!PytorchActivation(c.output_activation))
    return "the output activation " + c.output_activation + " is not in the PyTorch export yet";
  const std::string optimizer = PytorchOptimizerRefusal(c.optimizer.kind);
  if (!optimizer.empty()) return optimizer;
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

  // weights.json: every parameter and running statistic under its name in Net, as Netlab holds them now.
  std::string docstring;
  const PythonNet net = WritePythonNet(c, inputs, OutputUnits(loss, classes), loss, trainer.mask_stream_starts(), docstring);
  std::string weights, penalized;
  if (!PytorchWeightsJson(net, parameters, trainer.network().State(), config_text, trainer.step(), weights, penalized,
                          error)) {
    error = "the playground's export: " + error;
    return false;
  }

  std::vector<ScriptSection> sections;
  const RegularizationConfig& reg = c.regularization;
  sections.push_back(PytorchSettingsSection(
      config_text,
      PytorchArgumentsCode("Netlab's playground run in PyTorch", "x1,x2") +
          "BATCH_SIZE = " + std::to_string(c.batch_size) + "  # batch_size\n"
          "LEARNING_RATE = " + PyNum(c.optimizer.learning_rate) + "  # learning_rate\n" + PytorchUpdateSettingsCode(c) +
          "VALIDATION_FRACTION, PATIENCE = " + PyNum(reg.validation_fraction) + ", " + std::to_string(reg.patience) +
          "  # validation_fraction, patience: early stopping (0: off)\n"
          "BATCH_STREAM = " + PyHex(trainer.batch_stream_start()) +
          "  # Netlab's minibatch generator after it drew the initial weights (seed=" + std::to_string(c.seed) + ")\n",
      trainer.step(), "the optimizer starts afresh and the minibatches in the run's first order"));
  sections.push_back(PytorchMinibatchRandomSection(net.uses_masks));
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
                            std::to_string(c.data.samples) + ", noise=" + PyNum(c.data.noise) + ", train_fraction=" +
                            PyNum(c.data.train_fraction) + ", seed=" + std::to_string(c.seed) +
                            "), in Netlab's order: the training rows, the validation rows held out for early "
                            "stopping, then the test rows. Your own points can take their place: the same columns.",
                        code});
  }
  // The network.
  {
    std::string code = net.Code(docstring) +
                       PytorchPenalizedCode("Netlab's l1, l2 and AdamW's decay act on (not biases, gains or PReLU slopes).",
                                            penalized);
    code += "\n\n" + PytorchInitializeCode(c) + kPytorchWeightsCode;
    sections.push_back({"The network",
                        "The layers of the config, written out. Netlab keeps a dense layer's weights as an (in, out) "
                        "matrix and computes x W + b; nn.Linear keeps (out, in) and computes x W^T + b, so "
                        "weights.json holds them transposed. Batch normalization is Netlab's: eps 1e-5, running "
                        "averages with momentum 0.9 (PyTorch's momentum=0.1), the unbiased variance.",
                        code});
  }
  // The loss.
  {
    const std::string code = PytorchLossCode(c, loss, class_index);
    sections.push_back({"The loss",
                        std::string("Netlab's losses are means over the rows of a batch; here each is a sum, divided by the "
                                    "global batch size in the training loop, so that processes holding parts of a batch "
                                    "add up to the whole.") +
                            (c.loss == "mse" ? " The squared error has Netlab's 1/2: dL/dy = y - t." : ""),
                        code});
  }
  sections.push_back(PytorchOptimizerSection(c));
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
    sections.push_back(PytorchEvaluationSection(code));

    // The training loop.
    code =
        PytorchDistributedCode() +
        PytorchPredictCode("    with open(args.predict, newline=\"\") as f:\n"
                           "        rows = [(float(r[0]), float(r[1])) for r in csv.reader(f) if r and r[0].strip() and "
                           "r[0][0] not in \"#xX\"]\n",
                           "features(torch.tensor(rows, dtype=torch.float32))") +
        R"PY(
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
)PY" + PytorchLoopStart("model, step, samples_seen") + R"PY(    rows = None if best["stopped"] else batches.next(BATCH_SIZE, end_of_pass)
    if rows is not None:
        # Each process takes every world-th row of the global batch; the loss is scaled so that the
        # gradients DistributedDataParallel averages are the whole batch's mean.
        mine = rows[rank::world]
)PY" + std::string(net.uses_masks ? "        share_masks(model, len(rows), rank, world)  # each process its rows of the masks\n" : "") +
                       R"PY(        trained.train()
        z = trained(train_x[mine].to(device))
        loss = loss_sum(z, targets(train_labels[mine]).to(device)) * world / len(rows)
)PY" + std::string(kPytorchUpdateCode) + R"PY(        samples_seen += len(rows)
        if not all(bool(torch.isfinite(p).all()) for p in model.parameters()):
            if rank == 0:
                print(f"error: Training diverged at step {step}: a weight became NaN or infinite. "
                      "Lower the learning rate and press Reset.")
            sys.exit(1)
)PY" + PytorchLoopEnd("model, step, samples_seen", "model", false);
    sections.push_back({"Training",
                        "Each step draws Netlab's next minibatch, computes the loss and its gradient, applies the "
                        "penalties and clipping, sets the scheduled learning rate and updates the weights. A report "
                        "line every --report-every steps, in netlab --headless's format. Under torchrun each process "
                        "computes part of every minibatch and DistributedDataParallel adds their gradients.",
                        code});
  }

  files = PytorchFolder(
      {"A Netlab playground run", kHeadline,
       "the data, the network, its initial weights, the loss, the optimizer and the order of the minibatches",
       "the points Netlab drew: x1, x2, label, and the set (train, validation, test)",
       "the weights it starts from (Netlab's initial draw, or the trained ones), nn.Linear layout",
       "step=... epoch=... train_loss=... test_loss=...",
       "the same minibatches in the same order, and losses equal to float rounding",
       PytorchDdpNote("computes part of every minibatch") +
           ". This is how a model that outgrew the browser moves onto a lab's GPUs or a cluster: the same script, more "
           "processes.",
       "`--fresh-init` draws new weights with PyTorch's generator instead of loading Netlab's; `--predict rows.csv` "
       "prints the model's outputs for rows of x1,x2 (as `netlab --predict`); `--save out.json` keeps the trained "
       "weights."},
      config_text, sections, csv, weights);
  return true;
}

}  // namespace netlab
