#pragma once
// What the PyTorch exports of the tasks that train RBMs by contrastive divergence share (the RBM, the DBN
// and the deep autoencoder: tasks/<task>/<task>_pytorch.cpp): the RBM and its CD-k / persistent CD update
// written in plain tensor operations (boltzmann/rbm.h: sigmoid, matmuls, Bernoulli samples drawn by
// comparing Netlab's own uniforms with the probabilities, momentum and weight decay as Rbm::TrainStep
// adds them), the greedy layer-wise pretrainer (boltzmann/dbn.h: DbnPretrainer), PCA (models/pca.h), the
// weights file, the settings and what their folders say alike (the rest is export/pytorch_script.h's). The
// fine-tuning that follows pretraining is each task's own (autograd and an optimizer, as the
// classification export).
#include <string>
#include <utility>
#include <vector>

#include "boltzmann/rbm.h"
#include "config/config.h"
#include "core/tensor.h"
#include "data/task_data.h"
#include "export/pytorch_script.h"

namespace netlab {

// weights.json ("netlab-pytorch-1"): each tensor by name, in Netlab's own layout (an RBM's W is
// visible x hidden, as Netlab keeps it and as the script uses it).
std::string PytorchCdWeightsJson(const std::string& config_text, long step,
                                 const std::vector<std::pair<std::string, const Matrix*>>& tensors);
// weights.json of one RBM: weights, visible_bias, hidden_bias (class Rbm's names in kPytorchRbmCode).
std::string PytorchRbmWeightsJson(const std::string& config_text, long step, const Rbm& rbm);

// The CD settings as Python constants, by config key: CD_K, PERSISTENT, SAMPLE_VISIBLE, LEARNING_RATE,
// MOMENTUM, WEIGHT_DECAY, BATCH_SIZE, and RNG_STATE (the run's stream where the export found it:
// after the initial weights). Floats as the shortest decimals that read back as Netlab's floats.
std::string PytorchCdSettingsCode(const Config& config, const RbmTrainingSettings& settings, uint64_t rng_state);
// kPytorchProcessesCode, and all_reduce: the settings' end.
std::string PytorchCdProcessesCode();
// uniforms(rng, count) and normals(rng, count): Rng::Uniform and Rng::Normal, many draws at once.
extern const char* const kPytorchCdRandomCode;
// The rows on the device (PytorchDataFor), their section "The data" added to `sections`: data.csv's rows
// are "its values in [0, 1]", `label_use` (", its class") and its set.
PytorchData PytorchCdData(const Config& config, const TaskData& data, const std::string& label_use,
                          std::vector<ScriptSection>& sections);
// sigmoid, product, bernoulli, class Rbm (with its CD update), initialize_rbm, and starting_rbm: the
// RBM weights.json holds (or one of PyTorch's draw with --fresh-init).
extern const char* const kPytorchRbmCode;
// class Pretrainer: DbnPretrainer's greedy layer-wise pretraining, one CD update a step.
extern const char* const kPytorchPretrainerCode;
// xavier_normal(rng, fan_in, fan_out), class Stack (dense layers and sigmoids from Netlab's (W, b)) and
// unroll(rbms): the networks fine-tuning starts from.
extern const char* const kPytorchStackCode;
// fit_pca(data, k), reconstruction_error(data, reconstruction) and pca_test_error(k): PCA's baseline.
extern const char* const kPytorchPcaCode;
// The training section's start for the tasks that pretrain RBMs and then fine-tune (the DBN, the deep
// autoencoder): the stream, the pretrainer from weights.json's bottom RBM (`first_args` and
// `pretrainer_args` added to starting_rbm's and Pretrainer's), PCA's error, and the loop's head, whose
// step begins by stepping the pretrainer and, once it is done, making FineTuning(rbms, rng).
std::string PytorchPretrainingLoopStart(const std::string& first_args, const std::string& pretrainer_args,
                                        const std::string& counters);
// number(v), then report_line(step)'s start for the tasks that pretrain and then fine-tune: `prefix`
// (step= and epoch=), and "if fine is None:", the pretraining's line to follow (8 spaces in).
std::string PytorchPhasesReportCode();
// What the CD tasks' folders say alike (the README's files, agreement, processes and options), with the
// task's `title`, `headline`, `contents`, `data` and `report`, and `notes` on how its processes share the work.
PytorchAbout PytorchCdAbout(const std::string& title, const std::string& headline, const std::string& contents,
                            const PytorchData& data, const std::string& report, const std::string& notes);

}  // namespace netlab
