#include "export/pytorch_generative.h"

namespace netlab {

const char* const kPytorchNormalCode = R"PY(

def normal(rng):
    """Rng::Normal: Box-Muller (1958) in double from two draws, u1 in (0, 1] and u2 in [0, 1), each 53
    bits; z = sqrt(-2 ln u1) cos(2 pi u2). Python's math calls the C library's log and cos, as Netlab does."""
    u1 = ((rng.next_bits() >> 11) + 1.0) * (1.0 / 9007199254740993.0)
    u2 = (rng.next_bits() >> 11) * (1.0 / 9007199254740992.0)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(6.283185307179586 * u2)


def normals(rng, rows, cols):
    """A (rows, cols) matrix of standard normals drawn row by row, rounded to float (Netlab's noise)."""
    return torch.tensor([normal(rng) for _ in range(rows * cols)], dtype=torch.float32).view(rows, cols)
)PY";

std::string PytorchModuleCode(const std::string& name, const std::string& docstring, const PythonNet& net,
                              const std::string& arguments) {
  return "class " + name + "(nn.Module):\n    \"\"\"" + docstring +
         "\"\"\"\n\n    def __init__(self):\n        super().__init__()\n" + net.init + "\n    def forward(self, " +
         arguments + "):\n" + net.forward;
}

void AppendPrefixed(PythonNet& into, const PythonNet& part, const std::string& prefix) {
  for (const PythonTensor& t : part.parameters) into.parameters.push_back({prefix + t.name, t.transposed});
  for (const PythonTensor& t : part.state) into.state.push_back({prefix + t.name, t.transposed});
}

std::vector<ScriptSection> PytorchGenerativeStart(const std::string& config_text, const std::string& settings_code,
                                                  long updates, const std::string& restarts,
                                                  const std::string& random_explanation) {
  return {PytorchSettingsSection(config_text, settings_code, updates, restarts),
          PytorchRandomSection(random_explanation, kPytorchNormalCode)};
}

std::string PytorchNoPredictCode(const std::string& model, const std::string& task) {
  return "\nif args.predict:\n    sys.exit(\"--predict: " + model + " has no outputs to predict (netlab --predict refuses the " +
         task + " task too)\")\n";
}

Config UpdateWithoutExtras(const Config& config) {
  Config c = config;
  c.schedule = ScheduleConfig{};
  c.regularization = RegularizationConfig{};
  return c;
}

}  // namespace netlab
