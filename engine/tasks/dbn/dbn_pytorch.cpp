// DbnRun's PyTorch export (train.py, notebook.ipynb, data.csv, weights.json holding the bottom RBM in
// Netlab's layout, and a README). Greedy pretraining by contrastive divergence is written in plain tensor
// operations (export/pytorch_cd.h), fine-tuning with autograd, so train.py prints netlab --headless's
// report lines: tests/export/pytorch_boltzmann_test.sh compares them.
#include "export/pytorch_cd.h"
#include "export/pytorch_script.h"
#include "tasks/cd_settings.h"
#include "tasks/dbn/dbn_run.h"

namespace netlab {
namespace {

const char* kHeadline =
    "# A Netlab deep belief net run, exported to PyTorch: the same rows, initial weights, minibatch order and\n"
    "# samples; greedy layer-wise pretraining by contrastive divergence written out in tensor operations, then\n"
    "# fine-tuning by backprop, so the same steps print the same numbers as `netlab --headless` (within float\n"
    "# rounding). Read it top to bottom; each section says which config key its values come from.\n";

// DbnRun::StartFineTuning's choices, which no config key sets.
const char* kFineTuningSettings =
    "CLASSIFIER_RATE = 0.5  # plain SGD for both classifiers, as the lecture does (tasks/dbn/dbn_run.h)\n"
    "AUTOENCODER_RATE = 0.003  # Adam for the unrolled autoencoder\n";

const char* kFineTuningCode = R"PY(

def mean_loss(loss_sum, rows):
    """A process's sum over its rows, scaled so that the gradients DistributedDataParallel averages are the
    whole minibatch's mean (Netlab's losses are means over the rows)."""
    return loss_sum * world / rows


def wrap(net):
    return nn.parallel.DistributedDataParallel(net) if distributed else net


class FineTuning:
    """DbnRun::StartFineTuning, once the last RBM is trained: three networks learn from the same minibatches
    (a fresh pass order from the run's stream), each with its own optimizer.
      classifier: the pretrained stack, sigmoid units, and a new softmax output layer (xavier_normal from
        the run's stream), by SGD;
      random: the same architecture from xavier_normal weights of a stream of its own, the baseline;
      autoencoder: the stack unrolled, sigmoid cross-entropy against the pixels, by Adam."""

    def __init__(self, rbms, rng):
        output = (xavier_normal(rng, HIDDEN_SIZES[-1], CLASSES), torch.zeros(CLASSES))
        self.classifier = Stack([(r.weights, r.hidden_bias) for r in rbms] + [output],
                                [True] * len(rbms) + [False]).to(device)
        random_rng = Rng(RANDOM_STATE)
        widths = [VISIBLE] + HIDDEN_SIZES + [CLASSES]
        self.random = Stack([(xavier_normal(random_rng, a, b), torch.zeros(b)) for a, b in zip(widths, widths[1:])],
                            [True] * len(HIDDEN_SIZES) + [False]).to(device)
        self.autoencoder = unroll(rbms)
        self.trained = [wrap(self.classifier), wrap(self.random), wrap(self.autoencoder)]
        self.optimizers = [torch.optim.SGD(self.classifier.parameters(), lr=CLASSIFIER_RATE),
                           torch.optim.SGD(self.random.parameters(), lr=CLASSIFIER_RATE),
                           torch.optim.Adam(self.autoencoder.parameters(), lr=AUTOENCODER_RATE, betas=(0.9, 0.999), eps=1e-8)]
        self.batches = Minibatches(len(train_x), rng)
        self.rows_taken = 0
        self.epochs = 0  # passes over the training rows completed
        self.autoencoder_error = self.measure()

    def measure(self):
        """The autoencoder's mean squared test error, sigmoid(logits) against the pixels (once a pass)."""
        with torch.no_grad():
            return reconstruction_error(test_x, sigmoid(self.autoencoder(test_x)))

    def step(self):
        """One minibatch for each network; returns the classifier's loss."""
        rows = self.batches.next(BATCH_SIZE)
        mine = rows[rank::world]  # this process's rows of the minibatch
        x, labels = train_x[mine], train_labels[mine]
        losses = [mean_loss(F.cross_entropy(self.trained[0](x), labels, reduction="sum"), len(rows)),
                  mean_loss(F.cross_entropy(self.trained[1](x), labels, reduction="sum"), len(rows)),
                  mean_loss(F.binary_cross_entropy_with_logits(self.trained[2](x), x, reduction="sum"), len(rows))]
        for optimizer, loss in zip(self.optimizers, losses):
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        self.rows_taken += len(rows)
        if self.rows_taken // len(train_x) > self.epochs:  # this minibatch ended a pass
            self.epochs = self.rows_taken // len(train_x)
            self.autoencoder_error = self.measure()
        return float(losses[0])


def accuracy(net, x, labels):
    """The share of rows whose largest logit is their class."""
    with torch.no_grad():
        return float((net(x).argmax(dim=1) == labels).double().mean())
)PY";

}  // namespace

std::string DbnRun::PytorchRefusal() const {
  return config().task != "dbn" ? "the " + config().task + " task's export is not the DBN's"
                                : PytorchDataSizeRefusal(config(), data_);
}

// The run from its beginning (a fresh run of the same config): pretraining's state is not written out.
bool DbnRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  error = error_.empty() ? PytorchRefusal() : error_;
  if (!error.empty()) return false;
  DbnRun run(config_, data_);
  const Config& c = config_;
  const TaskData& data = data_;
  const Rbm& first = run.pretrainer().dbn().layers.front();
  const DbnPretraining pretraining = DbnPretrainingOf(c);
  std::string sizes;
  for (int units : pretraining.hidden_sizes) sizes += (sizes.empty() ? "" : ", ") + std::to_string(units);

  std::vector<ScriptSection> sections;
  {
    std::string code = PytorchArgumentsCode("Netlab's deep belief net run in PyTorch", "");
    code += "VISIBLE, CLASSES = " + std::to_string(data.inputs()) + ", " + std::to_string(data.train.classes) +
            "  # the data's columns and classes\n";
    code += "HIDDEN_SIZES = [" + sizes + "]  # layers: each RBM's hidden units, bottom to top\n";
    code += "EPOCHS = " + std::to_string(pretraining.epochs) + "  # pretrain_epochs: passes of CD per RBM\n";
    code += PytorchCdSettingsCode(c, pretraining.rbm, run.rng_state());
    code += "RANDOM_STATE = " + PyHex(run.random_rng_state()) + "  # the random-start classifier's own stream\n";
    code += kFineTuningSettings;
    code += PytorchStepsPerEpochCode(run.StepsPerEpoch()) + PytorchCdProcessesCode();
    sections.push_back(PytorchSettingsSection(config_text, code, 0, "",
                                              " or, for fine-tuning, Netlab's own choice. Under torchrun each process "
                                              "learns its rank and the number of processes here."));
  }
  sections.push_back(PytorchRandomSection(
      "Netlab draws the minibatches, every sample of contrastive divergence, the initial weights of each RBM after the "
      "first and the classifier's output layer from one stream: splitmix64, with a Fisher-Yates shuffle for the "
      "orders. The same generator here, started where Netlab's stood after drawing the first RBM, gives the same "
      "numbers in the same order.",
      kPytorchCdRandomCode));
  const PytorchData rows = PytorchCdData(c, data, ", its class", sections);
  sections.push_back({"The RBMs and their pretraining",
                      "Each RBM's three tensors (W, visible x hidden as Netlab keeps it, and the two biases) and its "
                      "contrastive-divergence update written out, exactly as Netlab's Rbm::TrainStep orders its float "
                      "operations: sampling compares a uniform with a probability, so the probabilities are computed "
                      "as Netlab computes them. The pretrainer trains the RBMs one after the other, each on the "
                      "hidden probabilities of the one below.",
                      std::string(kPytorchRbmCode) + kPytorchWeightsCode + kPytorchPretrainerCode});
  sections.push_back({"Fine-tuning",
                      "Once pretraining is over the RBMs become the hidden layers of a classifier and of a deep "
                      "autoencoder, and backprop fine-tunes them (autograd and PyTorch's optimizers); a classifier of "
                      "the same shape from random weights shows what the pretraining bought, and PCA with as many "
                      "components as the top RBM has units is the autoencoder's linear baseline.",
                      std::string(kPytorchStackCode) + kPytorchPcaCode + kFineTuningCode});
  sections.push_back({"Evaluation",
                      "The report line netlab --headless prints: while pretraining, the RBM being trained, its epochs "
                      "and its reconstruction error on its own input after its latest epoch; while fine-tuning, both "
                      "classifiers' test accuracy and the autoencoder's and PCA's test errors.",
                      PytorchPhasesReportCode() + R"PY(        layer = pretrainer.layer
        done = pretrainer.epochs_done(layer)
        error = pretrainer.errors[layer - 1] if layer > 0 and done == 0 else pretrainer.errors[layer]
        return f"{prefix} phase=pretraining layer={layer + 1} layer_epoch={done} reconstruction_error={number(error)}"
    return (f"{prefix} phase=fine_tuning fine_tuning_epoch={fine.epochs} "
            f"test_accuracy={number(accuracy(fine.classifier, test_x, test_labels))} "
            f"random_start_accuracy={number(accuracy(fine.random, test_x, test_labels))} "
            f"autoencoder_error={number(fine.autoencoder_error)} pca_error={number(PCA_ERROR)}")
)PY"});
  sections.push_back({"Training",
                      "Each step is one CD update of the RBM being pretrained, or once all are, one minibatch of "
                      "fine-tuning for the three networks. Under torchrun each process takes every world-th row of "
                      "the minibatch: for CD it samples those rows with its share of the same random numbers and the "
                      "processes add their sums; for fine-tuning DistributedDataParallel adds their gradients.",
                      PytorchPretrainingLoopStart("", "", "diverged = \"\"\n") +
                          R"PY(    elif not math.isfinite(fine.step()):
        diverged = "The fine-tuning loss became NaN or infinite; press Reset."
)PY" + PytorchLoopEnd("s", R"PY(nn.ModuleDict({"rbms": pretrainer.rbms, **({"classifier": fine.classifier, "autoencoder": fine.autoencoder}
                                                           if fine else {})}))PY")});

  files = PytorchFolder(
      PytorchCdAbout("A Netlab deep belief net run", kHeadline,
                     "the rows, the RBMs pretrained greedily by contrastive divergence in plain tensor operations, "
                     "then a classifier and a deep autoencoder fine-tuned by backprop",
                     rows, "step=... epoch=... phase=pretraining layer=... layer_epoch=... reconstruction_error=...",
                     " Fine-tuning's networks are wrapped in DistributedDataParallel, which adds their gradients. "
                     "weights.json holds the bottom RBM; the later RBMs and the output layer are drawn from Netlab's "
                     "stream when their turn comes."),
      config_text, sections, rows.csv, PytorchRbmWeightsJson(config_text, 0, first));
  return true;
}

}  // namespace netlab
