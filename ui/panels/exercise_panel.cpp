#include "panels/exercise_panel.h"

#include <algorithm>
#include <cstdio>

#include "config/course.h"
#include "grading/exercise.h"
#include "imgui.h"
#include "links/share_link.h"
#include "platform/item_locator.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void SetMembership(std::vector<std::string>& names, const std::string& name, bool member) {
  names.erase(std::remove(names.begin(), names.end(), name), names.end());
  if (member) names.push_back(name);
}

// The report's numbers a goal can name: all but the step and the epoch, which the budget covers.
std::vector<std::string> GoalMetrics(const std::vector<std::pair<std::string, double>>& report) {
  std::vector<std::string> metrics;
  for (const auto& [key, value] : report)
    if (key != "step" && key != "epoch") metrics.push_back(key);
  return metrics;
}

}  // namespace

void DrawExerciseAuthor(Config& config, const std::vector<std::pair<std::string, double>>& report,
                        ExerciseAuthor& author, const ShareActions& actions) {
  CourseConfig& course = config.course;
  ImGui::TextWrapped("Choose what the student may change and the goal, then copy the link. The page you see "
                     "now is the student's: locked controls grey out, hidden ones go.");
  // One row per control: free, locked or hidden.
  if (ImGui::BeginTable("exercise controls", 4, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("Control", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("free");
    ImGui::TableSetupColumn("locked");
    ImGui::TableSetupColumn("hidden");
    ImGui::TableHeadersRow();
    for (const CourseControl& control : CourseControls()) {
      ImGui::PushID(control.name);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", control.label);
      const int now = Contains(course.hidden, control.name) ? 2 : Contains(course.locked, control.name) ? 1 : 0;
      for (int state = 0; state < 3; ++state) {
        ImGui::TableNextColumn();
        static const char* kIds[] = {"##free", "##locked", "##hidden"};
        if (ImGui::RadioButton(kIds[state], now == state)) {
          SetMembership(course.locked, control.name, state == 1);
          SetMembership(course.hidden, control.name, state == 2);
        }
        NoteItemRect(("exercise " + std::string(control.name) + " " + (kIds[state] + 2)).c_str());
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }

  ImGui::SeparatorText("Goal");
  ImGui::InputFloat("Test loss below", &course.goal_test_loss, 0.0f, 0.0f, "%.4g");
  NoteItemRect("exercise test loss");
  course.goal_test_loss = std::max(0.0f, course.goal_test_loss);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("0: no test-loss goal. The goal is met strictly below it.");
  // More conditions on any number the run reports.
  const std::vector<std::string> metrics = GoalMetrics(report);
  for (size_t i = 0; i < course.goal.size(); ++i) {
    GoalTerm& term = course.goal[i];
    ImGui::PushID(int(i));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    if (ImGui::BeginCombo("##metric", term.metric.c_str())) {
      for (const std::string& m : metrics)
        if (ImGui::Selectable(m.c_str(), m == term.metric)) term.metric = m;
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 2.5f);
    int op = term.below ? 0 : 1;
    const char* kOps[] = {"<", ">"};
    if (ImGui::Combo("##op", &op, kOps, 2)) term.below = op == 0;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    ImGui::InputDouble("##value", &term.value, 0.0, 0.0, "%.4g");
    ImGui::SameLine();
    const bool remove = ImGui::SmallButton("Remove");
    ImGui::PopID();
    if (remove) {
      course.goal.erase(course.goal.begin() + long(i));
      break;
    }
  }
  if (course.goal.size() < 8 && !metrics.empty() && ImGui::Button("Add a condition"))
    course.goal.push_back({metrics.back(), metrics.back().find("accuracy") == std::string::npos, 0.0});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A condition on any number the run reports (test accuracy above 0.95, ...).");
  ImGui::InputInt("At most neurons", &course.goal_max_neurons);
  course.goal_max_neurons = std::clamp(course.goal_max_neurons, 0, 10000);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("0: any size. Else the hidden layers may have at most this many units in all.");
  ImGui::InputInt("Steps allowed", &course.goal_steps, 100, 1000);
  NoteItemRect("exercise steps allowed");
  course.goal_steps = std::clamp(course.goal_steps, 0, 10000000);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("0: %ld, grading's default. Training stops there, and grading replays no further.", kDefaultStepBudget);
  char text[256];
  std::snprintf(text, sizeof text, "%s", course.goal_text.c_str());
  if (ImGui::InputText("Words", text, 201)) course.goal_text = text;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The exercise in your words, shown above the student's progress.");
  ImGui::InputText("Key", author.key, sizeof author.key, ImGuiInputTextFlags_Password);
  NoteItemRect("exercise key");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A passphrase only you know. It seals the locks and the goal into the link; grade with\n"
                      "netlab --verify LINK --key FILE (FILE holding it). It never leaves this page.");

  ImGui::BeginDisabled(!course.has_goal() || !actions.copy_link);
  if (ImGui::Button("Copy exercise link")) {
    Config exercise = config;
    exercise.course.steps = 0;
    exercise.course.seal = SealExercise(exercise, author.key);
    actions.copy_link(EncodeShareLink(exercise));
    author.copied = author.key[0] ? "Copied, sealed with your key: grade with netlab --grade SUBMISSIONS.csv --key FILE."
                                  : "Copied with an unkeyed seal: it catches a hand edit, not a determined one; add a key.";
  }
  ImGui::EndDisabled();
  NoteItemRect("Copy exercise link");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(course.has_goal() ? "The exercise as a link for your students."
                                        : "Set a goal first: a test loss or a condition.");
  if (!author.copied.empty()) ImGui::TextWrapped("%s", author.copied.c_str());
}

void DrawExerciseSubmit(const Config& config, long step, const ShareActions& actions, std::string& submitted) {
  if (!actions.copy_link) return;
  if (ImGui::Button("Submit")) {
    Config submission = config;
    submission.course.steps = std::max(1L, step);
    actions.copy_link(EncodeShareLink(submission));
    submitted = "Copied your link at step " + std::to_string(std::max(1L, step)) +
                ": hand it in. Your teacher replays it with the same numbers.";
  }
  NoteItemRect("Submit");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Copies this run's link with the step it reached. Grading replays exactly those steps.");
  if (!submitted.empty()) ImGui::TextWrapped("%s", submitted.c_str());
}

}  // namespace netlab
