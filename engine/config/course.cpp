#include "config/course.h"

#include <cmath>
#include <cstdio>

#include "core/registry.h"

namespace netlab {

const std::vector<CourseControl>& CourseControls() {
  // The playground's controls in the order the panels draw them (ui/panels/panels.cpp). The features
  // have one row each, so a course can hide a single input (TF Playground's xSquared_hide).
  static const std::vector<CourseControl> table = {
      {"dataset", "Dataset"},
      {"noise", "Noise"},
      {"train_fraction", "Training share"},
      {"samples", "Samples"},
      {"seed", "Seed"},
      {"features", "Features (all of them)"},
      {"x1", "Feature x1"},
      {"x2", "Feature x2"},
      {"x1_squared", "Feature x1 squared"},
      {"x2_squared", "Feature x2 squared"},
      {"x1_times_x2", "Feature x1 x2"},
      {"sin_x1", "Feature sin(x1)"},
      {"sin_x2", "Feature sin(x2)"},
      {"layers", "Hidden layers (count and sizes)"},
      {"activation", "Activation"},
      {"loss", "Loss and output activation"},
      {"optimizer", "Optimizer and its settings"},
      {"learning_rate", "Learning rate"},
      {"batch_size", "Batch size"},
      {"schedule", "Learning-rate schedule"},
      {"regularization", "Regularization (L1, L2, clipping, early stopping)"},
      {"initializer", "Initializer"},
      {"show_test_data", "Show test data"},
  };
  return table;
}

const CourseControl* FindCourseControl(const std::string& name) {
  for (const CourseControl& c : CourseControls())
    if (name == c.name) return &c;
  return nullptr;
}

std::string ValidateCourse(const CourseConfig& course) {
  for (const auto* list : {&course.hidden, &course.locked}) {
    for (const std::string& name : *list) {
      if (FindCourseControl(name)) continue;
      std::string names;
      for (const CourseControl& c : CourseControls()) names += (names.empty() ? "" : ", ") + std::string(c.name);
      return "Unknown control '" + name.substr(0, 40) + "' in " + (list == &course.hidden ? "hide" : "lock") +
             " (controls: " + names + ").";
    }
  }
  if (!(course.goal_test_loss >= 0.0f && std::isfinite(course.goal_test_loss)))
    return "goal_test_loss must be a positive number (0 for no goal).";
  if (course.goal_max_neurons < 0) return "goal_max_neurons must be 0 (no limit) or more.";
  if (course.goal_max_neurons > 0 && !course.has_goal())
    return "goal_max_neurons needs goal_test_loss: the goal is a test loss reached with at most that many neurons.";
  return "";
}

GoalProgress EvaluateGoal(const CourseConfig& course, double test_loss, int neurons) {
  GoalProgress progress;
  if (!course.has_goal()) return progress;
  const bool small_enough = course.goal_max_neurons == 0 || neurons <= course.goal_max_neurons;
  progress.met = std::isfinite(test_loss) && test_loss < double(course.goal_test_loss) && small_enough;
  char text[200];
  if (course.goal_max_neurons > 0)
    std::snprintf(text, sizeof text, "Goal: test loss < %g with at most %d neurons. Now %.3f with %d neurons.",
                  double(course.goal_test_loss), course.goal_max_neurons, test_loss, neurons);
  else
    std::snprintf(text, sizeof text, "Goal: test loss < %g. Now %.3f.", double(course.goal_test_loss), test_loss);
  progress.summary = text;
  if (progress.met) progress.summary += " Met!";
  return progress;
}

}  // namespace netlab
