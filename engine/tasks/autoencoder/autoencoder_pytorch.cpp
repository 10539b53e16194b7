// AutoencoderRun's PyTorch export (train.py, notebook.ipynb, data.csv, weights.json holding the bottom RBM
// in Netlab's layout, and a README). RBM pretraining (the code RBM on top) is written in plain tensor
// operations (export/pytorch_cd.h); the unrolled autoencoder is fine-tuned with autograd and Adam, so
// train.py prints netlab --headless's report lines: tests/export/pytorch_boltzmann_test.sh compares them.
#include "export/pytorch_cd.h"
#include "export/pytorch_script.h"
#include "tasks/autoencoder/autoencoder_run.h"

namespace netlab {
namespace {

const char* kHeadline =
    "# A Netlab deep autoencoder run (Hinton & Salakhutdinov 2006), exported to PyTorch: the same rows,\n"
    "# initial weights, minibatch order and samples; RBM pretraining by contrastive divergence written out in\n"
    "# tensor operations, unrolling, then fine-tuning by backprop, so the same steps print the same numbers as\n"
    "# `netlab --headless` (within float rounding). Read it top to bottom; each section says which config key\n"
    "# its values come from.\n";

const char* kFineTuningCode = R"PY(

class FineTuning:
    """DeepAutoencoderTrainer's fine-tuning: the RBMs unrolled into an encoder and a decoder, trained by
    backprop on the cross-entropy between the pixels and sigmoid(logits) of their reconstruction (the
    paper's objective for [0, 1] data; they used conjugate gradients, Netlab Adam). Its own passes over the
    training rows, each reshuffled from the run's stream with the order carried over, the last minibatch
    of a pass shorter; the test error after each pass; FINE_TUNE_EPOCHS passes in all."""

    def __init__(self, rbms, rng):
        self.rng = rng  # the run's stream: each pass's order
        self.autoencoder = unroll(rbms)
        self.trained = nn.parallel.DistributedDataParallel(self.autoencoder) if distributed else self.autoencoder
        self.unrolled_error = self.test_error()
        self.optimizer = torch.optim.Adam(self.autoencoder.parameters(), lr=FINE_TUNE_RATE, betas=BETAS, eps=EPSILON)
        self.order = list(range(len(train_x)))
        self.next_row = 0
        self.test_errors = []

    def test_error(self):
        """The squared reconstruction error per test image (mean over the images of ||x - x_hat||^2)."""
        with torch.no_grad():
            return reconstruction_error(test_x, sigmoid(self.autoencoder(test_x)))

    def done(self):
        return len(self.test_errors) >= FINE_TUNE_EPOCHS

    def step(self):
        if self.next_row == 0:
            shuffle(self.order, self.rng)
        rows = self.order[self.next_row:self.next_row + BATCH_SIZE]
        x = train_x[rows[rank::world]]  # this process's rows of the minibatch
        # A process's sum over its rows times world / rows: DistributedDataParallel's average of the
        # gradients is then the whole minibatch's mean, as Netlab's loss is a mean over the rows.
        loss = F.binary_cross_entropy_with_logits(self.trained(x), x, reduction="sum") * world / len(rows)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.next_row += len(rows)
        if self.next_row < len(self.order):
            return
        self.next_row = 0
        self.test_errors.append(self.test_error())
)PY";

}  // namespace

std::string AutoencoderRun::PytorchRefusal() const {
  return config().task != "autoencoder" ? "the " + config().task + " task's export is not the deep autoencoder's"
                                        : PytorchDataSizeRefusal(config(), data_);
}

// The run from its beginning (a fresh run of the same config): pretraining's state is not written out.
bool AutoencoderRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files,
                                   std::string& error) {
  error = error_.empty() ? PytorchRefusal() : error_;
  if (!error.empty()) return false;
  AutoencoderRun run(config_, data_);
  if (!run.trainer().pretrainer() || run.trainer().pretrainer()->dbn().layers.empty()) {
    error = "the deep autoencoder's export writes a pretrained one, and this run has no RBM to start from";
    return false;
  }
  const Config& c = config_;
  const TaskData& data = run.data();
  const DeepAutoencoderSettings& s = run.trainer().settings();
  const DbnPretraining pretraining = DeepAutoencoderPretraining(s);
  const Rbm& first = run.trainer().pretrainer()->dbn().layers.front();
  std::string sizes;
  for (int units : pretraining.hidden_sizes) sizes += (sizes.empty() ? "" : ", ") + std::to_string(units);

  std::vector<ScriptSection> sections;
  {
    std::string code = PytorchArgumentsCode("Netlab's deep autoencoder run in PyTorch", "");
    code += "VISIBLE = " + std::to_string(data.inputs()) + "  # the data's columns\n";
    code += "HIDDEN_SIZES = [" + sizes + "]  # layers, then latent: each RBM's hidden units, bottom to top (the last is the code)\n";
    code += std::string("LINEAR_CODE = ") + (pretraining.linear_top ? "True" : "False") +
            "  # the code RBM's hidden units are linear with Gaussian noise, so the code is not squashed into [0, 1]\n";
    code += "CODE_LEARNING_RATE = " + PyFloat(pretraining.top_learning_rate) +
            "  # the code RBM's CD step (Netlab's choice: its unbounded units are less stable under CD)\n";
    code += "EPOCHS = " + std::to_string(pretraining.epochs) + "  # pretrain_epochs: passes of CD per RBM\n";
    code += PytorchCdSettingsCode(c, pretraining.rbm, run.rng_state());
    code += "FINE_TUNE_EPOCHS = " + std::to_string(s.fine_tune_epochs) + "  # Netlab's: passes of fine-tuning, then the run ends\n";
    code += "FINE_TUNE_RATE, BETAS, EPSILON = " + PyFloat(s.optimizer.learning_rate) + ", (" + PyFloat(s.optimizer.beta1) +
            ", " + PyFloat(s.optimizer.beta2) + "), " + PyFloat(s.optimizer.epsilon) + "  # Netlab's Adam for fine-tuning\n";
    code += PytorchStepsPerEpochCode(run.StepsPerEpoch()) + PytorchCdProcessesCode();
    sections.push_back(PytorchSettingsSection(config_text, code, 0, "",
                                              " or, where no key sets it, Netlab's recipe's "
                                              "(boltzmann/deep_autoencoder.h). Under torchrun each process learns its "
                                              "rank and the number of processes here."));
  }
  sections.push_back(PytorchRandomSection(
      "Netlab draws the minibatches, every sample of contrastive divergence (Bernoulli hidden units, and the code "
      "units' Gaussian noise) and the initial weights of each RBM after the first from one stream: splitmix64, with "
      "a Fisher-Yates shuffle for the orders. The same generator here, started where Netlab's stood after drawing "
      "the first RBM, gives the same numbers in the same order.",
      kPytorchCdRandomCode));
  const PytorchData rows = PytorchCdData(c, data_, ", its class (unused)", sections);
  sections.push_back({"The RBMs and their pretraining",
                      "Each RBM's three tensors (W, visible x hidden as Netlab keeps it, and the two biases) and its "
                      "contrastive-divergence update written out, exactly as Netlab's Rbm::TrainStep orders its float "
                      "operations. As in the paper's code, CD starts at the data and each reconstruction is the mean "
                      "p(v | h), only h sampled. The pretrainer trains the RBMs one after the other, each on the hidden "
                      "probabilities of the one below; the top one, the code, has linear units.",
                      std::string(kPytorchRbmCode) + kPytorchWeightsCode + kPytorchPretrainerCode});
  sections.push_back({"Unrolling and fine-tuning",
                      "Once pretrained, the RBMs are unrolled into a deep autoencoder (the encoder W_1 .. W_L, the "
                      "decoder W_L^T .. W_1^T) which backprop fine-tunes with autograd and Adam. PCA with as many "
                      "components as the code has units is its linear baseline (the paper's Fig. 2).",
                      std::string(kPytorchStackCode) + kPytorchPcaCode + kFineTuningCode});
  sections.push_back({"Evaluation",
                      "The report line netlab --headless prints: while pretraining, the RBM being trained and its "
                      "epochs; then the pass of fine-tuning, the test error now, when unrolled, and PCA's.",
                      PytorchPhasesReportCode() + R"PY(        return f"{prefix} phase=pretraining layer={pretrainer.layer + 1} layer_epoch={pretrainer.epochs_done(pretrainer.layer)}"
    return (f"{prefix} phase=fine_tuning fine_tuning_epoch={len(fine.test_errors)} test_error={number(fine.test_error())} "
            f"unrolled_error={number(fine.unrolled_error)} pca_error={number(PCA_ERROR)}")
)PY"});
  sections.push_back({"Training",
                      "Each step is one CD update of the RBM being pretrained, or once all are, one minibatch of "
                      "fine-tuning; after its last pass the run ends and further steps do nothing. Under torchrun "
                      "each process takes every world-th row of the minibatch: for CD it samples those rows with its "
                      "share of the same random numbers and the processes add their sums; for fine-tuning "
                      "DistributedDataParallel adds their gradients.",
                      PytorchPretrainingLoopStart(", LINEAR_CODE and len(HIDDEN_SIZES) == 1",
                                                  ", LINEAR_CODE, CODE_LEARNING_RATE if LINEAR_CODE else 0.0",
                                                  "updates = 0\n") +
                          R"PY(        updates += 1
    elif not fine.done():
        fine.step()
        updates += 1
)PY" + PytorchLoopEnd("updates", R"PY(nn.ModuleDict({"rbms": pretrainer.rbms, **({"autoencoder": fine.autoencoder} if fine else {})}))PY",
                      false)});

  const std::string weights = PytorchRbmWeightsJson(config_text, 0, first);
  files = PytorchFolder(
      PytorchCdAbout("A Netlab deep autoencoder run", kHeadline,
                     "the rows, the RBMs pretrained greedily by contrastive divergence in plain tensor operations, "
                     "unrolled into a deep autoencoder and fine-tuned by backprop, against PCA",
                     rows, "step=... epoch=... phase=pretraining layer=... layer_epoch=...",
                     " Fine-tuning's autoencoder is wrapped in DistributedDataParallel, which adds the gradients. "
                     "weights.json holds the bottom RBM; the later RBMs are drawn from Netlab's stream when their turn "
                     "comes."),
      config_text, sections, rows.csv, weights);
  return true;
}

}  // namespace netlab
