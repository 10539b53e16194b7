#include "config/course.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "config/config_text.h"
#include "core/registry.h"
#include "core/text_lines.h"

namespace netlab {

const std::vector<CourseControl>& CourseControls() {
  // The playground's controls in the order the panels draw them (ui/panels/panels.cpp). The features
  // have one row each, so a course can hide a single input (TF Playground's xSquared_hide).
  static const std::vector<CourseControl> table = {
      {"dataset", "Dataset", "dataset data_file points"},
      {"noise", "Noise", "noise"},
      {"train_fraction", "Training share", "train_fraction"},
      {"samples", "Samples", "samples"},
      {"seed", "Seed", "seed"},
      {"features", "Features (all of them)", "features"},
      {"x1", "Feature x1", "features"},
      {"x2", "Feature x2", "features"},
      {"x1_squared", "Feature x1 squared", "features"},
      {"x2_squared", "Feature x2 squared", "features"},
      {"x1_times_x2", "Feature x1 x2", "features"},
      {"sin_x1", "Feature sin(x1)", "features"},
      {"sin_x2", "Feature sin(x2)", "features"},
      {"layers", "Hidden layers (count and sizes)", "layers.units"},
      {"activation", "Activation", "layers.activation"},
      {"loss", "Loss and output activation", "loss output_activation"},
      {"optimizer", "Optimizer and its settings", "optimizer momentum beta1 beta2 epsilon rho weight_decay"},
      {"learning_rate", "Learning rate", "learning_rate"},
      {"batch_size", "Batch size", "batch_size"},
      {"schedule", "Learning-rate schedule", "schedule decay_steps gamma"},
      {"regularization", "Regularization (L1, L2, clipping, early stopping)",
       "l1 l2 clip_norm validation_fraction patience"},
      {"initializer", "Initializer", "initializer init_scale"},
      {"show_test_data", "Show test data", "show_test_data"},
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
    return "goal_max_neurons needs goal_test_loss or goal: the goal is a number reached with at most that many neurons.";
  if (course.goal_steps < 0) return "goal_steps must be 0 (the default budget) or more.";
  if (course.steps < 0) return "steps must be 0 (none) or more.";
  if (!course.seal.empty()) {
    bool hex = course.seal.size() == 64;
    for (char c : course.seal) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!hex) return "seal must be 64 lower-case hexadecimal digits (an exercise's HMAC-SHA256), not '" +
                     course.seal.substr(0, 70) + "'.";
  }
  return "";
}

std::vector<GoalTerm> CourseConfig::AllTerms() const {
  std::vector<GoalTerm> terms;
  if (goal_test_loss > 0.0f) terms.push_back({"test_loss", true, double(goal_test_loss)});
  terms.insert(terms.end(), goal.begin(), goal.end());
  return terms;
}

bool ReadGoalTerms(const std::string& text, std::vector<GoalTerm>& terms) {
  terms.clear();
  // "a<1," has an empty last term: refused, as is "" between two commas.
  if (!text.empty() && text.back() == ',') return false;
  for (const std::string& term : SplitText(text, ',')) {
    const size_t op = term.find_first_of("<>");
    if (op == std::string::npos || op == 0 || op > 40) return false;
    GoalTerm t;
    t.metric = term.substr(0, op);
    for (char c : t.metric)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    t.below = term[op] == '<';
    float value = 0;
    if (!ParseFloat(term.substr(op + 1), value) || !std::isfinite(value)) return false;
    t.value = double(value);
    terms.push_back(t);
    if (terms.size() > 8) return false;
  }
  return true;
}

std::string FormatGoalTerms(const std::vector<GoalTerm>& terms) {
  std::string text;
  for (const GoalTerm& t : terms)
    text += (text.empty() ? "" : ",") + t.metric + (t.below ? "<" : ">") + FormatFloat(float(t.value));
  return text;
}

std::vector<std::pair<std::string, double>> ParseReportNumbers(const std::string& line) {
  std::vector<std::pair<std::string, double>> numbers;
  for (const std::string& token : SplitText(line, ' ')) {
    const size_t eq = token.find('=');
    if (eq != std::string::npos && eq > 0) {
      const std::string value = token.substr(eq + 1);
      char* stop = nullptr;
      const double x = std::strtod(value.c_str(), &stop);
      if (!value.empty() && stop && *stop == 0 && value != "null") numbers.emplace_back(token.substr(0, eq), x);
    }
  }
  return numbers;
}

GoalProgress EvaluateGoal(const CourseConfig& course, const std::vector<std::pair<std::string, double>>& values,
                          int neurons) {
  GoalProgress progress;
  if (!course.has_goal()) return progress;
  const bool small_enough = course.goal_max_neurons == 0 || neurons <= course.goal_max_neurons;
  progress.met = small_enough;
  std::string wanted, now;
  for (const GoalTerm& t : course.AllTerms()) {
    double x = std::nan("");
    bool found = false;
    for (const auto& [key, value] : values)
      if (key == t.metric) x = value, found = true;
    if (!found && progress.missing.empty()) progress.missing = t.metric;
    // Strictly below or above: a goal of "test loss < 0.1" is not met at 0.1. NaN meets nothing.
    progress.met = progress.met && found && std::isfinite(x) && (t.below ? x < t.value : x > t.value);
    std::string label = t.metric;
    for (char& c : label) c = c == '_' ? ' ' : c;
    char text[120];
    std::snprintf(text, sizeof text, "%s %s %g", label.c_str(), t.below ? "<" : ">", t.value);
    wanted += (wanted.empty() ? "" : " and ") + std::string(text);
    std::snprintf(text, sizeof text, "%.3f", x);
    now += (now.empty() ? "" : ", ") + std::string(found ? text : "not reported");
  }
  char text[60] = "";
  if (course.goal_max_neurons > 0) std::snprintf(text, sizeof text, " with at most %d neurons", course.goal_max_neurons);
  progress.summary = "Goal: " + wanted + text + ". Now " + now;
  if (course.goal_max_neurons > 0) progress.summary += " with " + std::to_string(neurons) + " neurons";
  progress.summary += ".";
  if (progress.met) progress.summary += " Met!";
  return progress;
}

GoalProgress EvaluateGoal(const CourseConfig& course, double test_loss, int neurons) {
  return EvaluateGoal(course, {{"test_loss", test_loss}}, neurons);
}

}  // namespace netlab
