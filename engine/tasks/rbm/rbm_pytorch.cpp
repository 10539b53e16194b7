// RbmRun's PyTorch export (train.py, notebook.ipynb, data.csv, weights.json in Netlab's layout and a
// README). Contrastive divergence is written in plain tensor operations (export/pytorch_cd.h), its samples
// drawn from a port of Netlab's stream, so train.py prints netlab --headless's report lines:
// tests/export/pytorch_boltzmann_test.sh compares them.
#include "export/pytorch_cd.h"
#include "export/pytorch_script.h"
#include "tasks/rbm/rbm_run.h"

namespace netlab {
namespace {

const char* kHeadline =
    "# A Netlab RBM run, exported to PyTorch: the same rows, initial weights, minibatch order and samples, and\n"
    "# contrastive divergence written out in tensor operations, so the same steps print the same reconstruction\n"
    "# errors as `netlab --headless` (within float rounding). Read it top to bottom; each section says which\n"
    "# config key its values come from.\n";

}  // namespace

std::string RbmRun::PytorchRefusal() const {
  return config().task != "rbm" ? "the " + config().task + " task's export is not the RBM's"
                                : PytorchDataSizeRefusal(config(), data_);
}

bool RbmRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  const Config& c = config();
  error = error_.empty() ? PytorchRefusal() : error_;
  if (!error.empty()) return false;

  std::vector<ScriptSection> sections;
  {
    std::string code = PytorchArgumentsCode("Netlab's RBM run in PyTorch", "") + "VISIBLE, HIDDEN = " +
                       std::to_string(rbm_.visible()) + ", " + std::to_string(rbm_.hidden()) +
                       "  # the data's columns; layers: the hidden units\n";
    code += PytorchCdSettingsCode(c, settings_, rng_state()) + PytorchStepsPerEpochCode(StepsPerEpoch()) +
            PytorchCdProcessesCode();
    sections.push_back(PytorchSettingsSection(
        config_text, code, steps(), "momentum starts afresh and the minibatches from where Netlab's stream stands",
        ". Under torchrun each process learns its rank and the number of processes here."));
  }
  sections.push_back(PytorchRandomSection(
      "Netlab draws its minibatches with splitmix64 and a Fisher-Yates shuffle, and every sample of contrastive "
      "divergence from the same stream: a unit is on when a uniform number is below its probability. The same "
      "generator here, started where Netlab's stood after drawing the initial weights, gives the same minibatches "
      "and the same samples in the same order; uniforms and normals draw a whole matrix of numbers at once.",
      kPytorchCdRandomCode));
  const PytorchData rows = PytorchCdData(
      c, data_, " (an image's pixels row by row), its class (unused: the RBM learns the images alone)", sections);
  {
    const std::string code =
        std::string(kPytorchRbmCode) + kPytorchWeightsCode + "\n\nrbm = starting_rbm(VISIBLE, HIDDEN)\n";
    sections.push_back({"The RBM and contrastive divergence",
                        "The RBM's three tensors (W, visible x hidden as Netlab keeps it; the visible biases b; the "
                        "hidden biases c) and its training step written out: the positive phase p(h | v) on the "
                        "data, the negative phase from k Gibbs steps (CD-k) or from persistent chains (PCD), and "
                        "the update with momentum and weight decay, exactly as Netlab's Rbm::TrainStep orders its "
                        "float operations. Sampling compares a uniform with a probability, so the probabilities "
                        "are computed as Netlab computes them: the products summed in double and rounded, the "
                        "sigmoid's exponential as C's.",
                        code});
  }
  sections.push_back({"Evaluation",
                      "The report line netlab --headless prints: the mean squared error of one mean-field "
                      "reconstruction p(v | p(h | v)) of the test rows.",
                      std::string(kPytorchNumberCode) +
                          "\n\ndef report_line(step):\n"
                          "    return (f\"step={step} epoch={number(step / STEPS_PER_EPOCH)} \"\n"
                          "            f\"test_reconstruction_error={number(rbm.reconstruction_error(test_x))}\")\n"});
  sections.push_back({"Training",
                      "Each step draws Netlab's next minibatch and makes one CD update. Under torchrun each process "
                      "takes every world-th row of the minibatch, samples those rows with its share of the same "
                      "random numbers, and the processes add their sums before the update, so every process holds "
                      "the same RBM.",
                      R"PY(rng = Rng(RNG_STATE)  # one stream: the shuffles and every sample, in Netlab's order
batches = Minibatches(len(train_x), rng)
diverged = ""
)PY" + PytorchLoopStart("0") + R"PY(    rows = batches.next(BATCH_SIZE)
    rbm.train_step(train_x[rows[rank::world]], len(rows), rng, LEARNING_RATE)
    if not bool(torch.isfinite(rbm.weights).all()):
        diverged = "A weight became NaN or infinite: lower the learning rate and press Reset."
)PY" + PytorchLoopEnd("s", "rbm")});

  files = PytorchFolder(
      PytorchCdAbout("A Netlab RBM run", kHeadline,
                     "the rows, the RBM and its initial weights, contrastive divergence in plain tensor operations, "
                     "and the order of the minibatches and samples",
                     rows, "step=... epoch=... test_reconstruction_error=...", ""),
      config_text, sections, rows.csv, PytorchRbmWeightsJson(config_text, steps(), rbm_));
  return true;
}

}  // namespace netlab
