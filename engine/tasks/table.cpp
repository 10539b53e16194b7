#include "tasks/table.h"

#include <algorithm>

#include "config/settings.h"

#include "tasks/attention/attention_run.h"
#include "tasks/autoencoder/autoencoder_run.h"
#include "tasks/char_transformer/char_transformer_run.h"
#include "tasks/classify/classify_run.h"
#include "tasks/dbm/dbm_run.h"
#include "tasks/dbn/dbn_run.h"
#include "tasks/diffusion_2d/diffusion_2d_run.h"
#include "tasks/dqn/dqn_run.h"
#include "tasks/flow/flow_run.h"
#include "tasks/gan/gan_run.h"
#include "tasks/gumbel_vae/gumbel_vae_run.h"
#include "tasks/made/made_run.h"
#include "tasks/perceptron/perceptron_run.h"
#include "tasks/playground/playground_run.h"
#include "tasks/rbm/rbm_run.h"
#include "tasks/sbn/sbn_run.h"
#include "tasks/sequence/sequence_run.h"
#include "tasks/vae/vae_run.h"
#include "tasks/xor_by_hand/xor_by_hand_run.h"

namespace netlab {
namespace {

// Every run is made from its config and the data it names (a run that draws its own reads none).
template <class Run>
std::unique_ptr<TaskRun> MakeRun(const Config& config, const TaskData& data) {
  return std::make_unique<Run>(config, data);
}

// The keys most runs read together: an optimizer's (which of them matter depends on its kind), the
// update step's schedule, penalties and clipping (train/update_step.h), and contrastive divergence's.
constexpr const char* kOptimizerKeys = "optimizer learning_rate momentum beta1 beta2 epsilon rho weight_decay temperature";
constexpr const char* kUpdateKeys = "schedule decay_steps gamma l1 l2 clip_norm";
constexpr const char* kCdKeys = "learning_rate momentum l2 batch_size cd_k persistent";

// The settings a task reads: the space-separated keys, the entries of `own` replacing theirs.
std::vector<TaskSetting> Reads(const std::string& keys, const std::vector<TaskSetting>& own = {}) {
  std::vector<TaskSetting> settings;
  for (size_t at = 0; at < keys.size();) {
    const size_t end = std::min(keys.find(' ', at), keys.size());
    if (end > at) settings.push_back({keys.substr(at, end - at)});
    at = end + 1;
  }
  for (const TaskSetting& o : own)
    for (TaskSetting& s : settings)
      if (s.key == o.key) s = o;
  return settings;
}

}  // namespace

const std::vector<Task>& Tasks() {
  const std::string opt = kOptimizerKeys, update = kUpdateKeys, cd = kCdKeys;
  static const std::vector<Task> tasks = {
      {"playground", "2-D playground", "supervised",
       "points in the plane, a dense network (TensorFlow Playground's setting)", {},
       {"playground", "backprop", "gradient_check", "layers", "errors", "race", "compare"}, "playground",
       kWeights | kOnnx | kPredict | kDatasetCsv | kNetworks | kPytorch, MakeRun<PlaygroundRun>,
       {LayerForm::kBlocks, 0, kMaxHiddenLayers, "hidden layer"},
       Reads("dataset samples noise train_fraction points features layers output_activation loss initializer "
             "init_scale " + opt + " " + update + " validation_fraction patience batch_size seed"),
       ValidatePlayground},
      {"classify", "Classify images or rows", "supervised",
       "any stack of dense, convolution and pooling layers, softmax output", {"digits", "iris", "fashion", "file"},
       {"training", "model", "errors", "layers", "gradient_check"}, "digits-cnn",
       kWeights | kOnnx | kPredict | kNetworks | kPytorch, MakeRun<ClassifyRun>,
       {LayerForm::kStack, 1, kMaxStackLayers, "layer"},
       Reads("dataset data_file seed label_noise layers loss initializer init_scale " + opt + " " + update + " batch_size"),
       ValidateClassify},
      {"sequence", "Sequence model", "sequences", "an LSTM, GRU or plain RNN continuing sine waves", {"sine"},
       {"model", "layers", "gradient_check"}, "lstm-sine", kWeights | kOnnx | kNetworks | kPytorch,
       MakeRun<SequenceRun>,
       {LayerForm::kRecurrent, 1, 1, "recurrent cell"},
       Reads("noise seed layers sequence_length " + opt + " clip_norm batch_size", {{"noise", "Wave noise"}})},
      {"attention", "Attention", "sequences",
       "a sequence-to-sequence toy that learns to reverse through dot-product attention", {"reverse"}, {"model"},
       "attention-reverse", kWeights, MakeRun<AttentionRun>, {LayerForm::kSizes, 1, 1, "dense layer (its width)"},
       Reads("seed layers sequence_length vocabulary " + opt + " batch_size", {{"sequence_length", nullptr, 2, 12}})},
      {"char-transformer", "Character transformer", "sequences",
       "a small GPT: causal self-attention over characters, trained to predict the next one", {"gpl-3"},
       {"training", "samples", "attention"},
       "char-transformer", kWeights, MakeRun<CharTransformerRun>,
       {LayerForm::kSizes, 1, 1, "dense layer (the model width)"},
       Reads("dataset seed layers blocks heads context dropout tied_output " + opt +
             " schedule decay_steps gamma warmup_steps batch_size"),
       ValidateCharTransformer},
      {"vae", "Variational autoencoder", "generative", "its latent map and the decoded grid",
       {"digits", "fashion", "file"}, {"model", "layers", "gradient_check"}, "vae-digits",
       kWeights | kOnnx | kNetworks | kPytorch, MakeRun<VaeRun>, {LayerForm::kSizes, 1, 1, "hidden layer"},
       Reads("dataset data_file seed layers latent kl_weight " + opt + " batch_size")},
      {"gumbel-vae", "Categorical VAE", "generative",
       "a VAE with a discrete latent, trained through the Gumbel-softmax relaxation", {"digits", "fashion", "file"},
       {"model"}, "gumbel-vae", kWeights, MakeRun<GumbelVaeRun>, {LayerForm::kSizes, 1, 1, "hidden layer"},
       Reads("dataset data_file seed layers latent categories gumbel_temperature gumbel_temperature_min gumbel_anneal " +
                 opt + " batch_size",
             {{"latent", "Groups", 1, 16, 1, 8}}),
       ValidateGumbelVae},
      {"gan", "GAN", "generative", "a generator against a discriminator on a ring of Gaussians", {"ring"},
       {"model", "layers", "gradient_check"}, "gan-ring", kWeights | kOnnx | kNetworks | kPytorch, MakeRun<GanRun>,
       {LayerForm::kSizes, 1, 1, "generator layer"},
       Reads("seed layers latent discriminator_units discriminator_learning_rate " + opt + " batch_size",
             {{"latent", "Noise size"}, {"learning_rate", "Generator step"}})},
      {"flow", "Normalizing flow", "generative",
       "planar or coupling flows fitted to a 2-D density by exact maximum likelihood",
       {"two_moons", "ring", "checkerboard", "gaussian", "drawn"}, {"model"}, "coupling-flow", 0,
       MakeRun<FlowRun>, {LayerForm::kSizes, 1, 1, "dense layer (the width of its coupling networks)"},
       Reads("dataset points seed flow flow_layers layers learning_rate batch_size",
             {{"dataset", "Target"}, {"layers", "Coupling width", 0, 0, 0, 0, "flow=planar"}, {"batch_size", nullptr, 0, 0, 16, 1024}}),
       ValidateFlow},
      {"diffusion-2d", "Diffusion model", "generative",
       "a denoising diffusion model (DDPM): noise added in T steps, a network learns to take it away",
       {"two_moons", "ring", "checkerboard", "gaussian", "drawn"}, {"forward", "reverse", "density", "compare"}, "diffusion-2d",
       kWeights, MakeRun<Diffusion2dRun>, {LayerForm::kSizes, 1, 4, "hidden layer"},
       Reads("dataset points seed layers diffusion_steps noise_schedule diffusion_compare " + opt + " batch_size",
             {{"dataset", "Target"}, {"batch_size", nullptr, 0, 0, 16, 1024}}),
       ValidateDiffusion2d},
      {"made", "MADE", "generative",
       "an autoregressive density on binary digits, its exact log-likelihood beside an RBM's", {"digits", "fashion"},
       {"model"}, "made-digits", kWeights, MakeRun<MadeRun>, {LayerForm::kSizes, 1, 4, "hidden layer"},
       Reads("dataset data_file seed layers rbm_hidden cd_k persistent " + opt + " batch_size",
             {{"cd_k", "RBM CD-k"}, {"persistent", "RBM persistent CD"}}),
       ValidateMade},
      {"autoencoder", "Deep autoencoder", "generative",
       "DBN-pretrained, unrolled and fine-tuned; against PCA with the same code size", {"digits", "fashion", "file"},
       {"model", "layers", "gradient_check"}, "autoencoder-digits", kNetworks | kPytorch, MakeRun<AutoencoderRun>,
       {LayerForm::kSizes, 1, 4, "RBM"},
       Reads("dataset data_file seed layers latent pretrain_epochs " + cd, {{"latent", "Code size"}})},
      {"rbm", "RBM", "energy-based", "a binary restricted Boltzmann machine trained with CD-k or persistent CD",
       {"digits", "fashion", "file"}, {"model"}, "rbm-digits", kWeights | kPytorch, MakeRun<RbmRun>,
       {LayerForm::kSizes, 1, 1, "hidden layer"}, Reads("dataset data_file seed layers " + cd)},
      {"dbn", "Deep belief net", "energy-based",
       "RBMs pretrained layer by layer, then a classifier and a deep autoencoder", {"digits", "fashion", "file"},
       {"model", "layers", "gradient_check"}, "dbn-digits", kNetworks | kPytorch, MakeRun<DbnRun>, {LayerForm::kSizes, 1, 4, "RBM"},
       Reads("dataset data_file seed layers pretrain_epochs " + cd)},
      {"dbm", "Deep Boltzmann machine", "energy-based",
       "two hidden layers: mean-field posteriors, persistent chains, an exact bound", {"digits", "fashion"},
       {"model"}, "dbm-digits", kWeights, MakeRun<DbmRun>, {LayerForm::kSizes, 2, 2, "hidden layer"},
       Reads("dataset data_file seed layers learning_rate momentum l2 batch_size cd_k",
             {{"cd_k", "Gibbs sweeps per update"}}),
       ValidateDbm},
      {"sbn", "Sigmoid belief net", "energy-based",
       "Gibbs inference and explaining away; a DBN's samples beside its RBM's dreams", {"digits", "fashion", "file"},
       {"model"}, "sigmoid-belief-net", 0, MakeRun<SbnRun>, {LayerForm::kSizes, 1, 4, "RBM"},
       Reads("dataset data_file seed layers pretrain_epochs " + cd)},
      {"dqn", "Deep Q-learning", "reinforcement",
       "an agent learns a grid world: replay memory, epsilon-greedy, a target network", {"gridworld"}, {"model"},
       "dqn-gridworld", kWeights, MakeRun<DqnRun>, {LayerForm::kSizes, 1, 4, "hidden layer"},
       Reads("seed layers discount epsilon_start epsilon_end epsilon_decay_moves initializer init_scale " + opt +
             " batch_size")},
      {"perceptron", "Perceptron", "lessons",
       "one unit on 2-D points: Rosenblatt's threshold rule beside the sigmoid's gradient rule", {"separable", "xor"},
       {"model"}, "perceptron", 0, MakeRun<PerceptronRun>, {LayerForm::kNone, 0, 0, ""},
       Reads("dataset samples noise seed perceptron_rule perceptron_update learning_rate",
             {{"samples", "Points", 0, 0, kMinSamples, 200},
              {"noise", "Spread"},
              {"learning_rate", "Step (eta)", 0, 0, 1e-3, 10}})},
      {"xor-by-hand", "XOR by hand", "lessons",
       "the four XOR points: the least-squares line, and a 2-2-1 ReLU net with every weight by hand", {"xor"},
       {"model"}, "xor-by-hand", 0, MakeRun<XorByHandRun>, {LayerForm::kNone, 0, 0, ""},
       Reads("seed xor_init xor_train learning_rate xor_w11 xor_w12 xor_w21 xor_w22 xor_c1 xor_c2 xor_w1 xor_w2 xor_b",
             {{"learning_rate", "Step (eta)", 0, 0, 1e-3, 1},
              {"xor_w11", nullptr, 0, 0, 0, 0, "xor_init=random"}, {"xor_w12", nullptr, 0, 0, 0, 0, "xor_init=random"},
              {"xor_w21", nullptr, 0, 0, 0, 0, "xor_init=random"}, {"xor_w22", nullptr, 0, 0, 0, 0, "xor_init=random"},
              {"xor_c1", nullptr, 0, 0, 0, 0, "xor_init=random"}, {"xor_c2", nullptr, 0, 0, 0, 0, "xor_init=random"},
              {"xor_w1", nullptr, 0, 0, 0, 0, "xor_init=random"}, {"xor_w2", nullptr, 0, 0, 0, 0, "xor_init=random"},
              {"xor_b", nullptr, 0, 0, 0, 0, "xor_init=random"}})},
  };
  return tasks;
}

bool TaskSetting::ShownFor(const Config& config) const {
  if (!unless) return true;
  const std::string rule = unless;
  const size_t equals = rule.find('=');
  const Setting* setting = FindSetting(rule.substr(0, equals));
  return !setting || setting->write(config) != rule.substr(equals + 1);
}

bool Task::Reads(const std::string& key) const { return SettingOf(key) != nullptr; }

const TaskSetting* Task::SettingOf(const std::string& key) const {
  for (const TaskSetting& s : settings)
    if (key == s.key) return &s;
  return nullptr;
}

const Task* FindTask(const std::string& name) {
  for (const Task& t : Tasks())
    if (name == t.name) return &t;
  return nullptr;
}

bool Task::ReadsFiles() const {
  for (const std::string& kind : data)
    if (IsLoadedData(kind)) return true;
  return false;
}

std::string TasksWith(Capability c) {
  std::string with;
  for (const Task& t : Tasks())
    if (t.Can(c)) with += std::string(with.empty() ? "" : ", ") + t.name;
  return with;
}

std::string LacksCapability(const Task& task, Capability c) {
  return std::string("the ") + task.name + " task: it has no " + CapabilityName(c) + " (available for: " + TasksWith(c) + ")";
}

const char* CapabilityName(Capability c) {
  switch (c) {
    case kWeights: return "weights files";
    case kOnnx: return "ONNX export";
    case kPredict: return "outputs to predict";
    case kDatasetCsv: return "data table to write";
    case kNetworks: return "networks to check";
    case kPytorch: return "PyTorch export";
  }
  return "?";
}

}  // namespace netlab
