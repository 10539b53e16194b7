#pragma once
// A course's exercise in the page (config/course.h, grading/exercise.h): the teacher's "Author an
// exercise" panel, which edits the config's course keys (what is hidden, locked or free, the goal, the
// step budget and the words) and copies the exercise link, sealed with the teacher's key; and the
// student's Submit, which copies the run's link with the step count it reached, for `netlab --verify`.
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "panels/share_panel.h"

namespace netlab {

// The teacher's key stays in the page: it is never part of the config or of any link.
struct ExerciseAuthor {
  char key[128] = "";
  std::string copied;  // what the last Copy said
};

// `report`: the numbers the run reports now (its report line's keys are the goals on offer).
void DrawExerciseAuthor(Config& config, const std::vector<std::pair<std::string, double>>& report,
                        ExerciseAuthor& author, const ShareActions& actions);

// "Submit": the link of `config` with steps=`step`. `submitted` keeps the sentence shown after it.
void DrawExerciseSubmit(const Config& config, long step, const ShareActions& actions, std::string& submitted);

}  // namespace netlab
