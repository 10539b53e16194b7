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

// One module's tensors under `prefix` ("encoder."): what nn.Module names them inside a parent module.
void AppendPrefixed(PythonNet& into, const PythonNet& part, const std::string& prefix);

// The config with no schedule, penalties or clipping: the VAE and the GAN call their optimizers' Step on
// the raw gradients (models/vae.h, models/gan.h), and those keys are not theirs (tasks/table.cpp), so
// the optimizer section then writes a constant rate and no-op penalties.
Config UpdateWithoutExtras(const Config& config);

// data.csv holds every value as text: past this many values (Fashion-MNIST's 70,000 images) a folder
// and the page's .zip grow past a few megabytes, so that data is refused rather than written.
constexpr long kPytorchMaxDataValues = 1000000;

}  // namespace netlab
