#include "tasks/rbm/rbm_pytorch.h"

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

std::string RbmPytorchRefusal(const Config& c) {
  if (c.task != "rbm") return "the " + c.task + " task's export is not the RBM's";
  return PytorchCdDataRefusal(c);
}

bool ExportRbmPytorch(RbmRun& run, const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  const Config& c = run.config();
  error = RbmPytorchRefusal(c);
  if (error.empty()) error = PytorchCdDataRefusal(run.data());
  if (!error.empty()) return false;
  const TaskData& data = run.data();
  const Rbm& rbm = run.rbm();

  std::vector<ScriptSection> sections;
  {
    std::string code = PytorchCdArgumentsCode("Netlab's RBM run in PyTorch");
    code += "VISIBLE, HIDDEN = " + std::to_string(rbm.visible()) + ", " + std::to_string(rbm.hidden()) +
            "  # the data's columns; layers: the hidden units\n";
    code += PytorchCdSettingsCode(c, run.settings(), run.rng_state());
    code += "STEPS_PER_EPOCH = " + std::to_string(run.StepsPerEpoch()) +
            "  # minibatches in one pass over the training rows (the report's epoch counts them)\n";
    code += kPytorchCdDistributedCode;
    sections.push_back({"Settings",
                        "The values of the Netlab config this run comes from:\n\n" + PyIndented(config_text) +
                            "\n\nThe command line chooses how long to train and where; everything else is the config's. "
                            "Under torchrun each process learns its rank and the number of processes here." +
                            (run.steps() > 0
                                 ? " The weights are Netlab's after " + std::to_string(run.steps()) +
                                       " steps; momentum starts afresh and the minibatches from where Netlab's stream "
                                       "stands, so from here the numbers are not those of Netlab's run going on."
                                 : std::string()),
                        code});
  }
  sections.push_back({"Netlab's random numbers",
                      "Netlab draws its minibatches with splitmix64 and a Fisher-Yates shuffle, and every sample of "
                      "contrastive divergence from the same stream: a unit is on when a uniform number is below its "
                      "probability. The same generator here, started where Netlab's stood after drawing the initial "
                      "weights, gives the same minibatches and the same samples in the same order; uniforms and "
                      "normals draw a whole matrix of numbers at once.",
                      std::string(kPytorchRngCode) + kPytorchCdRandomCode});
  sections.push_back({"The data",
                      "data.csv holds the rows Netlab trains and tests on (dataset=" + c.data.kind + ", seed=" +
                          std::to_string(c.seed) + "), split as Netlab split them and in its order: the training "
                          "rows, then the test rows. Each row is its values in [0, 1] (an image's pixels row by row), "
                          "its class (unused: the RBM learns the images alone) and its set.",
                      kPytorchCdDataCode});
  {
    std::string code = std::string(kPytorchRbmCode) + kPytorchWeightsCode +
                       "\n\nrbm = Rbm(VISIBLE, HIDDEN)\n"
                       "if args.fresh_init:\n"
                       "    initialize_rbm(rbm, None)\n"
                       "else:\n"
                       "    load_weights(rbm, os.path.join(HERE, \"weights.json\"))\n"
                       "rbm.to(device)\n";
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
if rank == 0:
    print(report_line(0))
for step in range(1, args.steps + 1):
    rows = batches.next(BATCH_SIZE)
    rbm.train_step(train_x[rows[rank::world]], len(rows), rng, LEARNING_RATE)
    if not bool(torch.isfinite(rbm.weights).all()):
        diverged = "A weight became NaN or infinite: lower the learning rate and press Reset."
    if (step % args.report_every == 0 or step == args.steps) and rank == 0:
        print(report_line(step))
    if diverged:
        break

if args.save and rank == 0:
    save_weights(rbm, args.save)
if distributed:
    torch.distributed.destroy_process_group()
if diverged:
    if rank == 0:
        print(f"error: {diverged}")
    sys.exit(1)
)PY"});

  const std::string weights = PytorchCdWeightsJson(
      config_text, run.steps(),
      {{"weights", &rbm.weights}, {"visible_bias", &rbm.visible_bias}, {"hidden_bias", &rbm.hidden_bias}});
  const std::string intro =
      "# A Netlab RBM run in PyTorch\n\n"
      "The same experiment as the Netlab config below, written out: the rows, the RBM and its initial weights, "
      "contrastive divergence in plain tensor operations, and the order of the minibatches and samples. Run the "
      "cells in order; the last one trains and prints the report lines Netlab prints.\n\n" + PyIndented(config_text);
  files = PytorchFiles(PytorchPreamble(kHeadline), intro, sections, PytorchCdDataCsv(data), weights,
                       PytorchCdReadme("A Netlab RBM run", config_text, "step=... epoch=... test_reconstruction_error=...", ""));
  return true;
}

}  // namespace netlab
