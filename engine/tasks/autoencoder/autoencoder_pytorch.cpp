#include "tasks/autoencoder/autoencoder_pytorch.h"

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

    def __init__(self, rbms):
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

    def step(self, rng):
        if self.next_row == 0:
            shuffle(self.order, rng)
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

std::string AutoencoderPytorchRefusal(const Config& c) {
  if (c.task != "autoencoder") return "the " + c.task + " task's export is not the deep autoencoder's";
  return PytorchCdDataRefusal(c);
}

bool ExportAutoencoderPytorch(AutoencoderRun& run, const std::string& config_text, std::vector<ExportedFile>& files,
                              std::string& error) {
  const Config& c = run.config();
  error = AutoencoderPytorchRefusal(c);
  if (error.empty()) error = PytorchCdDataRefusal(run.data());
  if (error.empty() && (!run.trainer().pretrainer() || run.trainer().pretrainer()->dbn().layers.empty()))
    error = "the deep autoencoder's export writes a pretrained one, and this run has no RBM to start from";
  if (!error.empty()) return false;
  const TaskData& data = run.data();
  const DeepAutoencoderSettings& s = run.trainer().settings();
  const DbnPretraining pretraining = DeepAutoencoderPretraining(s);
  const Rbm& first = run.trainer().pretrainer()->dbn().layers.front();
  std::string sizes;
  for (int units : pretraining.hidden_sizes) sizes += (sizes.empty() ? "" : ", ") + std::to_string(units);

  std::vector<ScriptSection> sections;
  {
    std::string code = PytorchCdArgumentsCode("Netlab's deep autoencoder run in PyTorch");
    code += "VISIBLE = " + std::to_string(data.inputs()) + "  # the data's columns\n";
    code += "SIZES = [" + sizes + "]  # layers, then latent: each RBM's hidden units, bottom to top (the last is the code)\n";
    code += std::string("LINEAR_CODE = ") + (pretraining.linear_top ? "True" : "False") +
            "  # the code RBM's hidden units are linear with Gaussian noise, so the code is not squashed into [0, 1]\n";
    code += "CODE_LEARNING_RATE = " + PyFloat(pretraining.top_learning_rate) +
            "  # the code RBM's CD step (Netlab's choice: its unbounded units are less stable under CD)\n";
    code += "EPOCHS = " + std::to_string(pretraining.epochs) + "  # pretrain_epochs: passes of CD per RBM\n";
    code += PytorchCdSettingsCode(c, pretraining.rbm, run.rng_state());
    code += "FINE_TUNE_EPOCHS = " + std::to_string(s.fine_tune_epochs) + "  # Netlab's: passes of fine-tuning, then the run ends\n";
    code += "FINE_TUNE_RATE, BETAS, EPSILON = " + PyFloat(s.optimizer.learning_rate) + ", (" + PyFloat(s.optimizer.beta1) +
            ", " + PyFloat(s.optimizer.beta2) + "), " + PyFloat(s.optimizer.epsilon) + "  # Netlab's Adam for fine-tuning\n";
    code += "STEPS_PER_EPOCH = " + std::to_string(run.StepsPerEpoch()) +
            "  # minibatches in one pass over the training rows (the report's epoch counts them)\n";
    code += kPytorchCdDistributedCode;
    sections.push_back({"Settings",
                        "The values of the Netlab config this run comes from:\n\n" + PyIndented(config_text) +
                            "\n\nThe command line chooses how long to train and where; everything else is the config's "
                            "or, where no key sets it, Netlab's recipe's (boltzmann/deep_autoencoder.h). Under torchrun "
                            "each process learns its rank and the number of processes here.",
                        code});
  }
  sections.push_back({"Netlab's random numbers",
                      "Netlab draws the minibatches, every sample of contrastive divergence (Bernoulli hidden units, and "
                      "the code units' Gaussian noise) and the initial weights of each RBM after the first from one "
                      "stream: splitmix64, with a Fisher-Yates shuffle for the orders. The same generator here, started "
                      "where Netlab's stood after drawing the first RBM, gives the same numbers in the same order.",
                      std::string(kPytorchRngCode) + kPytorchCdRandomCode});
  sections.push_back({"The data",
                      "data.csv holds the rows Netlab trains and tests on (dataset=" + c.data.kind + ", seed=" +
                          std::to_string(c.seed) + "), split as Netlab split them and in its order: the training "
                          "rows, then the test rows. Each row is its values in [0, 1], its class (unused) and its set.",
                      kPytorchCdDataCode});
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
                      std::string(kPytorchNumberCode) + R"PY(

def report_line(step):
    prefix = f"step={step} epoch={number(step / STEPS_PER_EPOCH)}"
    if fine is None:
        return f"{prefix} phase=pretraining layer={pretrainer.layer + 1} layer_epoch={pretrainer.epochs_done(pretrainer.layer)}"
    return (f"{prefix} phase=fine_tuning fine_tuning_epoch={len(fine.test_errors)} test_error={number(fine.test_error())} "
            f"unrolled_error={number(fine.unrolled_error)} pca_error={number(PCA_ERROR)}")
)PY"});
  sections.push_back({"Training",
                      "Each step is one CD update of the RBM being pretrained, or once all are, one minibatch of "
                      "fine-tuning; after its last pass the run ends and further steps do nothing. Under torchrun "
                      "each process takes every world-th row of the minibatch: for CD it samples those rows with its "
                      "share of the same random numbers and the processes add their sums; for fine-tuning "
                      "DistributedDataParallel adds their gradients.",
                      R"PY(rng = Rng(RNG_STATE)  # one stream: the shuffles, the samples and the later RBMs, in Netlab's order
first = Rbm(VISIBLE, SIZES[0], LINEAR_CODE and len(SIZES) == 1)
if args.fresh_init:
    initialize_rbm(first, None)
else:
    load_weights(first, os.path.join(HERE, "weights.json"))
pretrainer = Pretrainer(train_x, SIZES, first, rng, LINEAR_CODE, CODE_LEARNING_RATE if LINEAR_CODE else 0.0)
pca_mean, pca_components = fit_pca(train_x, SIZES[-1])  # PCA needs no training: fitted now
PCA_ERROR = pca_error(test_x, pca_mean, pca_components)
fine = None  # FineTuning, once pretraining is over

updates = 0
if rank == 0:
    print(report_line(0))
for s in range(1, args.steps + 1):
    if fine is None:
        pretrainer.step()
        if pretrainer.done():
            fine = FineTuning(pretrainer.rbms)
        updates += 1
    elif not fine.done():
        fine.step(rng)
        updates += 1
    if (s % args.report_every == 0 or s == args.steps) and rank == 0:
        print(report_line(updates))

if args.save and rank == 0:
    save_weights(nn.ModuleDict({"rbms": pretrainer.rbms, **({"autoencoder": fine.autoencoder} if fine else {})}), args.save)
if distributed:
    torch.distributed.destroy_process_group()
)PY"});

  const std::string weights = PytorchCdWeightsJson(
      config_text, 0,
      {{"weights", &first.weights}, {"visible_bias", &first.visible_bias}, {"hidden_bias", &first.hidden_bias}});
  const std::string intro =
      "# A Netlab deep autoencoder run in PyTorch\n\n"
      "The same experiment as the Netlab config below, written out: the rows, the RBMs pretrained greedily by "
      "contrastive divergence in plain tensor operations, unrolled into a deep autoencoder and fine-tuned by "
      "backprop, against PCA. Run the cells in order; the last one trains and prints the report lines Netlab "
      "prints.\n\n" + PyIndented(config_text);
  files = PytorchFiles(PytorchPreamble(kHeadline), intro, sections, PytorchCdDataCsv(data), weights,
                       PytorchCdReadme("A Netlab deep autoencoder run", config_text,
                                       "step=... epoch=... phase=pretraining layer=... layer_epoch=...",
                                       " Fine-tuning's autoencoder is wrapped in DistributedDataParallel, which adds "
                                       "the gradients. weights.json holds the bottom RBM; the later RBMs are drawn "
                                       "from Netlab's stream when their turn comes."));
  return true;
}

}  // namespace netlab
