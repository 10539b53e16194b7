#pragma once
// What the PyTorch exports of the generative tasks (tasks/vae/vae_pytorch.cpp, tasks/gan/gan_pytorch.cpp)
// share beyond export/pytorch_script.h: Netlab's Gaussian draws (Rng::Normal, Box-Muller in double), a
// module class written from a PythonNet with its own forward's arguments, the weights of several modules
// in one weights.json, and the optimizer section for a task whose update is the optimizer's alone.
#include <string>
#include <vector>

#include "config/config.h"
#include "export/pytorch_script.h"
#include "nn/parameter.h"

namespace netlab {

// normal(rng) and normals(rng, rows, cols): Rng::Normal (core/rng.h) drawn from kPytorchRngCode's Rng,
// a matrix filled row by row (Netlab's matrices are row-major) and rounded to float as Netlab rounds it.
extern const char* const kPytorchNormalCode;

// "class NAME(nn.Module): ..." with `docstring`, net's __init__ body, and forward(self, ARGUMENTS) with
// net's forward body.
std::string PytorchModuleCode(const std::string& name, const std::string& docstring, const PythonNet& net,
                              const std::string& arguments);

// With --predict, the script stops: `model` ("the VAE") has no outputs to predict, and netlab --predict
// refuses `task` too.
std::string PytorchNoPredictCode(const std::string& model, const std::string& task);

// The first two sections of the VAE's and the GAN's train.py: the Settings (PytorchSettingsSection) and
// Netlab's random numbers with its Gaussian draws (kPytorchNormalCode), told by `random_explanation`.
std::vector<ScriptSection> PytorchGenerativeStart(const std::string& config_text, const std::string& settings_code,
                                                  long updates, const std::string& restarts,
                                                  const std::string& random_explanation);

// One module's tensors under `prefix` ("encoder."): what nn.Module names them inside a parent module.
void AppendPrefixed(PythonNet& into, const PythonNet& part, const std::string& prefix);

// The config with no schedule, penalties or clipping: the VAE and the GAN call their optimizers' Step on
// the raw gradients (models/vae.h, models/gan.h), and those keys are not theirs (tasks/table.cpp), so
// the optimizer section then writes a constant rate and no-op penalties.
Config UpdateWithoutExtras(const Config& config);

}  // namespace netlab
