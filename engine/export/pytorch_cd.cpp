#include "export/pytorch_cd.h"

#include <cstdio>

#include "core/json_text.h"
#include "export/pytorch_script.h"

namespace netlab {

std::string PytorchCdWeightsJson(const std::string& config_text, long step,
                                 const std::vector<std::pair<std::string, const Matrix*>>& tensors) {
  std::string json = "{\"format\": \"netlab-pytorch-1\", \"config\": " + JsonString(config_text) + ", \"step\": " +
                     std::to_string(step) + ", \"tensors\": {";
  for (size_t t = 0; t < tensors.size(); ++t) {
    const Matrix& m = *tensors[t].second;
    json += (t ? ",\n  " : "\n  ") + JsonString(tensors[t].first) + ": [";
    for (Eigen::Index i = 0; i < m.size(); ++i) json += (i ? ", " : "") + JsonNumber(m.data()[i]);  // row by row
    json += "]";
  }
  return json + "\n}}\n";
}

std::string PytorchRbmWeightsJson(const std::string& config_text, long step, const Rbm& rbm) {
  return PytorchCdWeightsJson(config_text, step,
                              {{"weights", &rbm.weights}, {"visible_bias", &rbm.visible_bias}, {"hidden_bias", &rbm.hidden_bias}});
}

std::string PytorchCdSettingsCode(const Config& c, const RbmTrainingSettings& s, uint64_t rng_state) {
  std::string code;
  code += "BATCH_SIZE = " + std::to_string(c.batch_size) + "  # batch_size\n";
  code += "CD_K = " + std::to_string(s.gibbs_steps) + "  # cd_k: Gibbs steps of the negative phase (at least 1)\n";
  code += std::string("PERSISTENT = ") + (s.persistent ? "True" : "False") +
          "  # persistent: chains kept between updates (Tieleman 2008) instead of restarted at the data\n";
  code += std::string("SAMPLE_VISIBLE = ") + (s.sample_visible ? "True" : "False") +
          (s.sample_visible ? "  # CD starts at a binary sample of the data and samples v at every step\n"
                            : "  # CD starts at the data and reconstructs v as p(v | h) (Hinton & Salakhutdinov 2006)\n");
  code += "LEARNING_RATE = " + PyFloat(s.learning_rate) + "  # learning_rate\n";
  code += "MOMENTUM = " + PyFloat(s.momentum) + "  # momentum\n";
  code += "WEIGHT_DECAY = " + PyFloat(s.weight_decay) + "  # l2: weight decay on W\n";
  code += "RNG_STATE = " + PyHex(rng_state) + "  # Netlab's stream after it drew the initial weights (seed=" +
          std::to_string(c.seed) + ")\n";
  return code;
}

std::string PytorchCdProcessesCode() {
  return "\n" + std::string(kPytorchProcessesCode) + R"PY(

def all_reduce(t):
    """The sum of t over the processes (t itself in one)."""
    if distributed:
        torch.distributed.all_reduce(t)
    return t
)PY";
}

const char* const kPytorchCdRandomCode = R"PY(

GOLDEN = 0x9E3779B97F4A7C15  # splitmix64's increment


def _signed(v):
    """A 64-bit pattern as the int64 that holds it."""
    return v - (1 << 64) if v >= 1 << 63 else v


def _shift(z, s):
    """z >> s for 64-bit patterns held in int64: a logical shift (the sign's copies masked off)."""
    return (z >> s) & ((1 << (64 - s)) - 1)


def _draws(rng, count):
    """rng's next count draws (Rng.next_bits) at once, as int64 patterns: splitmix64's k-th draw mixes
    state + k * GOLDEN, and int64 arithmetic wraps as C++'s uint64_t does."""
    k = torch.arange(1, count + 1, dtype=torch.int64)
    z = _signed(rng.state) + k * _signed(GOLDEN)
    z = (z ^ _shift(z, 30)) * _signed(0xBF58476D1CE4E5B9)
    z = (z ^ _shift(z, 27)) * _signed(0x94D049BB133111EB)
    rng.state = (rng.state + count * GOLDEN) & MASK
    return z ^ _shift(z, 31)


def uniforms(rng, count):
    """count of Rng::Uniform() in order: the top 24 bits of each draw over 2^24, exact in float."""
    return _shift(_draws(rng, count), 40).float() / 16777216.0


def normals(rng, count):
    """count of Rng::Normal() in order: Box-Muller from two draws each, in double with C's log and cos
    (Python's math calls them, as Netlab does), rounded to float."""
    bits = _shift(_draws(rng, 2 * count), 11).tolist()
    return torch.tensor([math.sqrt(-2.0 * math.log((bits[2 * i] + 1.0) * (1.0 / 9007199254740993.0))) *
                         math.cos(6.283185307179586 * (bits[2 * i + 1] * (1.0 / 9007199254740992.0)))
                         for i in range(count)], dtype=torch.float64).float()
)PY";

PytorchData PytorchCdData(const Config& c, const TaskData& data, const std::string& label_use,
                          std::vector<ScriptSection>& sections) {
  PytorchData rows = PytorchDataFor(c, data, true, "its values in [0, 1]" + label_use + " and its set");
  sections.push_back({"The data", rows.source, rows.code});
  return rows;
}

const char* const kPytorchRbmCode = R"PY(def sigmoid(x):
    """Netlab's logistic in float (nn/logistic.h): 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below. e^-|x|
    is taken in double and rounded, which is what C's expf returns as Netlab calls it (torch's float exp
    may differ by an ulp): a sample compares a uniform with this probability, and one ulp could flip it."""
    e = torch.exp(-x.abs().double()).float()
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def product(a, b):
    """a @ b summed in double and rounded once: the same floats whichever rows a process holds and whatever
    BLAS or GPU sums them. Netlab's float sums (Eigen's order) lie within a few ulps of it."""
    return (a.double() @ b.double()).float()


def bernoulli(p, rows, rng):
    """Each entry 1 with probability p (SampleBernoulli): uniform < p, one of Netlab's uniforms per entry of
    the whole minibatch of `rows` rows, row by row. A process holds the rows rank::world of p and takes
    those rows of the draws: every process's stream stays in step and the samples are one process's."""
    u = uniforms(rng, rows * p.shape[1]).view(rows, p.shape[1])[rank::world]
    return (u.to(p.device) < p).float()


class Rbm(nn.Module):
    """A binary RBM (Smolensky 1986; Hinton 2002; engine/boltzmann/rbm.h) with energy
    E(v, h) = -b.v - c.h - v W h: p(h_j = 1 | v) = sigmoid(c_j + v W_j), p(v_i = 1 | h) = sigmoid(b_i + W_i h).
    With linear_hidden the hidden units are linear with unit-variance Gaussian noise, h ~ N(c + v W, 1) (the
    deep autoencoder's code layer). Its tensors take no gradient: contrastive divergence follows no loss."""

    def __init__(self, visible, hidden, linear_hidden=False):
        super().__init__()
        self.weights = nn.Parameter(torch.zeros(visible, hidden), requires_grad=False)  # W: visible x hidden
        self.visible_bias = nn.Parameter(torch.zeros(visible), requires_grad=False)  # b
        self.hidden_bias = nn.Parameter(torch.zeros(hidden), requires_grad=False)  # c
        self.linear_hidden = linear_hidden
        self.velocity = None  # momentum's steps for W, b, c
        self.chains = None  # persistent CD's particles (this process's rows of them) and their number

    def hidden_probabilities(self, v):
        """E[h | v]: sigmoid(c + v W), or c + v W for linear units."""
        a = product(v, self.weights) + self.hidden_bias
        return a if self.linear_hidden else sigmoid(a)

    def visible_probabilities(self, h):
        return sigmoid(product(h, self.weights.t()) + self.visible_bias)

    def sample_hidden(self, mean, rows, rng):
        """h ~ p(h | v) given its mean: Bernoulli, or mean + N(0, 1) for linear units (Netlab's normals)."""
        if not self.linear_hidden:
            return bernoulli(mean, rows, rng)
        return mean + normals(rng, rows * mean.shape[1]).view(rows, -1)[rank::world].to(mean.device)

    def gibbs_step(self, v, rows, rng):
        """v -> h ~ p(h | v) -> v ~ p(v | h)."""
        return bernoulli(self.visible_probabilities(self.sample_hidden(self.hidden_probabilities(v), rows, rng)), rows, rng)

    def reconstruction_error(self, v):
        """Mean over the rows of ||v - p(v | p(h | v))||^2: the usual (and only loosely related) progress signal."""
        r = self.visible_probabilities(self.hidden_probabilities(v))
        return float(((v - r).double() ** 2).sum()) / max(len(v), 1)

    def train_step(self, batch, n, rng, learning_rate):
        """One CD-k or persistent-CD update (Rbm::TrainStep) on a minibatch of n rows, of which this process
        holds `batch` (its rows rank::world)."""
        positive_hidden = self.hidden_probabilities(batch)
        if PERSISTENT:
            # Tieleman's particles: started once from a sample of the first minibatch and kept, whatever the
            # number of rows of later minibatches.
            if self.chains is None:
                self.chains = (bernoulli(batch, n, rng), n)
            negative, m = self.chains
            for _ in range(max(CD_K, 1)):
                negative = self.gibbs_step(negative, m, rng)
            self.chains = (negative, m)
        elif SAMPLE_VISIBLE:  # CD-k (Hinton 2002): k Gibbs steps from a binary sample of the data
            negative, m = bernoulli(batch, n, rng), n
            for _ in range(max(CD_K, 1)):
                negative = self.gibbs_step(negative, m, rng)
        else:  # v = the data; h ~ p(h | v), v = p(v | h), k times (Hinton & Salakhutdinov 2006's rbm.m)
            negative, m = batch, n
            for _ in range(max(CD_K, 1)):
                negative = self.visible_probabilities(self.sample_hidden(self.hidden_probabilities(negative), n, rng))
        negative_hidden = self.hidden_probabilities(negative)
        # The sums over the rows, in double and added over the processes, then rounded to float: <v h^T>,
        # <v> and <h> in the data (n rows) and in the model's samples (m chains).
        sums = [all_reduce(a.double().t() @ b.double()).float() for a, b in ((batch, positive_hidden), (negative, negative_hidden))]
        sums += [all_reduce(a.double().sum(0)).float() for a in (batch, negative, positive_hidden, negative_hidden)]
        # Gradient ascent on log p(v) (Hinton's practical guide):
        #   dW = <v h^T>_data - <v h^T>_model - l2 W,   db = <v>_data - <v>_model,   dc = <h>_data - <h>_model,
        # with momentum: velocity <- momentum velocity + learning_rate d, then parameter <- parameter + velocity.
        gradients = [sums[0] / n - sums[1] / m - WEIGHT_DECAY * self.weights, sums[2] / n - sums[3] / m,
                     sums[4] / n - sums[5] / m]
        if self.velocity is None:
            self.velocity = [torch.zeros_like(g) for g in gradients]
        for parameter, velocity, gradient in zip((self.weights, self.visible_bias, self.hidden_bias), self.velocity, gradients):
            velocity.copy_(MOMENTUM * velocity + learning_rate * gradient)
            parameter += velocity


def initialize_rbm(rbm, rng):
    """Rbm::Initialize: W ~ N(0, 0.01^2) drawn from Netlab's stream row by row, biases 0 (Hinton's practical
    guide); from PyTorch's generator with --fresh-init."""
    visible, hidden = rbm.weights.shape
    w = torch.randn(visible, hidden) if args.fresh_init else normals(rng, visible * hidden).view(visible, hidden)
    rbm.weights.copy_(torch.tensor(0.01) * w)
    rbm.visible_bias.zero_()
    rbm.hidden_bias.zero_()


def starting_rbm(visible, hidden, linear_hidden=False):
    """The RBM weights.json holds (Netlab's, as the run stood), or with --fresh-init one of PyTorch's draw."""
    rbm = Rbm(visible, hidden, linear_hidden)
    if args.fresh_init:
        initialize_rbm(rbm, None)
    else:
        load_weights(rbm, os.path.join(HERE, "weights.json"))
    return rbm.to(device)
)PY";

const char* const kPytorchPretrainerCode = R"PY(

class Pretrainer:
    """Greedy layer-wise pretraining (Hinton, Osindero & Teh 2006; engine/boltzmann/dbn.h, DbnPretrainer),
    one CD update a step. Each RBM trains EPOCHS passes over its input, the rows reshuffled at every pass's
    start (the order carried over from the last pass) and the pass's last minibatch shorter; then the next
    RBM learns from this one's p(h | v) of every training row. `first` is the bottom RBM (weights.json's);
    the others are drawn from the run's stream when their turn comes, as Netlab draws them."""

    def __init__(self, data, sizes, first, rng, linear_top=False, top_learning_rate=0.0):
        self.input, self.sizes, self.rng = data, sizes, rng
        self.linear_top, self.top_learning_rate = linear_top, top_learning_rate
        self.order = list(range(len(data)))
        self.errors = [None] * len(sizes)  # each layer's reconstruction error after its latest pass
        self.rbms = nn.ModuleList()
        self.layer = self.epoch = self.next_row = 0
        self.start_layer(first)

    def done(self):
        return self.layer >= len(self.sizes)

    def start_layer(self, rbm=None):
        """Stacks the next RBM; one with no epochs to train is stacked untrained, and the next one follows."""
        while True:
            if rbm is None:
                top = self.layer + 1 == len(self.sizes)
                rbm = Rbm(self.input.shape[1], self.sizes[self.layer], top and self.linear_top)
                initialize_rbm(rbm, self.rng)
            self.rbms.append(rbm.to(device))
            rbm = None
            self.epoch = self.next_row = 0
            if EPOCHS > 0:
                return
            self.input = self.rbms[-1].hidden_probabilities(self.input)
            self.layer += 1
            if self.done():
                return

    def step(self):
        """One CD update of the RBM being trained on its next minibatch; True when it ended a pass."""
        rbm = self.rbms[-1]
        if self.next_row == 0:
            shuffle(self.order, self.rng)
        rows = self.order[self.next_row:self.next_row + BATCH_SIZE]
        top = self.layer + 1 == len(self.sizes)
        rate = self.top_learning_rate if top and self.top_learning_rate > 0 else LEARNING_RATE
        rbm.train_step(self.input[rows[rank::world]], len(rows), self.rng, rate)
        self.next_row += len(rows)
        if self.next_row < len(self.order):
            return False
        self.errors[self.layer] = rbm.reconstruction_error(self.input)
        self.next_row = 0
        self.epoch += 1
        if self.epoch < EPOCHS:
            return True
        self.input = rbm.hidden_probabilities(self.input)  # the next RBM's data
        self.layer += 1
        if not self.done():
            self.start_layer()
        return True

    def epochs_done(self, layer):
        return EPOCHS if layer < self.layer else self.epoch if layer == self.layer else 0
)PY";

const char* const kPytorchStackCode = R"PY(

def xavier_normal(rng, fan_in, fan_out):
    """Netlab's xavier_normal (nn/initializer.cpp, Glorot & Bengio 2010): N(0, 2 / (fan_in + fan_out)) drawn
    from rng row by row as a (fan_in, fan_out) matrix, the deviation's sqrt taken in float as Netlab's."""
    w = torch.randn(fan_in, fan_out) if args.fresh_init else normals(rng, fan_in * fan_out).view(fan_in, fan_out)
    return torch.sqrt(torch.tensor(2.0) / (fan_in + fan_out)) * w


class Stack(nn.Module):
    """Dense layers, each but the last followed by a sigmoid unless told otherwise (boltzmann/dbn.cpp's
    networks). Each layer is given as Netlab's (W, b), W (in, out) and y = x W + b; nn.Linear keeps W^T."""

    def __init__(self, layers, sigmoids):
        super().__init__()
        self.dense = nn.ModuleList()
        for w, b in layers:
            linear = nn.Linear(w.shape[0], w.shape[1])
            with torch.no_grad():
                linear.weight.copy_(w.t())
                linear.bias.copy_(b)
            self.dense.append(linear)
        self.sigmoids = sigmoids  # after which layers a sigmoid follows

    def forward(self, x):
        for dense, squash in zip(self.dense, self.sigmoids):
            x = dense(x)
            if squash:
                x = torch.sigmoid(x)
        return x


def unroll(rbms):
    """UnrollAutoencoder (Hinton & Salakhutdinov 2006): the encoder W_1 .. W_L with the hidden biases, each
    followed by a sigmoid (none after linear code units), then the decoder W_L^T .. W_1^T with the visible
    biases, sigmoids between them; the last layer gives logits, which sigmoid cross-entropy takes."""
    encoder = [(r.weights, r.hidden_bias) for r in rbms]
    decoder = [(r.weights.t(), r.visible_bias) for r in reversed(rbms)]
    sigmoids = [not r.linear_hidden for r in rbms] + [l > 0 for l in reversed(range(len(rbms)))]
    return Stack(encoder + decoder, sigmoids).to(device)
)PY";

const char* const kPytorchPcaCode = R"PY(

def reconstruction_error(data, reconstruction):
    """Mean over the rows of ||x - x_hat||^2 (MeanSquaredReconstructionError), summed in double."""
    return float(((data - reconstruction).double() ** 2).sum()) / len(data)


def fit_pca(data, k):
    """PCA (models/pca.h): the mean and the k eigenvectors of the covariance (1/n) sum (x - mu)(x - mu)^T with
    the largest eigenvalues, computed in double; the best rank-k linear reconstruction (Eckart-Young)."""
    x = data.double()
    mean = x.mean(0)
    centred = x - mean
    values, vectors = torch.linalg.eigh(centred.t() @ centred / len(x))  # increasing eigenvalues
    return mean.float(), vectors.flip(1)[:, :k].t().float()


def pca_test_error(k):
    """PCA with k components fitted to the training rows (it needs no training: fitted at once), and its test
    error: the reconstruction mu + ((x - mu) V^T) V, V the components (k x d)."""
    mean, components = fit_pca(train_x, k)
    return reconstruction_error(test_x, ((test_x - mean) @ components.t()) @ components + mean)
)PY";

std::string PytorchPhasesReportCode() {
  return std::string(kPytorchNumberCode) + R"PY(

def report_line(step):
    prefix = f"step={step} epoch={number(step / STEPS_PER_EPOCH)}"
    if fine is None:
)PY";
}

std::string PytorchPretrainingLoopStart(const std::string& first_args, const std::string& pretrainer_args,
                                        const std::string& counters) {
  return "rng = Rng(RNG_STATE)  # one stream: the shuffles, the samples and the later RBMs, in Netlab's order\n"
         "pretrainer = Pretrainer(train_x, HIDDEN_SIZES, starting_rbm(VISIBLE, HIDDEN_SIZES[0]" + first_args + "), rng" +
         pretrainer_args + ")\n"
         "PCA_ERROR = pca_test_error(HIDDEN_SIZES[-1])\n"
         "fine = None  # FineTuning, once pretraining is over\n" + counters + "\n" + PytorchLoopStart("0") +
         "    if fine is None:\n"
         "        pretrainer.step()\n"
         "        if pretrainer.done():\n"
         "            fine = FineTuning(pretrainer.rbms, rng)\n";
}

PytorchAbout PytorchCdAbout(const std::string& title, const std::string& headline, const std::string& contents,
                            const PytorchData& data, const std::string& report, const std::string& notes) {
  return {title,
          headline,
          contents,
          data.file_line,
          "the RBM weights it starts from (Netlab's initial draw, or trained ones), in Netlab's layout",
          report,
          "the same minibatches in the same order and the same samples, drawn from a port of Netlab's random stream",
          "Each process holds some rows of every minibatch: for contrastive divergence it samples its rows (every "
          "process draws the whole minibatch's random numbers and keeps its rows', so the samples are one process's) "
          "and the processes add up their sums of v h^T, v and h before the update." + notes,
          "`--fresh-init` draws the initial weights with PyTorch's generator instead of starting from Netlab's; "
          "`--save out.json` keeps the trained weights. Netlab has no `--predict` for this task, so neither has "
          "train.py."};
}

}  // namespace netlab
