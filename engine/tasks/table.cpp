#include "tasks/table.h"

#include "tasks/attention/attention_run.h"
#include "tasks/autoencoder/autoencoder_run.h"
#include "tasks/classify/classify_run.h"
#include "tasks/dbm/dbm_run.h"
#include "tasks/dbn/dbn_run.h"
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

namespace netlab {
namespace {

// The runs whose constructor takes (config, data) or (config) alone, as the table's make_run.
template <class Run>
std::unique_ptr<TaskRun> WithData(const Config& config, const TaskData& data) {
  return std::make_unique<Run>(config, data);
}
template <class Run>
std::unique_ptr<TaskRun> WithoutData(const Config& config, const TaskData&) {
  return std::make_unique<Run>(config);
}

}  // namespace

const std::vector<Task>& Tasks() {
  static const std::vector<Task> tasks = {
      {"playground", "2-D playground", "supervised",
       "points in the plane, a dense network (TensorFlow Playground's setting)", {},
       {"playground", "backprop", "gradient_check", "layers", "errors", "race"}, "playground",
       kWeights | kOnnx | kPredict | kDatasetCsv | kNetworks, MakePlaygroundRun},
      {"classify", "Classify images or rows", "supervised",
       "any stack of dense, convolution and pooling layers, softmax output", {"digits", "iris", "fashion", "file"},
       {"training", "model", "errors", "layers", "gradient_check"}, "digits-cnn",
       kWeights | kOnnx | kPredict | kNetworks, WithData<ClassifyRun>},
      {"sequence", "Sequence model", "sequences", "an LSTM, GRU or plain RNN continuing sine waves", {"sine"},
       {"model", "layers", "gradient_check"}, "lstm-sine", kWeights | kOnnx | kNetworks, WithoutData<SequenceRun>},
      {"attention", "Attention", "sequences",
       "a sequence-to-sequence toy that learns to reverse through dot-product attention", {"reverse"}, {"model"},
       "attention-reverse", kWeights, WithoutData<AttentionRun>},
      {"vae", "Variational autoencoder", "generative", "its latent map and the decoded grid",
       {"digits", "fashion", "file"}, {"model", "layers", "gradient_check"}, "vae-digits",
       kWeights | kOnnx | kNetworks, WithData<VaeRun>},
      {"gumbel-vae", "Categorical VAE", "generative",
       "a VAE with a discrete latent, trained through the Gumbel-softmax relaxation", {"digits", "fashion", "file"},
       {"model"}, "gumbel-vae", kWeights, WithData<GumbelVaeRun>},
      {"gan", "GAN", "generative", "a generator against a discriminator on a ring of Gaussians", {"ring"},
       {"model", "layers", "gradient_check"}, "gan-ring", kWeights | kOnnx | kNetworks, WithoutData<GanRun>},
      {"flow", "Normalizing flow", "generative",
       "planar or coupling flows fitted to a 2-D density by exact maximum likelihood",
       {"two_moons", "ring", "checkerboard", "gaussian", "drawn"}, {"model"}, "coupling-flow", 0,
       WithoutData<FlowRun>},
      {"made", "MADE", "generative",
       "an autoregressive density on binary digits, its exact log-likelihood beside an RBM's", {"digits", "fashion"},
       {"model"}, "made-digits", kWeights, WithData<MadeRun>},
      {"autoencoder", "Deep autoencoder", "generative",
       "DBN-pretrained, unrolled and fine-tuned; against PCA with the same code size", {"digits", "fashion", "file"},
       {"model", "layers", "gradient_check"}, "autoencoder-digits", kNetworks, WithData<AutoencoderRun>},
      {"rbm", "RBM", "energy-based", "a binary restricted Boltzmann machine trained with CD-k or persistent CD",
       {"digits", "fashion", "file"}, {"model"}, "rbm-digits", kWeights, WithData<RbmRun>},
      {"dbn", "Deep belief net", "energy-based",
       "RBMs pretrained layer by layer, then a classifier and a deep autoencoder", {"digits", "fashion", "file"},
       {"model", "layers", "gradient_check"}, "dbn-digits", kNetworks, WithData<DbnRun>},
      {"dbm", "Deep Boltzmann machine", "energy-based",
       "two hidden layers: mean-field posteriors, persistent chains, an exact bound", {"digits", "fashion"},
       {"model"}, "dbm-digits", kWeights, WithData<DbmRun>},
      {"sbn", "Sigmoid belief net", "energy-based",
       "Gibbs inference and explaining away; a DBN's samples beside its RBM's dreams", {"digits", "fashion", "file"},
       {"model"}, "sigmoid-belief-net", 0, WithData<SbnRun>},
      {"dqn", "Deep Q-learning", "reinforcement",
       "an agent learns a grid world: replay memory, epsilon-greedy, a target network", {"gridworld"}, {"model"},
       "dqn-gridworld", kWeights, WithoutData<DqnRun>},
      {"perceptron", "Perceptron", "lessons",
       "one unit on 2-D points: Rosenblatt's threshold rule beside the sigmoid's gradient rule", {"separable", "xor"},
       {"model"}, "perceptron", 0, WithoutData<PerceptronRun>},
  };
  return tasks;
}

const Task* FindTask(const std::string& name) {
  for (const Task& t : Tasks())
    if (name == t.name) return &t;
  return nullptr;
}

bool Task::ReadsFiles() const {
  for (const std::string& kind : data)
    if (kind == "digits" || kind == "iris" || kind == "fashion" || kind == "file") return true;
  return false;
}

const char* CapabilityName(Capability c) {
  switch (c) {
    case kWeights: return "weights files";
    case kOnnx: return "an ONNX export";
    case kPredict: return "outputs to predict";
    case kDatasetCsv: return "a data table to write";
    case kNetworks: return "networks to check";
  }
  return "?";
}

}  // namespace netlab
