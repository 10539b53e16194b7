// ClassifyRun's PyTorch export (train.py, notebook.ipynb, data.csv, weights.json and a README): the layer
// stack written out as nn.Module code (export/pytorch_script.h), so train.py prints netlab --headless's
// report lines: tests/export/pytorch_export_test.sh compares them.
#include "config/config_text.h"
#include "conv/image_shape.h"
#include "core/json_text.h"
#include "export/pytorch_script.h"
#include "nn/loss.h"
#include "tasks/classify/classify_run.h"

namespace netlab {
namespace {

const char* kHeadline =
    "# A Netlab classification run, exported to PyTorch: the same rows, layer stack, initial weights, loss,\n"
    "# optimizer, minibatch order and dropout masks, so the same steps print the same losses as\n"
    "# `netlab --headless` (within float rounding). Read it top to bottom; each section says which config key\n"
    "# its values come from.\n";

std::string ShapeText(ImageShape s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" + std::to_string(s.width);
}

// A convolution block (network_builder.cpp's BuildStack: conv -> [norm] -> [activation] -> [dropout],
// inside a residual skip with `res`), the n-th layer, reading maps of `shape`, which it updates.
void ConvLayer(PythonNet& net, const LayerConfig& l, int index, ImageShape& shape) {
  const std::string n = std::to_string(index);
  const ImageShape in = shape;
  shape = {l.units, SlidingOutputSize(in.height, l.kernel, l.stride, l.padding),
           SlidingOutputSize(in.width, l.kernel, l.stride, l.padding)};
  net.init += "        self.conv" + n + " = nn.Conv2d(" + std::to_string(in.channels) + ", " + std::to_string(l.units) +
              ", " + std::to_string(l.kernel) + ", stride=" + std::to_string(l.stride) + ", padding=" +
              std::to_string(l.padding) + ")  # layer " + n + ": " + ShapeText(in) + " -> " + ShapeText(shape) + "\n";
  net.parameters.push_back({"conv" + n + ".weight", true});
  net.parameters.push_back({"conv" + n + ".bias"});
  net.forward += "        h = self.conv" + n + "(x)\n";
  if (l.norm == "batch") {
    net.init += "        self.norm" + n + " = nn.BatchNorm2d(" + std::to_string(shape.channels) +
                ", eps=1e-5, momentum=0.1)  # bn: per channel, over the batch and the map's positions\n";
    net.state.push_back({"norm" + n + ".running_mean"});
    net.state.push_back({"norm" + n + ".running_var"});
  } else if (l.norm == "layer") {
    net.init += "        self.norm" + n + " = nn.LayerNorm([" + std::to_string(shape.channels) + ", " +
                std::to_string(shape.height) + ", " + std::to_string(shape.width) +
                "], eps=1e-5)  # ln: over each image's maps\n";
  }
  if (l.norm != "none") {
    net.forward += "        h = self.norm" + n + "(h)\n";
    net.parameters.push_back({"norm" + n + ".weight"});  // gamma
    net.parameters.push_back({"norm" + n + ".bias"});    // beta
  }
  if (l.activation != "linear") net.forward += "        h = " + PyApply(PytorchActivation(l.activation), "h") + "\n";
  if (l.dropout > 0.0f) {
    net.init += "        self.drop" + n + " = NetlabDropout(" + PyFloat(l.dropout) + ", " + net.NextStream() +
                ")  # d" + PyFloat(l.dropout) + ", with Netlab's mask stream\n";
    net.forward += "        h = self.drop" + n + "(h)\n";
  }
  net.forward += l.skip == "residual" ? "        x = h + x  # res: y = F(x) + x (He et al. 2016)\n" : "        x = h\n";
}

// The Net class for the config's stack on data of `input`'s shape, then the output layer.
PythonNet WriteClassifyNet(const Config& c, DataShape input, int classes, const std::vector<uint64_t>& mask_streams,
                           std::string& docstring) {
  PythonNet net;
  net.mask_streams = mask_streams;
  ImageShape shape{input.channels, input.height, input.width};
  bool maps = false;  // x is (batch, channels, height, width) rather than one row per sample
  std::string layers_key;
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    const LayerConfig& l = c.hidden[i];
    const int n = int(i + 1);
    layers_key += (layers_key.empty() ? "" : ",") + LayerToText(l);
    const bool spatial = l.kind == "conv" || l.kind == "maxpool" || l.kind == "avgpool";
    if (spatial && !maps) {
      net.forward += "        x = x.view(-1, " + std::to_string(shape.channels) + ", " + std::to_string(shape.height) +
                     ", " + std::to_string(shape.width) + ")  # each row's image, channel by channel (NCHW)\n";
      maps = true;
    }
    if (!spatial && maps) {
      net.forward += "        x = x.flatten(1)  # the maps as one row, channel by channel: Netlab's order\n";
      maps = false;
    }
    if (l.kind == "conv") {
      ConvLayer(net, l, n, shape);
    } else if (spatial) {
      const ImageShape in = shape;
      shape = {in.channels, SlidingOutputSize(in.height, l.kernel, l.stride, 0), SlidingOutputSize(in.width, l.kernel, l.stride, 0)};
      net.forward += std::string("        x = F.") + (l.kind == "maxpool" ? "max_pool2d" : "avg_pool2d") + "(x, " +
                     std::to_string(l.kernel) + ", " + std::to_string(l.stride) + ")  # layer " + std::to_string(n) +
                     ": " + ShapeText(in) + " -> " + ShapeText(shape) + "\n";
    } else if (l.kind == "flatten") {
      shape = {1, 1, shape.size()};
    } else {
      shape = {1, 1, net.DenseBlock(l, n, shape.size())};
    }
  }
  if (maps) net.forward += "        x = x.flatten(1)\n";
  net.Linear("output", shape.size(), classes, "one score per class: the loss applies the softmax");
  net.forward += "        return self.output(x)\n";
  docstring = "layers=" + layers_key + ": the config's stack, then a dense layer with one score per class.";
  return net;
}

}  // namespace

std::string ClassifyRun::PytorchRefusal() const {
  const Config& c = config();
  if (c.task != "classify") return "the " + c.task + " task's export is not the classification task's";
  if (c.data.kind == "fashion" && c.lesson.label_noise > 0.0f)
    return "label_noise with dataset=fashion: train.py reads Fashion-MNIST's true labels from its files; the random "
           "labels export on digits, iris and files of your own";
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    const LayerConfig& l = c.hidden[i];
    const std::string layer = "layer " + std::to_string(i + 1) + " (" + LayerToText(l) + "): ";
    if (l.kind == "conv") {
      if (!PytorchActivation(l.activation))
        return layer + "the " + l.activation + " activation is not in the PyTorch export";
    } else if (l.kind == "maxpool" || l.kind == "avgpool" || l.kind == "flatten") {
    } else if (l.kind == "dense" || l.kind.empty()) {
      const std::string dense = PytorchDenseRefusal(l);
      if (!dense.empty()) return layer + dense;
    } else {
      return layer + "the PyTorch export writes dense, conv, maxpool, avgpool and flatten layers, not " + l.kind;
    }
  }
  if (c.loss != "softmax_ce" && c.loss != "hinge")
    return "loss=" + c.loss + " is not in the classification export (softmax_ce and hinge are)";
  return PytorchOptimizerRefusal(c.optimizer.kind);
}

bool ClassifyRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  const Config& c = config();
  error = error_.empty() ? PytorchRefusal() : error_;
  if (error.empty()) error = PytorchDataSizeRefusal(c, data_);
  if (!error.empty()) return false;
  const Loss& loss = this->loss();
  const DataShape shape = data_.shape();
  const int classes = data_.train.classes;

  std::string docstring;
  const PythonNet net = WriteClassifyNet(c, shape, classes, mask_stream_starts(), docstring);
  std::string weights, penalized;
  if (!PytorchWeightsJson(net, network().Parameters(), network().State(), config_text, step(), weights,
                          penalized, error)) {
    error = "the classification export: " + error;
    return false;
  }

  std::vector<ScriptSection> sections;
  {
    std::string code = PytorchArgumentsCode("Netlab's classification run in PyTorch",
                                            data_.images() ? "an image's pixels, row by row" : "the data's columns");
    code += "BATCH_SIZE = " + std::to_string(c.batch_size) + "  # batch_size\n";
    code += "LEARNING_RATE = " + PyNum(c.optimizer.learning_rate) + "  # learning_rate\n" + PytorchUpdateSettingsCode(c);
    code += "BATCH_STREAM = " + PyHex(batch_stream_start()) +
            "  # Netlab's minibatch generator after it drew the initial weights (seed=" + std::to_string(c.seed) + ")\n";
    code += "TRAIN_ACCURACY_ROWS = " + std::to_string(ClassifyRun::kTrainAccuracyRows) +
            "  # the training rows each report's train_accuracy reads\n";
    sections.push_back(PytorchSettingsSection(config_text, code, step(),
                                              "the optimizer starts afresh and the minibatches and masks in the run's "
                                              "first order"));
  }
  sections.push_back(PytorchMinibatchRandomSection(net.uses_masks));
  // The data.
  const PytorchData data =
      PytorchDataFor(c, data_, false, "its values (x1, x2, ...; an image's pixels row by row), its class and its set");
  {
    std::string code = data.code;
    code += "CLASSES = " + std::to_string(classes) + "\n";
    code += PytorchStepsPerEpochCode(StepsPerEpoch());
    if (data_.images())
      code += "IMAGE = (" + std::to_string(shape.channels) + ", " + std::to_string(shape.height) + ", " +
              std::to_string(shape.width) + ")  # channels, height, width: each row is an image, channel by channel\n";
    sections.push_back({"The data",
                        data.source +
                            (c.lesson.label_noise > 0.0f
                                 ? " label_noise=" + PyNum(c.lesson.label_noise) +
                                       ": the training labels are the ones Netlab shuffled among that share of the "
                                       "rows (the random-labels lesson); the test labels are true."
                                 : std::string()),
                        code});
  }
  // The network.
  {
    const std::string code =
        net.Code(docstring) +
        PytorchPenalizedCode("Netlab's l1, l2 and AdamW's decay act on (not biases, gains or PReLU slopes).", penalized) +
        "\n\n" + PytorchInitializeCode(c) + kPytorchWeightsCode;
    sections.push_back({"The network",
                        "The layers of the config, written out. Netlab keeps a dense layer's weights as an (in, out) "
                        "matrix and computes x W + b; nn.Linear keeps (out, in) and computes x W^T + b. A convolution's "
                        "weights are a (channels k k, filters) matrix, row c k k + u k + v for channel c and kernel tap "
                        "(u, v); Conv2d's are (filters, channels, k, k): the same numbers transposed, so weights.json "
                        "holds both transposed. Images travel as Netlab's rows, channel by channel (NCHW flattened), "
                        "so flatten(1) gives the dense layers Netlab's order. Batch normalization is Netlab's: eps "
                        "1e-5, running averages with momentum 0.9 (PyTorch's momentum=0.1), the unbiased variance; "
                        "after a convolution, per channel over the batch and the map's positions.",
                        code});
  }
  sections.push_back({"The loss",
                      "Netlab's losses are means over the rows of a batch; here each is a sum, divided by the global "
                      "batch size in the training loop, so that processes holding parts of a batch add up to the whole.",
                      PytorchLossCode(c, loss, true)});
  sections.push_back(PytorchOptimizerSection(c));
  // Evaluation and the report line.
  {
    std::string code =
        "def evaluate(model, x, labels):\n"
        "    \"\"\"The mean loss over a set (in double, as Netlab sums it) and the share classified right.\"\"\"\n"
        "    model.eval()  # no dropout, batch norm on its running averages, as Netlab evaluates\n"
        "    with torch.no_grad():\n"
        "        z = torch.cat([model(x[i:i + 256].to(device)).cpu() for i in range(0, len(x), 256)])\n"
        "    loss = float(loss_sum(z.double(), targets(labels))) / len(x)\n"
        "    return loss, float((z.argmax(dim=1) == labels).double().mean())\n\n\n" +
        std::string(kPytorchNumberCode) +
        "\n\ndef report_line(model, step, train_loss):\n"
        "    \"\"\"train_loss: the mean minibatch loss since the last report.\"\"\"\n"
        "    test_loss, test_accuracy = evaluate(model, test_x, test_labels)\n"
        "    _, train_accuracy = evaluate(model, train_x[:TRAIN_ACCURACY_ROWS], train_labels[:TRAIN_ACCURACY_ROWS])\n"
        "    return (f\"step={step} epoch={number(step / STEPS_PER_EPOCH)} train_loss={number(train_loss)} \"\n"
        "            f\"test_loss={number(test_loss)} test_accuracy={number(test_accuracy)} \"\n"
        "            f\"train_accuracy={number(train_accuracy)}\")\n";
    sections.push_back(PytorchEvaluationSection(code));

    // The training loop.
    code =
        PytorchDistributedCode() +
        PytorchPredictCode(std::string(kPytorchPredictTableCode) + R"PY(    inputs = torch.tensor([[float(v) for v in r] for r in table], dtype=torch.float32)
    if inputs.shape[1] != train_x.shape[1]:
        sys.exit(f"the classifier reads rows of {train_x.shape[1]} values, not {inputs.shape[1]}")
)PY",
                           "inputs") +
        R"PY(
batches = Minibatches(len(train_x), Rng(BATCH_STREAM))
step, loss_total, loss_count, diverged = 0, 0.0, 0, ""
if rank == 0:
    print(f"parameters={sum(p.numel() for p in model.parameters())} train={len(train_x)} test={len(test_x)}")
)PY" + PytorchLoopStart("model, step, None") + R"PY(    rows = batches.next(BATCH_SIZE)
    # Each process takes every world-th row of the global batch; the loss is scaled so that the
    # gradients DistributedDataParallel averages are the whole batch's mean.
    mine = rows[rank::world]
)PY";
    if (net.uses_masks) code += "    share_masks(model, len(rows), rank, world)  # each process its rows of the masks\n";
    code += R"PY(    trained.train()
    z = trained(train_x[mine].to(device))
    loss = loss_sum(z, targets(train_labels[mine]).to(device)) * world / len(rows)
    batch_loss = loss.detach().clone()
    if distributed:
        torch.distributed.all_reduce(batch_loss)  # the whole batch's mean, world times
    batch_loss = float(batch_loss) / world
    if not math.isfinite(batch_loss):
        diverged = f"The loss became NaN or infinite at step {step}. Lower the learning rate and press Reset."
    else:
        loss_total, loss_count = loss_total + batch_loss, loss_count + 1
)PY" + std::string(kPytorchUpdateCode) + R"PY(        if not all(bool(torch.isfinite(p).all()) for p in model.parameters()):
            diverged = (f"Training diverged at step {step}: a weight became NaN or infinite. "
                        "Lower the learning rate and press Reset.")
)PY" + PytorchLoopEnd("model, step, loss_total / loss_count if loss_count else None", "model", true,
                      "        loss_total, loss_count = 0.0, 0\n");
    sections.push_back({"Training",
                        "Each step draws Netlab's next minibatch, computes the loss and its gradient, applies the "
                        "penalties and clipping, sets the scheduled learning rate and updates the weights. A report "
                        "line every --report-every steps, in netlab --headless's format. Under torchrun each process "
                        "computes part of every minibatch (and its rows of the dropout masks) and "
                        "DistributedDataParallel adds their gradients.",
                        code});
  }

  files = PytorchFolder(
      {"A Netlab classification run", kHeadline,
       "the rows, the layer stack, its initial weights, the loss, the optimizer and the order of the minibatches",
       data.file_line, "the weights it starts from (Netlab's initial draw, or the trained ones), in PyTorch's layouts",
       "step=... epoch=... train_loss=... test_loss=... test_accuracy=... train_accuracy=...",
       "the same minibatches in the same order, the same dropout masks, and losses equal to float rounding",
       PytorchDdpNote("computes part of every minibatch") +
           " (batch normalization aside: each process normalizes its own part of the batch).",
       "`--fresh-init` draws new weights with PyTorch's generator instead of loading Netlab's; `--predict rows.csv` "
       "prints the class probabilities for rows of values (as `netlab --predict`); `--save out.json` keeps the trained "
       "weights."},
      config_text, sections, data.csv, weights);
  return true;
}

}  // namespace netlab
