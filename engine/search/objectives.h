#pragma once
// What a hyperparameter search trains and scores, per task: a registry as the task table is, one row per
// task the search can train. The search panel reads it (and only it) to start a search, say how trials
// are scored, and know whether the task's data must be loaded first.
#include <string>
#include <vector>

#include "data/task_data.h"
#include "search/config_search_space.h"
#include "search/hyperparameter_search.h"
#include "search/training_objective.h"
#include "tasks/table.h"

namespace netlab {

struct SearchObjective {
  const char* task;       // the task table's name
  const char* scored_by;  // one sentence for the panel: what a trial trains on and what scores it
  bool reads_data;        // trains on the task's data set (which the page may still be loading)
  TrialFactory (*make)(const Config& base, const SearchSpace& space, const TaskData& data,
                       const EarlyStoppingSettings& settings);
};

const std::vector<SearchObjective>& SearchObjectives();
// The row for `task`, or null when the search cannot train it (SearchRefusal says so).
const SearchObjective* FindSearchObjective(const std::string& task);
// "The search trains the playground, ... tasks." for a task without a row.
std::string SearchRefusal(const std::string& task);
// Whether `hyperparameter` can vary a config of `task`: the task reads the setting it writes, or, for
// depth, width, activation and dropout (which edit the layers), the task's layers have them.
bool Searchable(const ConfigHyperparameter& hyperparameter, const Task& task);

}  // namespace netlab
