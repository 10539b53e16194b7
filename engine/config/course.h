#pragma once
// Course settings of a config: which controls a course page hides or locks, and an exercise (a goal the
// student's model has to reach). They change nothing in training; the UI reads them (docs/config.md).
//   hide=learning_rate,activation    those controls are not drawn
//   lock=dataset,features            drawn, not editable
//   goal_test_loss=0.1               the exercise is met when the test loss is below 0.1 ...
//   goal_max_neurons=4               ... with at most 4 hidden neurons in all
//   goal_text=Separate the spiral    the sentence the page shows above the progress
#include <string>
#include <vector>

namespace netlab {

// A playground control a course can hide or lock: its config-text name and what the student sees.
struct CourseControl {
  const char* name;
  const char* label;
};
const std::vector<CourseControl>& CourseControls();
const CourseControl* FindCourseControl(const std::string& name);

struct CourseConfig {
  std::vector<std::string> hidden;  // CourseControls() names
  std::vector<std::string> locked;
  float goal_test_loss = 0.0f;  // 0: no loss goal
  int goal_max_neurons = 0;     // 0: no limit on the hidden neurons
  std::string goal_text;
  bool has_goal() const { return goal_test_loss > 0.0f; }
  bool operator==(const CourseConfig& o) const {
    return hidden == o.hidden && locked == o.locked && goal_test_loss == o.goal_test_loss &&
           goal_max_neurons == o.goal_max_neurons && goal_text == o.goal_text;
  }
};

// Empty, or a sentence naming an unknown control or an impossible goal.
std::string ValidateCourse(const CourseConfig& course);

// Where the student stands: met once the test loss is below the goal with few enough neurons.
struct GoalProgress {
  bool met = false;
  std::string summary;  // "Goal: test loss < 0.1 with at most 4 neurons. Now 0.231 with 6 neurons."
};
GoalProgress EvaluateGoal(const CourseConfig& course, double test_loss, int neurons);

}  // namespace netlab
