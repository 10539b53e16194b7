#include "app/task_defaults.h"
#include "links/config_text.h"

namespace netlab {

Config TaskDefaults(const std::string& task, uint64_t seed) {
  struct Start {
    const char* task;
    const char* text;
  };
  static const Start kStarts[] = {
      {"playground", ""},
      {"classify", "task=classify&dataset=digits&layers=conv:8:relu:3x3:s1:p1,maxpool:2x2:s2,conv:16:relu:3x3:s1:p1,"
                   "maxpool:2x2:s2,32:relu&initializer=he_normal&init_scale=1&optimizer=adam&learning_rate=0.003&batch_size=32"},
      {"rbm", "task=rbm&dataset=digits&layers=49:sigmoid&learning_rate=0.1&momentum=0.5&l2=0.0001&batch_size=32"},
      {"dbn", "task=dbn&dataset=digits&layers=64:sigmoid,32:sigmoid&learning_rate=0.1&momentum=0.5&l2=0.0001&batch_size=20"},
      {"autoencoder", "task=autoencoder&dataset=digits&layers=128:sigmoid,64:sigmoid&latent=6&pretrain_epochs=20&"
                      "learning_rate=0.1&momentum=0.5&l2=0.0001&batch_size=20"},
      {"vae", "task=vae&dataset=digits&layers=64:tanh&latent=2&optimizer=adam&learning_rate=0.003&batch_size=32"},
      {"gan", "task=gan&dataset=ring&layers=64:leaky_relu&optimizer=adam&learning_rate=0.001&beta1=0.5&batch_size=64"},
      {"sbn", "task=sbn&dataset=digits&layers=64:sigmoid,32:sigmoid&pretrain_epochs=10&learning_rate=0.1&momentum=0.5&"
              "l2=0.0001&batch_size=20"},
      {"dqn", "task=dqn&dataset=gridworld&layers=32:relu&initializer=he_normal&init_scale=1&optimizer=adam&"
              "learning_rate=0.001&batch_size=32"},
      {"attention", "task=attention&dataset=reverse&layers=16:linear&sequence_length=6&optimizer=adam&learning_rate=0.01&"
                    "batch_size=32"},
      {"gumbel-vae", "task=gumbel-vae&dataset=digits&layers=64:tanh&latent=1&optimizer=adam&learning_rate=0.003&batch_size=32"},
      {"sequence", "task=sequence&dataset=sine&layers=lstm:16&optimizer=adam&learning_rate=0.01&clip_norm=1&batch_size=32"},
      {"perceptron", "task=perceptron&dataset=separable&samples=100&layers=&learning_rate=1"},
      {"made", "task=made&dataset=digits&layers=128:relu&optimizer=adam&learning_rate=0.003&batch_size=32"},
      {"dbm", "task=dbm&dataset=digits&layers=16:sigmoid,32:sigmoid&learning_rate=0.1&momentum=0.5&l2=0.0001&cd_k=5&"
              "batch_size=32"},
      {"flow", "task=flow&dataset=two_moons&flow=affine_coupling&flow_layers=6&layers=16:tanh&learning_rate=0.01&batch_size=256"},
  };
  Config config;
  for (const Start& s : kStarts)
    if (task == s.task) {
      std::string error;
      ParseConfig(s.text, config, error);
    }
  config.seed = seed;
  return config;
}

}  // namespace netlab
