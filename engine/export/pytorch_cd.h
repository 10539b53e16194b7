#pragma once
// What the PyTorch exports of the tasks that train RBMs by contrastive divergence share (the RBM, the DBN
// and the deep autoencoder: tasks/<task>/<task>_pytorch.cpp): the RBM and its CD-k / persistent CD update
// written in plain tensor operations (boltzmann/rbm.h: sigmoid, matmuls, Bernoulli samples drawn by
// comparing Netlab's own uniforms with the probabilities, momentum and weight decay as Rbm::TrainStep
// adds them), the greedy layer-wise pretrainer (boltzmann/dbn.h: DbnPretrainer), PCA (models/pca.h), the
// data file, the weights file and the command line. The fine-tuning that follows pretraining is each
// task's own (autograd and an optimizer, as the classification export).
#include <string>
#include <utility>
#include <vector>

#include "boltzmann/rbm.h"
#include "config/config.h"
#include "core/tensor.h"
#include "data/task_data.h"

namespace netlab {

// "" when the task's data fits beside train.py (data.csv), else why not: Fashion-MNIST, or a file of
// more values than the export writes.
std::string PytorchCdDataRefusal(const Config& config);
std::string PytorchCdDataRefusal(const TaskData& data);
// data.csv: every row's values, its class and its set (train, then test), in Netlab's order.
std::string PytorchCdDataCsv(const TaskData& data);
// weights.json ("netlab-pytorch-1"): each tensor by name, in Netlab's own layout (an RBM's W is
// visible x hidden, as Netlab keeps it and as the script uses it).
std::string PytorchCdWeightsJson(const std::string& config_text, long step,
                                 const std::vector<std::pair<std::string, const Matrix*>>& tensors);

// The argument parser: --steps, --report-every, --device, --fresh-init, --save (no --predict: netlab
// has none for these tasks).
std::string PytorchCdArgumentsCode(const std::string& description);
// The CD settings as Python constants, by config key: CD_K, PERSISTENT, SAMPLE_VISIBLE, LEARNING_RATE,
// MOMENTUM, WEIGHT_DECAY, BATCH_SIZE, and RNG_STATE (the run's stream where the export found it:
// after the initial weights). Floats as the shortest decimals that read back as Netlab's floats.
std::string PytorchCdSettingsCode(const Config& config, const RbmTrainingSettings& settings, uint64_t rng_state);
// rank, world, device from torchrun's environment (gloo on CPUs, NCCL on GPUs), and all_reduce.
extern const char* const kPytorchCdDistributedCode;
// uniforms(rng, count) and normals(rng, count): Rng::Uniform and Rng::Normal, many draws at once.
extern const char* const kPytorchCdRandomCode;
// read_rows(path): data.csv's values, labels and sets; then train_x, train_labels, test_x, test_labels.
extern const char* const kPytorchCdDataCode;
// sigmoid, product, bernoulli, class Rbm (with its CD update), load_rbm / save_weights.
extern const char* const kPytorchRbmCode;
// class Pretrainer: DbnPretrainer's greedy layer-wise pretraining, one CD update a step.
extern const char* const kPytorchPretrainerCode;
// xavier_normal(rng, fan_in, fan_out), class Stack (dense layers and sigmoids from Netlab's (W, b)) and
// unroll(rbms): the networks fine-tuning starts from.
extern const char* const kPytorchStackCode;
// fit_pca(data, k) and reconstruction_error(data, reconstruction).
extern const char* const kPytorchPcaCode;
// number(v): a number as Netlab's report writes it.
extern const char* const kPytorchNumberCode;
// The README: what each file is, how to run it (laptop, GPU, torchrun), and `notes`.
std::string PytorchCdReadme(const std::string& title, const std::string& config_text, const std::string& report,
                            const std::string& notes);

}  // namespace netlab
