// VaeRun's PyTorch export (train.py, notebook.ipynb, data.csv, weights.json and a README). The encoder
// and the decoder are written out layer by layer (models/vae.h); the minibatches and the
// reparameterisation noise come from a port of Netlab's splitmix64 Rng and its Box-Muller draws, in
// Netlab's order, so train.py prints netlab --headless's report lines: tests/export/pytorch_generative_test.sh
// compares them.
#include "core/json_text.h"
#include "export/pytorch_generative.h"
#include "export/pytorch_script.h"
#include "tasks/vae/vae_run.h"

namespace netlab {
namespace {

const char* kHeadline =
    "# A Netlab variational autoencoder, exported to PyTorch: the same rows, encoder and decoder, initial\n"
    "# weights, loss, optimizer, minibatch order and reparameterisation noise, so the same steps print the same\n"
    "# test -ELBO as `netlab --headless` (within float rounding). Read it top to bottom; each section says\n"
    "# which config key its values come from.\n";

// The encoder q(z|x) and the decoder p(x|z) of models/vae.h, each a tanh dense block and its linear
// heads; the block is the config's first layer's width with Netlab's tanh, whatever activation it names.
void WriteVaeNets(int inputs, int hidden, int latent, PythonNet& encoder, PythonNet& decoder) {
  LayerConfig block;
  block.units = hidden;
  block.activation = "tanh";  // models/vae.h: h = tanh(x W_e + b_e), g = tanh(z W_d + b_d)
  encoder.DenseBlock(block, 1, inputs);
  encoder.Linear("mean", hidden, latent, "mu = h W_mu + b_mu: the posterior's mean");
  encoder.Linear("log_variance", hidden, latent, "log sigma^2 = h W_v + b_v: its log-variance");
  encoder.forward += "        return self.mean(x), self.log_variance(x)\n";
  decoder.DenseBlock(block, 1, latent);
  decoder.Linear("output", hidden, inputs, "one logit per value: p(x_i | z) = Bernoulli(sigmoid(logit_i))");
  decoder.forward += "        return self.output(x)\n";
}

}  // namespace

std::string VaeRun::PytorchRefusal() const {
  const Config& c = config();
  if (c.task != "vae") return "the " + c.task + " task's export is not the VAE's";
  return PytorchOptimizerRefusal(c.optimizer.kind);
}

bool VaeRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  const Config& c = config();
  error = error_.empty() ? PytorchRefusal() : error_;
  if (error.empty()) error = PytorchDataSizeRefusal(c, data_);
  if (!error.empty()) return false;
  Vae& vae = vae_;
  const int inputs = data_.inputs(), hidden = int(vae.encoder_layer.weights.cols()), latent = vae.latent();

  PythonNet encoder, decoder, both;
  WriteVaeNets(inputs, hidden, latent, encoder, decoder);
  AppendPrefixed(both, encoder, "encoder.");
  AppendPrefixed(both, decoder, "decoder.");
  std::vector<ParameterRef> parameters;
  vae.CollectParameters(parameters);  // encoder, mean, log-variance, then the decoder's two: Net's order
  std::string weights, penalized;
  if (!PytorchWeightsJson(both, parameters, {}, config_text, updates(), weights, penalized, error)) {
    error = "the VAE's export: " + error;
    return false;
  }

  const Config update = UpdateWithoutExtras(c);
  // The settings, by config key.
  std::string code = PytorchArgumentsCode("Netlab's variational autoencoder in PyTorch",
                                          "none here: netlab --predict has no VAE outputs either") +
                     "BATCH_SIZE = " + std::to_string(c.batch_size) + "  # batch_size\n"
                     "LEARNING_RATE = " + PyNum(c.optimizer.learning_rate) + "  # learning_rate\n";
  code += "LATENT = " + std::to_string(latent) + "  # latent: the code z's dimensions\n"
          "KL_WEIGHT = " + PyNum(vae.kl_weight) + "  # kl_weight: beta (1: the ELBO; other values: a beta-VAE)\n"
          "TEST_ROWS, TEST_NOISE_SEED = " + std::to_string(VaeRun::kTestRows) + ", " +
          std::to_string(VaeRun::kTestNoiseSeed) + "  # the report's -ELBO: the first test rows, fixed noise\n"
          "# The VAE updates on the raw gradient at a constant rate: no penalties, clipping or schedule.\n" +
          PytorchUpdateSettingsCode(update) + "STREAM = " + PyHex(stream_start()) +
          "  # Netlab's Rng after it drew the initial weights (seed=" + std::to_string(c.seed) +
          "): the minibatches and the noise\n";
  std::vector<ScriptSection> sections = PytorchGenerativeStart(
      config_text, code, updates(),
      "the optimizer starts afresh and the minibatches and noise in the run's "
      "first order",
      "Netlab draws its minibatches with splitmix64 and a Fisher-Yates shuffle, and the noise eps of each minibatch "
      "from the same generator right after the minibatch's rows (Box-Muller in double, rounded to float). The same "
      "generator here, started where Netlab's stood after drawing the initial weights, gives the same minibatches "
      "and the same noise in the same order, so the two runs can be compared step by step.");
  // The data.
  const PytorchData data = PytorchDataFor(
      c, data_, false, "its values in [0, 1] (an image's pixels row by row), its class (the VAE never reads it; it colours a latent map) and its set");
  {
    const std::string code = data.code + PytorchStepsPerEpochCode(StepsPerEpoch());
    sections.push_back({"The data", data.source,
                        code});
  }
  // The network.
  {
    std::string code =
        PytorchModuleCode("Encoder",
                          "q(z|x) = N(mu, sigma^2): h = tanh(x W_e + b_e), mu = h W_mu + b_mu, log sigma^2 = h W_v + b_v.",
                          encoder, "x") +
        "\n\n" +
        PytorchModuleCode("Decoder", "p(x|z) = Bernoulli(sigmoid(logits)): g = tanh(z W_d + b_d), logits = g W_o + b_o.",
                          decoder, "x") +
        "\n\n"
        "class Net(nn.Module):\n"
        "    \"\"\"The VAE (Kingma & Welling 2014): encode, sample z = mu + sigma eps with the noise eps given, decode.\"\"\"\n\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.encoder = Encoder()\n"
        "        self.decoder = Decoder()\n\n"
        "    def forward(self, x, noise):\n"
        "        mean, log_variance = self.encoder(x)\n"
        "        # The reparameterisation: z is differentiable in mu and sigma = e^(log sigma^2 / 2); eps is an input.\n"
        "        z = mean + torch.exp(0.5 * log_variance) * noise\n"
        "        return self.decoder(z), mean, log_variance\n";
    code += PytorchPenalizedCode("AdamW's decay acts on (not the biases).", penalized);
    Config xavier = c;
    xavier.initializer = "xavier_normal";  // Vae::Initialize, whatever the config's initializer
    code += "\n\n" + PytorchInitializeCode(xavier) + kPytorchWeightsCode;
    sections.push_back({"The network",
                        "The encoder and the decoder of models/vae.h, written out: hidden layers of " +
                            std::to_string(hidden) + " tanh units (the config's first layer gives the width; the VAE's "
                            "hidden units are always tanh), a latent code of " + std::to_string(latent) +
                            " dimensions. Netlab keeps a dense layer's weights as an (in, out) matrix and computes "
                            "x W + b; nn.Linear keeps (out, in) and computes x W^T + b, so weights.json holds them "
                            "transposed.",
                        code});
  }
  sections.push_back({"The loss",
                      "The negative ELBO: the Bernoulli reconstruction error plus kl_weight times the KL divergence "
                      "of q(z|x) from N(0, I) in closed form. Netlab's loss is its mean over the rows of a batch; here "
                      "each term is a sum, divided by the global batch size in the training loop, so that processes "
                      "holding parts of a batch add up to the whole.",
                      "def elbo_terms(logits, x, mean, log_variance):\n"
                      "    \"\"\"Summed over the rows: the reconstruction error sum_i BCE(logit_i, x_i) = softplus(logit) - x logit,\n"
                      "    and KL(q(z|x) || N(0, I)) = 1/2 sum_j (mu_j^2 + sigma_j^2 - 1 - log sigma_j^2).\"\"\"\n"
                      "    reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction=\"sum\")\n"
                      "    kl = 0.5 * (mean ** 2 + log_variance.exp() - 1 - log_variance).sum()\n"
                      "    return reconstruction, kl\n"});
  sections.push_back(PytorchOptimizerSection(update));
  // Evaluation and the report line.
  {
    std::string code =
        "TEST_NOISE = normals(Rng(TEST_NOISE_SEED), min(TEST_ROWS, len(test_x)), LATENT)  # the same eps every report\n\n\n"
        "def test_loss(model):\n"
        "    \"\"\"-ELBO per row and its two terms (KL unweighted) on the first TEST_ROWS test rows with the fixed\n"
        "    noise, so that the numbers move with the weights only; summed in double, as Netlab sums them.\"\"\"\n"
        "    x = test_x[:TEST_ROWS]\n"
        "    model.eval()\n"
        "    with torch.no_grad():\n"
        "        logits, mean, log_variance = model(x.to(device), TEST_NOISE.to(device))\n"
        "    reconstruction, kl = elbo_terms(logits.cpu().double(), x.double(), mean.cpu().double(), log_variance.cpu().double())\n"
        "    reconstruction, kl = float(reconstruction) / len(x), float(kl) / len(x)\n"
        "    return reconstruction + KL_WEIGHT * kl, reconstruction, kl\n\n\n" +
        std::string(kPytorchNumberCode) +
        "\n\ndef report_line(model, step):\n"
        "    loss, reconstruction, kl = test_loss(model)\n"
        "    return (f\"step={step} epoch={number(step / STEPS_PER_EPOCH)} test_loss={number(loss)} \"\n"
        "            f\"reconstruction={number(reconstruction)} kl={number(kl)}\")\n";
    sections.push_back(PytorchEvaluationSection(code));

    // The training loop.
    code = PytorchDistributedCode() + PytorchNoPredictCode("the VAE", "vae") + R"PY(
stream = Rng(STREAM)  # one generator for the minibatches and the noise, as Netlab's run has
batches = Minibatches(len(train_x), stream)
step, diverged = 0, ""
)PY" + PytorchLoopStart("model, step") + R"PY(    rows = batches.next(BATCH_SIZE)
    noise = normals(stream, len(rows), LATENT)  # eps ~ N(0, I), a row per minibatch row, drawn after the rows
    # Each process takes every world-th row of the global batch and its noise; the loss is scaled so that
    # the gradients DistributedDataParallel averages are the whole batch's mean.
    mine = rows[rank::world]
    trained.train()
    x = train_x[mine].to(device)
    logits, mean, log_variance = trained(x, noise[rank::world].to(device))
    reconstruction, kl = elbo_terms(logits, x, mean, log_variance)
    loss = (reconstruction + KL_WEIGHT * kl) * world / len(rows)
    batch_loss = loss.detach().clone()
    if distributed:
        torch.distributed.all_reduce(batch_loss)  # the whole batch's mean, world times
    if not math.isfinite(float(batch_loss)):
        diverged = "The loss became NaN or infinite: lower the learning rate and press Reset."  # no update, as Netlab
    else:
)PY" + kPytorchUpdateCode + PytorchLoopEnd("model, step", "model");
    sections.push_back({"Training",
                        "Each step draws Netlab's next minibatch and then its noise, computes the negative ELBO and its "
                        "gradient and updates the weights. A report line every --report-every steps, in netlab "
                        "--headless's format. Under torchrun each process computes part of every minibatch (with its "
                        "rows of the noise) and DistributedDataParallel adds their gradients.",
                        code});
  }

  files = PytorchFolder(
      {"A Netlab variational autoencoder", kHeadline,
       "the rows, the encoder and decoder, their initial weights, the negative ELBO, the optimizer, the order of the "
       "minibatches and the noise of the reparameterisation",
       data.file_line, "the weights it starts from (Netlab's initial draw, or the trained ones), nn.Linear layout",
       "step=... epoch=... test_loss=... reconstruction=... kl=...",
       "the same minibatches and the same noise in the same order, and losses equal to float rounding",
       PytorchDdpNote("computes part of every minibatch") + ".",
       "`--fresh-init` draws new weights with PyTorch's generator instead of loading Netlab's; `--save out.json` keeps "
       "the trained weights. There is no `--predict`: Netlab's VAE has none either."},
      config_text, sections, data.csv, weights);
  return true;
}

}  // namespace netlab
