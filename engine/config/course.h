#pragma once
// Course settings of a config: which controls a course page hides or locks, and an exercise (a goal the
// student's model has to reach). They change nothing in training; the UI reads them (docs/config.md).
//   hide=learning_rate,activation    those controls are not drawn
//   lock=dataset,features            drawn, not editable
//   goal_test_loss=0.1               the exercise is met when the test loss is below 0.1 ...
//   goal_max_neurons=4               ... with at most 4 hidden neurons in all
//   goal_text=Separate the spiral    the sentence the page shows above the progress
//   goal=test_accuracy>0.95          ... and any number the task's report line gives, below or above a value
//   goal_steps=500                   the exercise's step budget (grading/exercise.h: 2000 when not set)
//   steps=412                        a submission: the step at which the student's page met the goal
//   seal=9f2c...                     HMAC-SHA256 (or SHA-256) of the locks, the goal and the locked values
#include <string>
#include <vector>

namespace netlab {

// A playground control a course can hide or lock: its config-text name, what the student sees, and the
// setting keys it edits (what an exercise's seal covers when it is hidden or locked; "layers.units" and
// "layers.activation" are the hidden layers' sizes and their activations, two controls of one key).
struct CourseControl {
  const char* name;
  const char* label;
  const char* keys;  // space-separated
};
const std::vector<CourseControl>& CourseControls();
const CourseControl* FindCourseControl(const std::string& name);

// One condition of a goal on a number the task's report line gives: "test_accuracy>0.95".
struct GoalTerm {
  std::string metric;  // a key of the report line (train_loss, test_loss, test_accuracy, ...)
  bool below = true;   // metric < value; else metric > value
  double value = 0;
  bool operator==(const GoalTerm& o) const { return metric == o.metric && below == o.below && value == o.value; }
};
// "test_loss<0.1,test_accuracy>0.9" <-> the terms; false for anything else.
bool ReadGoalTerms(const std::string& text, std::vector<GoalTerm>& terms);
std::string FormatGoalTerms(const std::vector<GoalTerm>& terms);

// The step budget of an exercise that sets no goal_steps: a link without a step count trains at most
// this far, and passes at the first step where its goal holds (grading/exercise.h).
constexpr long kDefaultStepBudget = 2000;

struct CourseConfig {
  std::vector<std::string> hidden;  // CourseControls() names
  std::vector<std::string> locked;
  float goal_test_loss = 0.0f;  // 0: no loss goal
  int goal_max_neurons = 0;     // 0: no limit on the hidden neurons
  std::string goal_text;
  std::vector<GoalTerm> goal;  // more conditions, on any number the task reports
  int goal_steps = 0;          // the step budget; 0: grading/exercise.h's default
  long steps = 0;              // a submitted link's step count; 0: none
  std::string seal;            // lower-case hex, 64 digits; empty: not sealed
  bool has_goal() const { return goal_test_loss > 0.0f || !goal.empty(); }
  long step_budget() const { return goal_steps > 0 ? goal_steps : kDefaultStepBudget; }
  // Every condition: goal_test_loss as test_loss<value, then `goal`.
  std::vector<GoalTerm> AllTerms() const;
  bool operator==(const CourseConfig& o) const {
    return hidden == o.hidden && locked == o.locked && goal_test_loss == o.goal_test_loss &&
           goal_max_neurons == o.goal_max_neurons && goal_text == o.goal_text && goal == o.goal &&
           goal_steps == o.goal_steps && steps == o.steps && seal == o.seal;
  }
};

// Empty, or a sentence naming an unknown control or an impossible goal.
std::string ValidateCourse(const CourseConfig& course);

// Where the student stands: met once every term holds with few enough neurons.
struct GoalProgress {
  bool met = false;
  std::string summary;  // "Goal: test loss < 0.1 with at most 4 neurons. Now 0.231 with 6 neurons."
  std::string missing;  // a term's metric the report does not give (then never met)
};
// `values`: the report line's numbers by key (ParseReportNumbers).
GoalProgress EvaluateGoal(const CourseConfig& course, const std::vector<std::pair<std::string, double>>& values,
                          int neurons);
GoalProgress EvaluateGoal(const CourseConfig& course, double test_loss, int neurons);
// The numbers of a report line "step=10 epoch=0.40 train_loss=0.67 ..." by key, in order ("null" and
// words left out).
std::vector<std::pair<std::string, double>> ParseReportNumbers(const std::string& line);

}  // namespace netlab
