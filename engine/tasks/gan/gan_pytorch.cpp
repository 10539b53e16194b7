// GanRun's PyTorch export (train.py, notebook.ipynb, the ring's mode centres in data.csv, weights.json
// and a README). The generator and the discriminator are written out layer by layer (models/gan.h); the
// real points and both batches of noise come from a port of Netlab's splitmix64 Rng and its Box-Muller
// draws, in Netlab's order, and the two optimizers keep their own learning rates, so train.py prints
// netlab --headless's report lines: tests/export/pytorch_generative_test.sh compares them.
#include <cmath>

#include "core/json_text.h"
#include "export/pytorch_generative.h"
#include "export/pytorch_script.h"
#include "tasks/gan/gan_run.h"

namespace netlab {
namespace {

const char* kHeadline =
    "# A Netlab GAN on a ring of Gaussians, exported to PyTorch: the same generator and discriminator, initial\n"
    "# weights, losses, two optimizers, real points and noise, so the same steps print the same losses and\n"
    "# mode scores as `netlab --headless` (within float rounding). Read it top to bottom; each section says\n"
    "# which config key its values come from.\n";

// models/gan.cpp's Mlp: inputs -> hidden -> hidden -> outputs, a leaky ReLU after each hidden dense layer
// (the dense blocks of network_builder.cpp with Netlab's slope 0.01), whatever activation the config names.
PythonNet WriteMlp(int inputs, int hidden, int outputs, const std::string& output_comment) {
  PythonNet net;
  LayerConfig block;
  block.units = hidden;
  block.activation = "leaky_relu";
  net.DenseBlock(block, 1, inputs);
  net.DenseBlock(block, 2, hidden);
  net.Linear("output", hidden, outputs, output_comment);
  net.forward += "        return self.output(x)\n";
  return net;
}

}  // namespace

std::string GanRun::PytorchRefusal() const {
  const Config& c = config();
  if (c.task != "gan") return "the " + c.task + " task's export is not the GAN's";
  return PytorchOptimizerRefusal(c.optimizer.kind);
}

bool GanRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  const Config& c = config();
  error = error_.empty() ? PytorchRefusal() : error_;
  if (!error.empty()) return false;
  Gan& gan = *gan_;
  const int noise = c.family.latent, hidden = c.hidden.empty() ? 64 : c.hidden[0].units;
  const int discriminator_hidden = c.family.discriminator_units;
  constexpr int kModes = GanRun::kModes;

  // data.csv: each mode's centre as SampleRingOfGaussians (models/gan.cpp) computes it, in float: the
  // angle 2 pi m / modes and then r cos, r sin, rounded as Netlab rounds them.
  std::string csv = "mode,x,y\n";
  for (int m = 0; m < kModes; ++m) {
    const float angle = 6.2831853f * float(m) / float(kModes);
    csv += std::to_string(m) + "," + PyFloat(GanRun::kRadius * std::cos(angle)) + "," +
           PyFloat(GanRun::kRadius * std::sin(angle)) + "\n";
  }

  PythonNet generator = WriteMlp(noise, hidden, 2, "a point (x, y)");
  PythonNet discriminator = WriteMlp(2, discriminator_hidden, 1, "a logit: sigma(D(x)) is the chance that x is real");
  PythonNet both;
  AppendPrefixed(both, generator, "generator.");
  AppendPrefixed(both, discriminator, "discriminator.");
  std::vector<ParameterRef> parameters = gan.generator.Parameters();
  for (const ParameterRef& p : gan.discriminator.Parameters()) parameters.push_back(p);
  std::string weights, penalized_prefixed;
  if (!PytorchWeightsJson(both, parameters, {}, config_text, updates(), weights, penalized_prefixed, error)) {
    error = "the GAN's export: " + error;
    return false;
  }
  // The weights AdamW decays by their names inside either module (the two share them: dense1, dense2, output).
  std::string penalized;
  for (size_t i = 0; i < generator.parameters.size(); ++i)
    if (parameters[i].is_weight) penalized += (penalized.empty() ? "" : ", ") + JsonString(generator.parameters[i].name);

  const Config update = UpdateWithoutExtras(c);
  // The settings, by config key.
  std::string code = PytorchArgumentsCode("Netlab's GAN on a ring of Gaussians in PyTorch",
                                          "none here: netlab --predict has no GAN outputs either");
  code += "BATCH_SIZE = " + std::to_string(c.batch_size) + "  # batch_size: real points, and generated ones, per step\n";
  code += "LEARNING_RATE = " + PyNum(c.optimizer.learning_rate) + "  # learning_rate: the generator's step\n";
  code += "DISCRIMINATOR_LEARNING_RATE = " + PyNum(c.family.discriminator_learning_rate) +
          "  # discriminator_learning_rate: its own step (Heusel et al. 2017's two time scales)\n";
  code += "NOISE = " + std::to_string(noise) + "  # latent: the noise z's dimensions\n";
  code += "# The GAN updates on the raw gradients at constant rates: no penalties, clipping or schedule.\n" +
          PytorchUpdateSettingsCode(update);
  code += "STREAM = " + PyHex(stream_start()) + "  # Netlab's Rng after it drew the initial weights (seed=" +
          std::to_string(c.seed) + "): the real points and the noise\n";
  code += "MODES, RADIUS, SPREAD = " + std::to_string(kModes) + ", " + PyFloat(GanRun::kRadius) + ", " +
          PyFloat(GanRun::kSpread) + "  # the ring: its Gaussians, their circle's radius and standard deviation\n";
  code += "REPORT_POINTS, REPORT_NOISE_SEED = " + std::to_string(GanRun::kReportPoints) + ", " +
          std::to_string(GanRun::kReportNoiseSeed) + "  # what a report measures: generated points, fixed noise\n";
  const char* restarts = "the optimizers start afresh and the points and noise in the run's first order";
  std::vector<ScriptSection> sections = PytorchGenerativeStart(config_text, code, updates(), restarts,
      "Netlab draws each step's real points, then the noise of the discriminator's generated points, then the noise "
      "of the generator's, from one splitmix64 generator (normals by Box-Muller in double, rounded to float). The "
      "same generator here, started where Netlab's stood after drawing the initial weights, gives the same numbers "
      "in the same order, so the two runs can be compared step by step.");
  // The data.
  sections.push_back(
      {"The data",
       "The real points: a ring of 8 Gaussians (the mode-collapse benchmark of Metz et al. 2017), drawn afresh every "
       "step. data.csv holds each mode's centre as Netlab computes it in float; a point is a mode drawn uniformly, "
       "then its centre plus Gaussian noise of standard deviation SPREAD in each coordinate, in float as Netlab adds it.",
       "def read_centres(path):\n"
       "    \"\"\"data.csv: each mode's centre (r cos(2 pi m / MODES), r sin(2 pi m / MODES)), as Netlab computes it.\"\"\"\n"
       "    with open(path, newline=\"\") as f:\n"
       "        rows = list(csv.DictReader(f))\n"
       "    return torch.tensor([[float(r[\"x\"]), float(r[\"y\"])] for r in rows], dtype=torch.float32)\n\n\n"
       "CENTRES = read_centres(os.path.join(HERE, \"data.csv\"))\n\n\n"
       "def sample_ring(count, rng):\n"
       "    \"\"\"SampleRingOfGaussians: for each point a mode (rng.below), then a normal for x and one for y.\"\"\"\n"
       "    modes, offsets = [], []\n"
       "    for _ in range(count):\n"
       "        modes.append(rng.below(MODES))\n"
       "        offsets.append((normal(rng), normal(rng)))\n"
       "    offsets = torch.tensor(offsets, dtype=torch.float32)\n"
       "    return CENTRES[modes] + torch.tensor(SPREAD, dtype=torch.float32) * offsets  # in float, as Netlab\n"});
  // The networks.
  {
    std::string code =
        PytorchModuleCode("Generator",
                          "G(z): noise of NOISE values -> " + std::to_string(hidden) + " -> " + std::to_string(hidden) +
                              " leaky ReLU units (layers) -> a point.",
                          generator, "x") +
        "\n\n" +
        PytorchModuleCode("Discriminator",
                          "D(x): a point -> " + std::to_string(discriminator_hidden) + " -> " +
                              std::to_string(discriminator_hidden) + " leaky ReLU units (discriminator_units) -> a logit.",
                          discriminator, "x") +
        "\n\n"
        "class Net(nn.Module):\n"
        "    \"\"\"The two players (Goodfellow et al. 2014), trained in turn by their own optimizers.\"\"\"\n\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.generator = Generator()\n"
        "        self.discriminator = Discriminator()\n";
    code += PytorchPenalizedCode("AdamW's decay acts on in either module (not the biases).", penalized);
    code +=
        "\n\ndef initialize(model):\n"
        "    \"\"\"How Netlab drew the weights (models/gan.cpp): He normal before each leaky ReLU, Xavier normal for the\n"
        "    output layers, biases 0. Used only with --fresh-init: PyTorch's generator is not Netlab's.\"\"\"\n"
        "    for name, layer in model.named_modules():\n"
        "        if isinstance(layer, nn.Linear):\n"
        "            fan_out, fan_in = layer.weight.shape\n"
        "            std = math.sqrt(2 / (fan_in + fan_out)) if name.endswith(\"output\") else math.sqrt(2 / fan_in)\n"
        "            nn.init.normal_(layer.weight, 0.0, std)\n"
        "            nn.init.zeros_(layer.bias)\n";
    code += kPytorchWeightsCode;
    sections.push_back({"The networks",
                        "The generator and the discriminator of models/gan.h, written out: two hidden dense layers "
                        "each, with leaky ReLU (slope 0.01). Netlab keeps a dense layer's weights as an (in, out) "
                        "matrix and computes x W + b; nn.Linear keeps (out, in) and computes x W^T + b, so "
                        "weights.json holds them transposed.",
                        code});
  }
  sections.push_back({"The losses",
                      "The discriminator minimises -log sigma(D(x)) - log(1 - sigma(D(G(z)))) on real x and generated "
                      "G(z); the generator the non-saturating -log sigma(D(G(z))) (the same fixed point, stronger "
                      "gradients early on). Netlab's losses are means over the batch; here each is a sum, divided by "
                      "the global batch size in the training loop, so that processes holding parts of a batch add up "
                      "to the whole.",
                      "def bce_sum(logits, label):\n"
                      "    \"\"\"sum of log(1 + e^z) - t z = -t log sigma(z) - (1 - t) log(1 - sigma(z)), t the label (1: real).\"\"\"\n"
                      "    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, label), reduction=\"sum\")\n"});
  {
    ScriptSection optimizer = PytorchOptimizerSection(update);
    optimizer.explanation += " Each player has its own optimizer of this kind: the generator's at learning_rate, the "
                             "discriminator's at discriminator_learning_rate.";
    sections.push_back(optimizer);
  }
  // Evaluation and the report line.
  {
    std::string code =
        "REPORT_NOISE = normals(Rng(REPORT_NOISE_SEED), REPORT_POINTS, NOISE)  # the same z every report\n"
        "MODE_X = torch.tensor([RADIUS * math.cos(6.283185307179586 * m / MODES) for m in range(MODES)], dtype=torch.float64)\n"
        "MODE_Y = torch.tensor([RADIUS * math.sin(6.283185307179586 * m / MODES) for m in range(MODES)], dtype=torch.float64)\n\n\n"
        "def mode_scores(generator):\n"
        "    \"\"\"On generated points (fixed noise, so the numbers move with the weights only), in double:\n"
        "    the mean distance to the nearest mode, and the modes that got at least a quarter of their fair share of\n"
        "    the points within a third of the distance 2 r sin(pi / MODES) between neighbouring modes.\"\"\"\n"
        "    with torch.no_grad():\n"
        "        points = generator(REPORT_NOISE.to(device)).cpu().double()\n"
        "    distances = torch.hypot(points[:, :1] - MODE_X, points[:, 1:] - MODE_Y)  # (points, modes)\n"
        "    mean_distance = float(distances.min(dim=1).values.sum()) / len(points)\n"
        "    reach = 2.0 * RADIUS * math.sin(3.141592653589793 / MODES) / 3.0\n"
        "    fair_quarter = int(len(points) / MODES / 4.0)\n"
        "    covered = int(((distances < reach).sum(dim=0) >= fair_quarter).sum())\n"
        "    return mean_distance, covered\n\n\n" +
        std::string(kPytorchNumberCode) +
        "\n\ndef report_line(generator, step, discriminator_loss, generator_loss):\n"
        "    \"\"\"The losses are those of the last step (0 before the first).\"\"\"\n"
        "    mode_distance, modes_covered = mode_scores(generator)\n"
        "    return (f\"step={step} discriminator_loss={number(discriminator_loss)} generator_loss={number(generator_loss)} \"\n"
        "            f\"mode_distance={number(mode_distance)} modes_covered={modes_covered}\")\n";
    sections.push_back(PytorchEvaluationSection(code));

    // The training loop.
    code = PytorchModelCode() + R"PY(generator, discriminator = model.generator, model.discriminator
parallel = nn.parallel.DistributedDataParallel
generator_trained = parallel(generator) if distributed else generator
discriminator_trained = parallel(discriminator) if distributed else discriminator
generator_optimizer = make_optimizer(generator)
discriminator_optimizer = make_optimizer(discriminator)
set_learning_rate(discriminator, discriminator_optimizer, DISCRIMINATOR_LEARNING_RATE)
)PY" + PytorchNoPredictCode("the GAN", "gan") + R"PY(
stream = Rng(STREAM)
step, discriminator_loss, generator_loss, diverged = 0, 0.0, 0.0, ""
)PY" + PytorchLoopStart("generator, step, discriminator_loss, generator_loss") + R"PY(    # Each process takes every world-th row of the global batch (real points and noise); the losses are
    # scaled so that the gradients DistributedDataParallel averages are the whole batch's mean.
    real = sample_ring(BATCH_SIZE, stream)[rank::world].to(device)

    # The discriminator's step: real points labelled 1, generated ones 0, both halves' gradients summed.
    # The generator's output is a constant here: only D's weights move.
    with torch.no_grad():
        fake = generator(normals(stream, BATCH_SIZE, NOISE)[rank::world].to(device))
    logits = discriminator_trained(torch.cat([real, fake]))
    real_logits, fake_logits = logits[:len(real)], logits[len(real):]
    loss = (bce_sum(real_logits, 1.0) + bce_sum(fake_logits, 0.0)) * world / BATCH_SIZE
    discriminator_optimizer.zero_grad()
    loss.backward()
    discriminator_optimizer.step()
    d_sum = float(bce_sum(real_logits.detach().double(), 1.0) + bce_sum(fake_logits.detach().double(), 0.0))

    # The generator's step: push D(G(z)) towards "real" through the discriminator just updated, whose
    # weights do not move here (no gradient is kept for them).
    discriminator.requires_grad_(False)
    generated_logits = discriminator(generator_trained(normals(stream, BATCH_SIZE, NOISE)[rank::world].to(device)))
    discriminator.requires_grad_(True)
    loss = bce_sum(generated_logits, 1.0) * world / BATCH_SIZE
    generator_optimizer.zero_grad()
    loss.backward()
    generator_optimizer.step()
    g_sum = float(bce_sum(generated_logits.detach().double(), 1.0))
    step += 1

    losses = torch.tensor([d_sum, g_sum], dtype=torch.float64)
    if distributed:
        torch.distributed.all_reduce(losses)  # the whole batch's sums
    discriminator_loss, generator_loss = (losses / BATCH_SIZE).tolist()
    if not (math.isfinite(discriminator_loss) and math.isfinite(generator_loss)):
        diverged = "A loss became NaN or infinite: lower the learning rates and press Reset."
)PY" + PytorchLoopEnd("generator, step, discriminator_loss, generator_loss", "model");
    sections.push_back({"Training",
                        "Each step draws Netlab's real points, takes one discriminator step on them and on generated "
                        "points, then one generator step through the updated discriminator, each player with its own "
                        "optimizer. A report line every --report-every steps, in netlab --headless's format. Under "
                        "torchrun each process computes part of every batch and DistributedDataParallel adds their "
                        "gradients.",
                        code});
  }

  files = PytorchFolder(
      {"A Netlab GAN", kHeadline,
       "the ring of Gaussians, the generator and the discriminator, their initial weights, the two losses, the two "
       "optimizers and the order of the random draws",
       "the centres of the ring's 8 Gaussians, as Netlab computes them",
       "the weights both networks start from (Netlab's initial draw, or the trained ones), nn.Linear layout",
       "step=... discriminator_loss=... generator_loss=... mode_distance=... modes_covered=...",
       "the same real points and noise in the same order, and numbers equal to float rounding, though a GAN is a game "
       "whose small differences can grow over longer runs",
       PytorchDdpNote("computes part of every batch") + ".",
       "`--fresh-init` draws new weights with PyTorch's generator instead of loading Netlab's; `--save out.json` keeps "
       "the trained weights. There is no `--predict`: Netlab's GAN has none either."},
      config_text, sections, csv, weights);
  return true;
}

}  // namespace netlab
