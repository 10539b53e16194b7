#include "tasks/table.h"

namespace netlab {

const std::vector<Task>& Tasks() {
  static const std::vector<Task> tasks = {
      {"playground", "2-D playground", "points in the plane, a dense network (TensorFlow Playground's setting)", {},
       {"playground", "backprop", "gradient_check", "layers", "errors", "race"}, false},
      {"classify", "Classify images or rows", "any stack of dense, convolution and pooling layers, softmax output",
       {"digits", "iris", "fashion", "file"}, {"training", "model", "errors", "layers", "gradient_check"}, true},
      {"sequence", "Sequence model", "an LSTM, GRU or plain RNN continuing sine waves", {"sine"}, {"model", "layers", "gradient_check"}, false},
      {"rbm", "RBM", "a binary restricted Boltzmann machine trained with CD-k or persistent CD",
       {"digits", "fashion", "file"}, {"model"}, true},
      {"dbn", "Deep belief net", "RBMs pretrained layer by layer, then a classifier and a deep autoencoder",
       {"digits", "fashion", "file"}, {"model", "layers", "gradient_check"}, false},
      {"autoencoder", "Deep autoencoder", "DBN-pretrained, unrolled and fine-tuned; against PCA with the same code size",
       {"digits", "fashion", "file"}, {"model", "layers", "gradient_check"}, false},
      {"vae", "Variational autoencoder", "its latent map and the decoded grid", {"digits", "fashion", "file"},
       {"model", "layers", "gradient_check"},
       true},
      {"gan", "GAN", "a generator against a discriminator on a ring of Gaussians", {"ring"}, {"model", "layers", "gradient_check"}, false},
      {"sbn", "Sigmoid belief net", "Gibbs inference and explaining away; a DBN's samples beside its RBM's dreams",
       {"digits", "fashion", "file"}, {"model"}, false},
      {"dqn", "Deep Q-learning", "an agent learns a grid world: replay memory, epsilon-greedy, a target network",
       {"gridworld"}, {"model"}, false},
      {"attention", "Attention", "a sequence-to-sequence toy that learns to reverse through dot-product attention",
       {"reverse"}, {"model"}, false},
      {"gumbel-vae", "Categorical VAE", "a VAE with a discrete latent, trained through the Gumbel-softmax relaxation",
       {"digits", "fashion", "file"}, {"model"}, true},
      {"perceptron", "Perceptron", "one unit on 2-D points: Rosenblatt's threshold rule beside the sigmoid's gradient rule",
       {"separable", "xor"}, {"model"}, true},
      {"flow", "Normalizing flow", "planar or coupling flows fitted to a 2-D density by exact maximum likelihood",
       {"two_moons", "ring", "checkerboard", "gaussian", "drawn"}, {"model"}, false},
      {"made", "MADE", "an autoregressive density on binary digits, its exact log-likelihood beside an RBM's",
       {"digits", "fashion"}, {"model"}, true},
      {"dbm", "Deep Boltzmann machine", "two hidden layers: mean-field posteriors, persistent chains, an exact bound",
       {"digits", "fashion"}, {"model"}, true},
  };
  return tasks;
}

const Task* FindTask(const std::string& name) {
  for (const Task& t : Tasks())
    if (name == t.name) return &t;
  return nullptr;
}

}  // namespace netlab
