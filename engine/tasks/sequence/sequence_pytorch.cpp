// SequenceRun's PyTorch export (train.py, notebook.ipynb, the fixed validation waves in data.csv,
// weights.json and a README). The recurrent cell (LSTM, GRU or plain RNN) is written out equation by
// equation in Netlab's gate order and with its one bias per gate, so its tensors are Netlab's one to one;
// the training waves come from a port of Netlab's splitmix64 Rng and MakeSineBatch, so train.py prints
// netlab --headless's report lines: tests/export/pytorch_sequence_test.sh compares them.
#include <cstdio>

#include "config/config_text.h"
#include "core/json_text.h"
#include "export/pytorch_generative.h"
#include "export/pytorch_script.h"
#include "recurrent/sequence_task.h"
#include "tasks/sequence/sequence_run.h"

namespace netlab {
namespace {

const char* kHeadline =
    "# A Netlab sequence run, exported to PyTorch: the same sine waves, recurrent cell, initial weights, loss,\n"
    "# optimizer and clipping, so the same steps print the same losses and gradient norms as\n"
    "# `netlab --headless` (within float rounding). Read it top to bottom; each section says which config key\n"
    "# its values come from.\n";

// One recurrent cell as train.py writes it: the class, equation by equation as engine/recurrent/ computes
// it, with Netlab's tensors (W inputs x gates H, U H x gates H, one bias of gates H) under Netlab's names.
// Each cell's forward is its header's equations (engine/recurrent/lstm.h, gru.h, simple_rnn.h), summed in
// the order Netlab sums them (x W, then h U, then b; the GRU adds b before h U), and each cell's
// initialize() is Netlab's fresh draw (recurrent.h: Xavier-uniform per gate block, biases 0, then the
// cell's own start).
struct PythonCell {
  const char* kind;        // as layers= names it
  const char* class_name;  // the nn.Module below
  const char* torch_name;  // PyTorch's own module for the cell, which the class's docstring compares
  const char* docstring;   // the equations, and how torch_name differs
  int gates;               // blocks of H in W, U and b
  const char* blocks;      // their order, "i, f, o, g"
  const char* start;       // initialize()'s docstring
  const char* start_more;  // what initialize() sets after the Xavier draw, 12 spaces in
  const char* forward;     // forward(self, x), 4 spaces in
};

const PythonCell kCells[] = {
    {"lstm", "LSTMCell", "nn.LSTM", R"PY(Long short-term memory (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000),
    as engine/recurrent/lstm.h computes it:
        [a_i a_f a_o a_g] = x_t W + h_{t-1} U + b
        i = sigmoid(a_i), f = sigmoid(a_f), o = sigmoid(a_o), g = tanh(a_g)
        c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
    nn.LSTM computes the same equations but orders its gate blocks i, f, g, o, keeps W and U as (4H, in)
    and adds two biases b_ih + b_hh. Written out here, the tensors are Netlab's one to one, and Adam
    updates one bias per gate as Netlab does (two biases that add up would each take Adam's full step).)PY",
     4, "i, f, o, g",
     R"PY(Xavier-uniform per gate block, a = sqrt(6 / (fan_in + H)); the forget gate's bias at 1, so the cell
        remembers by default (Jozefowicz et al. 2015).)PY",
     "            self.bias[self.hidden:2 * self.hidden] = 1.0\n",
     R"PY(    def forward(self, x):
        """x (waves, steps, inputs) -> h_t at every step (waves, steps, H); h and c start at zero."""
        H = self.hidden
        h = c = x.new_zeros(x.shape[0], H)
        states = []
        for t in range(x.shape[1]):
            a = x[:, t] @ self.input_weights + h @ self.recurrent_weights + self.bias
            i, f, o = torch.sigmoid(a[:, :3 * H]).split(H, dim=1)
            g = torch.tanh(a[:, 3 * H:])
            c = f * c + i * g  # the additive path that lets errors travel far back
            h = o * torch.tanh(c)
            states.append(h)
        return torch.stack(states, dim=1)
)PY"},
    {"gru", "GRUCell", "nn.GRU", R"PY(Gated recurrent unit (Cho et al. 2014), as engine/recurrent/gru.h computes it:
        r = sigmoid(x_t W_r + b_r + h_{t-1} U_r)              reset gate
        z = sigmoid(x_t W_z + b_z + h_{t-1} U_z)              update gate
        n = tanh(x_t W_n + b_n + r * (h_{t-1} U_n))           candidate (reset after U_n, as cuDNN)
        h_t = (1 - z) * n + z * h_{t-1}
    nn.GRU has the same gate order (r, z, n) and equations, with two biases: its b_hn sits inside r * (...),
    where Netlab has none. Written out here, the tensors are Netlab's one to one.)PY",
     3, "r, z, n", "Xavier-uniform per gate block, a = sqrt(6 / (fan_in + H)); biases 0.", "",
     R"PY(    def forward(self, x):
        """x (waves, steps, inputs) -> h_t at every step (waves, steps, H); h starts at zero."""
        H = self.hidden
        h = x.new_zeros(x.shape[0], H)
        states = []
        for t in range(x.shape[1]):
            a = x[:, t] @ self.input_weights + self.bias
            u = h @ self.recurrent_weights
            r, z = torch.sigmoid(a[:, :2 * H] + u[:, :2 * H]).split(H, dim=1)
            n = torch.tanh(a[:, 2 * H:] + r * u[:, 2 * H:])
            h = (1 - z) * n + z * h
            states.append(h)
        return torch.stack(states, dim=1)
)PY"},
    {"rnn", "RNNCell", "nn.RNN", R"PY(Simple recurrent network (Elman 1990), as engine/recurrent/simple_rnn.h computes it:
        h_t = tanh(x_t W + h_{t-1} U + b)
    nn.RNN computes the same with two biases b_ih + b_hh; written out here, the tensors are Netlab's one
    to one. Backpropagation through time multiplies the error by U^T diag(1 - h_t^2) at every step back,
    so it shrinks or blows up geometrically (Bengio, Simard & Frasconi 1994): what the gates of the LSTM
    and the GRU avoid.)PY",
     1, "", "Xavier-uniform, a = sqrt(6 / (fan_in + H)); bias 0.", "",
     R"PY(    def forward(self, x):
        """x (waves, steps, inputs) -> h_t at every step (waves, steps, H); h starts at zero."""
        h = x.new_zeros(x.shape[0], self.hidden)
        states = []
        for t in range(x.shape[1]):
            h = torch.tanh(x[:, t] @ self.input_weights + h @ self.recurrent_weights + self.bias)
            states.append(h)
        return torch.stack(states, dim=1)
)PY"},
};

// The cell's class: its docstring, its three tensors of `gates` blocks, initialize() and forward().
std::string CellCode(const PythonCell& cell) {
  const std::string g = cell.gates > 1 ? std::to_string(cell.gates) : "", times = g.empty() ? "" : g + " * ";
  const std::string blocks = *cell.blocks ? std::string(": blocks ") + cell.blocks : "";
  return "class " + std::string(cell.class_name) + "(nn.Module):\n    \"\"\"" + cell.docstring + "\"\"\"\n\n" +
         "    def __init__(self, inputs, hidden):\n"
         "        super().__init__()\n"
         "        self.hidden = hidden\n"
         "        self.input_weights = nn.Parameter(torch.zeros(inputs, " + times + "hidden))  # W (inputs, " + g + "H)" +
         blocks + "\n"
         "        self.recurrent_weights = nn.Parameter(torch.zeros(hidden, " + times + "hidden))  # U (H, " + g + "H)\n"
         "        self.bias = nn.Parameter(torch.zeros(" + times + "hidden))  # b (" + g + "H)\n\n"
         "    def initialize(self):\n"
         "        \"\"\"" + cell.start + "\"\"\"\n"
         "        with torch.no_grad():\n"
         "            for w in (self.input_weights, self.recurrent_weights):\n"
         "                a = math.sqrt(6 / (w.shape[0] + self.hidden))\n"
         "                nn.init.uniform_(w, -a, a)\n"
         "            self.bias.zero_()\n" + cell.start_more + "\n" + cell.forward;
}

const PythonCell* FindCell(const std::string& kind) {
  for (const PythonCell& cell : kCells)
    if (kind == cell.kind) return &cell;
  return nullptr;
}

// Netlab's Rng with the draws MakeSineBatch makes. The shared port's shuffle and minibatches are left
// out: the sequence task draws fresh waves rather than passing over rows.
std::string RngCode() {
  std::string shared = kPytorchRngCode;
  const size_t shuffle = shared.find("\n\n\ndef shuffle(");
  if (shuffle != std::string::npos) shared.resize(shuffle);
  return "import struct  # f32 below: a value as C++'s float holds it\n\n" + shared + R"PY(


def f32(v):
    """v rounded to a float32, as a C++ float holds it. One +, -, * or / of two floats done in double and
    rounded to float gives the float operation's own result (double has more than 2 x 24 + 2 bits), so
    f32(a * b) is Netlab's float product."""
    return struct.unpack("f", struct.pack("f", v))[0]


def uniform(rng, low, high):
    """Rng::Uniform(low, high): the top 24 bits of a draw as a float in [0, 1), then low + (high - low) u
    in float."""
    u = (rng.next_bits() >> 40) / 16777216.0
    return f32(low + f32(f32(high - low) * u))
)PY" + kPytorchNormalCode;
}

}  // namespace

std::string SequenceRun::PytorchRefusal() const {
  const Config& c = config();
  if (c.task != "sequence") return "the " + c.task + " task's export is not the sequence task's";
  const LayerConfig cell = SequenceRun::Cell(c);
  if (!FindCell(cell.kind)) {
    std::string kinds;
    for (const PythonCell& k : kCells) kinds += (kinds.empty() ? "" : ", ") + std::string(k.kind);
    return "layers=" + LayerToText(cell) + ": the PyTorch export writes the " + kinds + " cells, not " + cell.kind;
  }
  return PytorchOptimizerRefusal(c.optimizer.kind);
}

bool SequenceRun::ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
  const Config& c = config();
  error = error_.empty() ? PytorchRefusal() : error_;
  if (!error.empty()) return false;
  const LayerConfig layer = SequenceRun::Cell(c);
  const PythonCell& cell = *FindCell(layer.kind);
  const int H = layer.units;
  const std::string units = std::to_string(H);

  // data.csv: the validation waves, one row per wave and step, in Netlab's order.
  const SineBatch& validation = this->validation();
  std::string csv = "wave,t,input,target\n";
  char line[96];
  for (Eigen::Index n = 0; n < SequenceRun::kValidationWaves; ++n)
    for (size_t t = 0; t < validation.inputs.size(); ++t) {
      std::snprintf(line, sizeof line, "%ld,%zu,%.9g,%.9g\n", long(n), t, validation.inputs[t](n, 0),
                    validation.targets[t](n, 0));  // 9 digits: the exact float
      csv += line;
    }

  // The Net: the cell, then the readout of h_t at every step (SineRegressor), in Netlab's parameter order.
  PythonNet net;
  net.init += "        self.cell = " + std::string(cell.class_name) + "(1, " + units + ")  # layers=" +
              LayerToText(layer) + ": one value in at each step, " + units + " units\n";
  net.parameters.push_back({"cell.input_weights"});
  net.parameters.push_back({"cell.recurrent_weights"});
  net.parameters.push_back({"cell.bias"});
  net.Linear("readout", H, 1, "the guess for the next value, from h_t at every step");
  net.forward += "        return self.readout(self.cell(x))  # (waves, steps, 1)\n";
  std::string weights, penalized;
  if (!PytorchWeightsJson(net, model().parameters(), {}, config_text, steps(), weights, penalized, error)) {
    error = "the sequence export: " + error;
    return false;
  }

  // The sequence task applies no penalties and no schedule (it reads neither key): the optimizer section
  // is written for a constant rate and l1 = l2 = 0.
  Config optimizer_config = UpdateWithoutExtras(c);
  optimizer_config.regularization.clip_norm = c.regularization.clip_norm;

  std::vector<ScriptSection> sections;
  // The settings, by config key.
  {
    std::string code = PytorchArgumentsCode("Netlab's sequence run in PyTorch",
                                            "each row one sequence's values, step by step; prints the guess for "
                                            "each next value");
    code += "BATCH_SIZE = " + std::to_string(c.batch_size) + "  # batch_size: waves per update\n";
    code += "SEQUENCE_LENGTH = " + std::to_string(c.family.sequence_length) + "  # sequence_length: steps per wave\n";
    code += "NOISE = " + PyFloat(c.data.noise) +
            "  # noise: Gaussian noise on the values the cell reads (not on the targets)\n";
    code += "LEARNING_RATE = " + PyNum(c.optimizer.learning_rate) + "  # learning_rate\n";
    code += "# The sequence task applies no penalties and keeps its learning rate constant.\n" +
            PytorchUpdateSettingsCode(optimizer_config);
    code += "WAVE_STREAM = " + PyHex(wave_stream_start()) +
            "  # Netlab's generator after it drew the initial weights (seed=" + std::to_string(c.seed) + ")\n";
    sections.push_back(PytorchSettingsSection(config_text, code, steps(),
                                              "the optimizer starts afresh and the waves in the run's first order"));
  }
  // Not PytorchRandomSection: the sequence task draws fresh waves rather than passing over rows.
  sections.push_back(ScriptSection{
      "Netlab's random numbers",
      "Netlab draws its initial weights and then every training wave from one splitmix64 generator. The same "
      "generator here, started where Netlab's stood after drawing the weights, draws the same waves in the same "
      "order, so the two runs can be compared step by step. Netlab computes in float: f32 rounds each operation as "
      "a float would.",
      RngCode()});
  // The data.
  {
    std::string code =
        "MIN_OMEGA, MAX_OMEGA = f32(" + PyFloat(kSineMinOmega) + "), f32(" + PyFloat(kSineMaxOmega) +
        ")  # the waves' angular frequencies (kSineMinOmega, kSineMaxOmega)\n"
        "TWO_PI = f32(6.2831853)  # the float Netlab draws the phase below\n\n\n"
        "def sine_waves(count, rng):\n"
        "    \"\"\"MakeSineBatch (engine/recurrent/sequence_task.cpp): per wave omega ~ U(MIN_OMEGA, MAX_OMEGA) and\n"
        "    phase ~ U(0, 2 pi), then at each step t the input sin(omega t + phase) (plus NOISE times a normal\n"
        "    draw) and the target, the clean next value sin(omega (t + 1) + phase). Every value a float, as\n"
        "    Netlab computes it. Returns inputs and targets, each (waves, steps, 1).\"\"\"\n"
        "    inputs, targets = [], []\n"
        "    for _ in range(count):\n"
        "        omega, phase = uniform(rng, MIN_OMEGA, MAX_OMEGA), uniform(rng, 0.0, TWO_PI)\n\n"
        "        def wave(t):\n"
        "            return f32(math.sin(f32(f32(omega * t) + phase)))\n\n"
        "        inputs.append([f32(wave(t) + f32(f32(NOISE) * f32(normal(rng)))) if NOISE > 0 else wave(t)\n"
        "                       for t in range(SEQUENCE_LENGTH)])\n"
        "        targets.append([wave(t + 1) for t in range(SEQUENCE_LENGTH)])\n"
        "    return torch.tensor(inputs).unsqueeze(2), torch.tensor(targets).unsqueeze(2)\n\n\n"
        "def read_waves(path):\n"
        "    \"\"\"data.csv: each wave's input and target at each step, wave by wave.\"\"\"\n"
        "    inputs, targets = {}, {}\n"
        "    with open(path, newline=\"\") as f:\n"
        "        for row in csv.DictReader(f):\n"
        "            inputs.setdefault(int(row[\"wave\"]), []).append(float(row[\"input\"]))\n"
        "            targets.setdefault(int(row[\"wave\"]), []).append(float(row[\"target\"]))\n"
        "    return torch.tensor(list(inputs.values())).unsqueeze(2), torch.tensor(list(targets.values())).unsqueeze(2)\n"
        "\n\n"
        "validation_x, validation_y = read_waves(os.path.join(HERE, \"data.csv\"))\n";
    sections.push_back({"The data",
                        "A wave is x_t = sin(omega t + phase) with omega and phase drawn for each wave; at every step "
                        "the network reads x_t (with noise=" + PyFloat(c.data.noise) + ") and guesses the clean "
                        "x_{t+1}. One value does not say where on the wave it is, so the cell has to infer omega and "
                        "phase from the steps so far. Every update trains on " + std::to_string(c.batch_size) +
                        " fresh waves of " + std::to_string(c.family.sequence_length) + " steps, drawn as Netlab "
                        "draws them. data.csv holds the " + std::to_string(SequenceRun::kValidationWaves) +
                        " fixed waves the validation loss reads (Netlab draws them from a generator of their own, "
                        "seed " + std::to_string(SequenceRun::kValidationSeed) + "); waves of your own can take "
                        "their place: the same columns.",
                        code});
  }
  // The network.
  {
    std::string code = CellCode(cell) + "\n\n" +
                       net.Code("layers=" + LayerToText(layer) + ": the recurrent cell, then a dense readout of "
                                "h_t at every step (SineRegressor).");
    code += PytorchPenalizedCode("AdamW's decay acts on (not the biases).", penalized) + R"PY(

def initialize(model):
    """How Netlab draws a fresh model (engine/recurrent/sequence_task.cpp): the cell's own start, then the
    readout Xavier-normal, std sqrt(2 / (H + 1)), its bias 0. Used only with --fresh-init: PyTorch's
    generator is not Netlab's, so the draw differs."""
    model.cell.initialize()
    with torch.no_grad():
        nn.init.normal_(model.readout.weight, 0.0, math.sqrt(2 / (model.cell.hidden + 1)))
        nn.init.zeros_(model.readout.bias)
)PY";
    code += kPytorchWeightsCode;
    sections.push_back({"The network",
                        "The recurrent cell of the config, written out equation by equation in Netlab's gate order "
                        "and with Netlab's one bias per gate (the cell's docstring says how PyTorch's own " +
                            std::string(cell.torch_name) +
                            " differs), so that weights.json holds Netlab's tensors as they are: W as an (inputs, "
                            "gates H) matrix, computing x W. The readout is a dense layer: Netlab keeps its weights "
                            "as (H, 1) and computes h W + b; nn.Linear keeps (1, H), so weights.json holds them "
                            "transposed. Backpropagation through time is autograd's backward through the loop.",
                        code});
  }
  sections.push_back({"The loss",
                      "The mean squared error of the guesses over every step of every wave of the batch (no 1/2: "
                      "dL/dy = 2 (y - t) / (waves x steps)). Here a sum, divided by the global count in the training "
                      "loop, so that processes holding parts of a batch add up to the whole.",
                      "def loss_sum(z, t):\n"
                      "    \"\"\"The squared errors (z - t)^2, summed over waves and steps.\"\"\"\n"
                      "    return ((z - t) ** 2).sum()\n"});
  sections.push_back(PytorchOptimizerSection(optimizer_config));
  // Evaluation and the report line.
  {
    std::string code =
        "def validation_loss(model):\n"
        "    \"\"\"The mean squared error on the fixed waves, without learning (summed in double, as Netlab).\"\"\"\n"
        "    model.eval()\n"
        "    with torch.no_grad():\n"
        "        z = model(validation_x.to(device)).cpu()\n"
        "    return float(((z - validation_y).double() ** 2).sum()) / validation_y.numel()\n\n\n" +
        std::string(kPytorchNumberCode) +
        "\n\ndef report_line(model, step, train_loss, gradient_norm):\n"
        "    \"\"\"train_loss and gradient_norm: the last update's (its batch's loss, its gradient's norm before\n"
        "    clipping); both 0 before the first.\"\"\"\n"
        "    return (f\"step={step} train_loss={number(train_loss)} validation_loss={number(validation_loss(model))} \"\n"
        "            f\"gradient_norm={number(gradient_norm)}\")\n";
    sections.push_back(PytorchEvaluationSection(code));

    // The training loop.
    code = PytorchDistributedCode() + R"PY(
if args.predict:
    # Teacher forcing, as the Model tab's prediction: having read values[0..t], the guess for values[t + 1].
)PY" + kPytorchPredictTableCode + R"PY(    model.eval()
    with torch.no_grad():
        for r in table:
            z = model(torch.tensor([float(v) for v in r]).view(1, -1, 1).to(device)).cpu()
            print(",".join(f"{v:.9g}" for v in z.view(-1).tolist()))
    sys.exit(0)

waves = Rng(WAVE_STREAM)
step, train_loss, gradient_norm, diverged = 0, 0.0, 0.0, ""
)PY" + PytorchLoopStart("model, step, train_loss, gradient_norm") + R"PY(    # Every process draws the whole batch, so the generator moves on as Netlab's does, then takes every
    # world-th wave; the loss is scaled so that the gradients DistributedDataParallel averages are the
    # whole batch's mean.
    x, y = sine_waves(BATCH_SIZE, waves)
    mine = slice(rank, None, world)
    trained.train()
    z = trained(x[mine].to(device))
    t = y[mine].to(device)
    loss = loss_sum(z, t) * world / y.numel()
    batch_loss = loss_sum(z.detach().double(), t.double())  # in double, as Netlab sums it
    if distributed:
        torch.distributed.all_reduce(batch_loss)  # the whole batch's sum
    train_loss = float(batch_loss) / y.numel()
    optimizer.zero_grad()
    loss.backward()
    gradient_norm = regularize_and_clip(model)  # backpropagation through time, then global-norm clipping
    if not math.isfinite(train_loss) or not math.isfinite(gradient_norm):
        diverged = ("The loss or a gradient became NaN or infinite: lower the learning rate or clip the "
                    "gradient norm.")
        break
    set_learning_rate(model, optimizer, learning_rate(step))
    optimizer.step()
    step += 1
)PY" + PytorchLoopEnd("model, step, train_loss, gradient_norm", "model");
    sections.push_back({"Training",
                        "Each step draws Netlab's next " + std::to_string(c.batch_size) +
                            " waves, runs the cell through every step of them, computes the loss and its gradient "
                            "by backpropagation through time, clips the gradient's global norm and updates the "
                            "weights. A report line every --report-every steps, in netlab --headless's format. "
                            "Under torchrun each process runs part of every batch's waves and "
                            "DistributedDataParallel adds their gradients.",
                        code});
  }

  files = PytorchFolder(
      {"A Netlab sequence run", kHeadline,
       "the sine waves, the recurrent cell, its initial weights, the loss, the optimizer and the clipping",
       "the " + std::to_string(SequenceRun::kValidationWaves) + " fixed waves the validation loss reads: wave, step t, "
       "input, target",
       "the weights it starts from (Netlab's initial draw, or the trained ones): the cell's W, U and b as Netlab holds "
       "them, the readout in nn.Linear's layout",
       "step=... train_loss=... validation_loss=... gradient_norm=...",
       "the same waves in the same order, and losses and gradient norms equal to float rounding",
       PytorchDdpNote("runs part of every batch's waves") + ".",
       "`--fresh-init` draws new weights with PyTorch's generator instead of loading Netlab's; `--predict waves.csv` "
       "prints, for each row of values, the guess for each next value having read the values so far (teacher "
       "forcing, as the Model tab predicts; netlab-headless has no --predict for this task); `--save out.json` "
       "keeps the trained weights."},
      config_text, sections, csv, weights);
  return true;
}

}  // namespace netlab
