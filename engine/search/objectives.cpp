#include "search/objectives.h"

#include "search/classify_trial.h"
#include "search/family_trial.h"

namespace netlab {
namespace {

TrialFactory PlaygroundObjective(const Config& base, const SearchSpace& space, const TaskData&,
                                 const EarlyStoppingSettings& settings) {
  return TrainingObjective(base, space, settings);
}

}  // namespace

const std::vector<SearchObjective>& SearchObjectives() {
  static const std::vector<SearchObjective> rows = {
      {"playground", "Each trial trains the network on the training points and is scored on the validation share.",
       false, PlaygroundObjective},
      {"classify", "Each trial trains the stack on 80% of the training set and is scored on the other 20%.", true,
       ClassifyObjective},
      {"vae", "Each trial trains the VAE on 80% of the training set and is scored by its -ELBO on the other 20%.",
       true, VaeObjective},
      {"sequence", "Each trial is scored by its mean squared error on 64 waves of their own seed, not the task's.",
       false, SequenceObjective},
      {"gan",
       "Each trial is scored by the MMD^2 between 512 generated points and 512 held-out ring points, not by its "
       "losses, which measure the generator against its own discriminator.",
       false, GanObjective},
      {"dbn",
       "Each trial pretrains its RBMs in full on 80% of the training set (unscored), then early-stops the "
       "fine-tuning, scored on the other 20% by the classifier's cross-entropy.",
       true, DbnObjective},
      {"autoencoder",
       "Each trial pretrains its RBMs in full on 80% of the training set (unscored), then early-stops the "
       "fine-tuning, scored on the other 20% by the reconstruction error.",
       true, AutoencoderObjective},
  };
  return rows;
}

const SearchObjective* FindSearchObjective(const std::string& task) {
  for (const SearchObjective& o : SearchObjectives())
    if (task == o.task) return &o;
  return nullptr;
}

std::string SearchRefusal(const std::string& task) {
  if (FindSearchObjective(task)) return "";
  std::string names;
  const auto& rows = SearchObjectives();
  for (size_t i = 0; i < rows.size(); ++i) {
    const Task* t = FindTask(rows[i].task);
    names += std::string(i == 0 ? "" : i + 1 == rows.size() ? " and " : ", ") + (t ? t->label : rows[i].task);
  }
  return "The search trains the " + names + " tasks, not the " + (FindTask(task) ? FindTask(task)->label : task) +
         ".";
}

bool Searchable(const ConfigHyperparameter& p, const Task& task) {
  if (p.setting) return task.Reads(p.setting);
  const LayerForm form = task.layers.form;
  const bool stack = form == LayerForm::kStack;
  if (!p.for_layer_stacks && stack) return false;  // a stack's rows differ: it has no single depth
  const std::string name = p.name;
  if (name == "hidden_layers") return (form == LayerForm::kBlocks || form == LayerForm::kSizes) && task.layers.max > task.layers.min;
  if (name == "hidden_units") return form == LayerForm::kBlocks || form == LayerForm::kSizes || stack;
  return form == LayerForm::kBlocks || stack;  // activation and dropout: the layers that have them
}

}  // namespace netlab
