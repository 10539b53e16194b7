#pragma once
// A Python script and the same code as a Jupyter notebook, from one list of sections: the PyTorch
// export (--export-pytorch, Export PyTorch) writes train.py and notebook.ipynb from it, so the two never
// drift apart. In train.py each section starts with a "# %% title" line (the cell marker VS Code and
// Jupytext read) and its explanation as comments; in the notebook each is a Markdown cell (the title and
// the explanation) followed by a code cell.
#include <string>
#include <vector>

#include "core/exported_file.h"

namespace netlab {

struct ScriptSection {
  std::string title;        // "The data"
  std::string explanation;  // a paragraph or two of plain text; blank lines separate paragraphs
  std::string code;         // Python, ending in a newline
};

// `preamble` (a shebang, a docstring, the imports) and then every section.
std::string ScriptText(const std::string& preamble, const std::vector<ScriptSection>& sections);
// An nbformat-4 notebook: a first Markdown cell `intro`, a code cell with `preamble`, then the sections.
std::string NotebookJson(const std::string& intro, const std::string& preamble, const std::vector<ScriptSection>& sections);

}  // namespace netlab
