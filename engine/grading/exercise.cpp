#include "grading/exercise.h"

#include <cmath>
#include <cstdio>
#include <memory>

#include "config/course.h"
#include "config/settings.h"
#include "core/json_text.h"
#include "core/sha256.h"
#include "core/text_lines.h"
#include "tasks/table.h"

namespace netlab {

int HiddenNeurons(const Config& config) {
  int neurons = 0;
  for (const LayerConfig& l : config.hidden) neurons += l.units;
  return neurons;
}

namespace {

// The value a CourseControl key stands for: a setting's text, or one part of the hidden layers.
std::string SealedValue(const Config& config, const std::string& key) {
  if (key == "layers.units" || key == "layers.activation") {
    std::string text;
    for (const LayerConfig& l : config.hidden)
      text += (text.empty() ? "" : ",") + (key == "layers.units" ? std::to_string(l.units) : l.activation);
    return text;
  }
  const Setting* setting = FindSetting(key);
  return setting ? setting->write(config) : std::string();
}

std::string GoalText(const Config& config) {
  std::string text = FormatGoalTerms(config.course.AllTerms());
  if (config.course.goal_max_neurons > 0)
    text += (text.empty() ? "" : ",") + std::string("neurons<=") + std::to_string(config.course.goal_max_neurons);
  return text;
}

// The lines of `a` that `b` lacks, as "key=value (was value)" for the refusal.
std::string FirstDifference(const std::string& submitted, const std::string& exercise) {
  const std::vector<std::string> s = SplitText(submitted), e = SplitText(exercise);
  for (size_t i = 0; i < std::max(s.size(), e.size()); ++i) {
    const std::string here = i < s.size() ? s[i] : "(nothing)", there = i < e.size() ? e[i] : "(nothing)";
    if (here != there) return "'" + here.substr(0, 80) + "' where the exercise has '" + there.substr(0, 80) + "'";
  }
  return "";
}

void Refused(Verdict& v, const std::string& reason) { v.status = 2, v.verdict = "refused", v.reason = reason; }

}  // namespace

std::string SealedText(const Config& config) {
  const CourseConfig& course = config.course;
  std::string text = "netlab-exercise 1\ntask=" + config.task + "\n";
  for (const char* key : {"hide", "lock", "goal_test_loss", "goal_max_neurons", "goal_text", "goal", "goal_steps"})
    text += std::string(key) + "=" + SealedValue(config, key) + "\n";
  // The values the student cannot change in the page, each key once, in the controls' order.
  std::vector<std::string> keys;
  for (const CourseControl& control : CourseControls()) {
    bool fixed = false;
    for (const auto* list : {&course.hidden, &course.locked})
      for (const std::string& name : *list) fixed = fixed || name == control.name;
    if (!fixed) continue;
    for (const std::string& key : SplitText(control.keys, ' ')) {
      bool seen = false;
      for (const std::string& k : keys) seen = seen || k == key;
      if (!seen) keys.push_back(key);
    }
  }
  for (const std::string& key : keys) text += key + "=" + SealedValue(config, key) + "\n";
  return text;
}

std::string SealExercise(const Config& config, const std::string& key) {
  const std::string text = SealedText(config);
  return Hex(key.empty() ? Sha256(text) : HmacSha256(key, text));
}

Verdict RefusedVerdict(const std::string& reason) {
  Verdict v;
  Refused(v, reason);
  return v;
}

Verdict VerifyExercise(const Config& config, const TaskData& data, const VerifyOptions& options) {
  Verdict v;
  const CourseConfig& course = config.course;
  v.task = config.task;
  v.goal = GoalText(config);
  v.neurons = HiddenNeurons(config);
  v.budget = course.step_budget();
  v.steps = course.steps;
  if (!course.has_goal()) {
    Refused(v, "the link sets no goal (goal_test_loss or goal): there is nothing to verify");
    return v;
  }
  // What the seal checks, strongest first: the teacher's exercise link itself, the teacher's key, an
  // unkeyed digest. Each refusal says what changed or why it cannot be checked.
  if (options.exercise) {
    const std::string sealed = SealedText(config), expected = SealedText(*options.exercise);
    if (sealed != expected) {
      Refused(v, "the locks, the goal or a locked setting differ from the exercise's: " + FirstDifference(sealed, expected));
      return v;
    }
    v.seal = "exercise";
    v.checked = "the task, the locks, the goal and every hidden or locked setting equal the exercise link's";
  } else if (!options.key.empty()) {
    if (course.seal.empty()) {
      Refused(v, "the link carries no seal, so its locks and goal cannot be checked against the key: the "
                 "teacher's sealed exercise link has seal=...");
      return v;
    }
    if (course.seal != SealExercise(config, options.key)) {
      Refused(v, "the seal does not match: the locks, the goal or a locked setting were changed after the "
                 "exercise was sealed (or the key is not the one it was sealed with)");
      return v;
    }
    v.seal = "hmac";
    v.checked = "the task, the locks, the goal and every hidden or locked setting are as the teacher sealed them (HMAC-SHA256 with the key)";
  } else if (!course.seal.empty()) {
    if (course.seal == SealExercise(config, "")) {
      v.seal = "sha256";
      v.checked = "the seal is an unkeyed SHA-256: it shows the locks and goal were not edited by hand, but a "
                  "student who recomputes it could change them; seal with a key and give --key to rule that out";
    } else {
      v.seal = "unchecked";
      v.checked = "the link is sealed with a key this command was not given: its locks and goal were not "
                  "checked; give --key FILE";
    }
  } else {
    v.seal = "none";
    v.checked = "the link is not sealed: the goal and the locks were read from the link as given, and anyone "
                "could have edited them (give --exercise LINK, or seal the exercise with a key)";
  }
  if (course.steps > v.budget) {
    Refused(v, "the link asks for " + std::to_string(course.steps) + " steps; the exercise allows " +
                   std::to_string(v.budget) + (course.goal_steps > 0 ? " (goal_steps)" : " (the default budget)"));
    return v;
  }
  const Task* task = FindTask(config.task);
  if (!task) {
    Refused(v, "unknown task '" + config.task.substr(0, 40) + "'");
    return v;
  }
  std::unique_ptr<TaskRun> run = task->make_run(config, data);
  if (!run->error().empty()) {
    Refused(v, run->error());
    return v;
  }
  // A submitted step count is the student's claim: the goal is checked there. Without one the run
  // trains up to the budget and passes at the first step where the goal holds.
  const long last = course.steps > 0 ? course.steps : v.budget;
  // True when the verdict is decided: the goal met, or refused (a number the task does not report).
  auto check = [&](long step) {
    const auto numbers = ParseReportNumbers(run->Report());
    const GoalProgress progress = EvaluateGoal(course, numbers, v.neurons);
    if (!progress.missing.empty()) {
      std::string reported;
      for (const auto& [key, value] : numbers) reported += (reported.empty() ? "" : ", ") + key;
      Refused(v, "the goal names '" + progress.missing + "', which the " + config.task +
                     " task does not report (it reports: " + reported + ")");
      return true;
    }
    v.achieved.clear();
    for (const GoalTerm& t : course.AllTerms())
      for (const auto& [key, value] : numbers)
        if (key == t.metric) v.achieved.emplace_back(key, value);
    v.steps = step;
    if (progress.met) v.status = 0, v.verdict = "pass", v.reason.clear();
    return progress.met;
  };
  if (course.steps == 0 && check(0)) return v;
  for (long step = 1; step <= last; ++step) {
    run->Step();
    if (!run->diverged().empty()) {
      v.status = 1, v.verdict = "fail", v.steps = step, v.reason = "training diverged at step " + std::to_string(step) +
                                                              ": " + run->diverged();
      return v;
    }
    if ((course.steps == 0 || step == last) && check(step)) return v;
  }
  v.status = 1, v.verdict = "fail";
  v.reason = course.steps > 0 ? "the goal does not hold at step " + std::to_string(last)
                              : "the goal was not met within the budget of " + std::to_string(v.budget) + " steps";
  if (course.goal_max_neurons > 0 && v.neurons > course.goal_max_neurons)
    v.reason += " (the network has " + std::to_string(v.neurons) + " hidden neurons; the goal allows " +
                std::to_string(course.goal_max_neurons) + ")";
  return v;
}

std::string Verdict::Json() const {
  std::string json = "{\"verdict\":" + JsonString(verdict);
  if (!task.empty()) json += ",\"task\":" + JsonString(task);
  json += ",\"goal\":" + JsonString(goal) + ",\"achieved\":{";
  for (size_t i = 0; i < achieved.size(); ++i)
    json += (i ? "," : "") + JsonString(achieved[i].first) + ":" + JsonNumber(achieved[i].second);
  json += "},\"neurons\":" + std::to_string(neurons) + ",\"steps\":" + std::to_string(steps) +
          ",\"budget\":" + std::to_string(budget) + ",\"seal\":" + JsonString(seal) + ",\"checked\":" + JsonString(checked);
  if (!reason.empty()) json += ",\"reason\":" + JsonString(reason);
  return json + "}";
}

namespace {

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string Achieved(const Verdict& v) {
  std::string text;
  for (const auto& [key, value] : v.achieved) {
    char number[40];
    std::snprintf(number, sizeof number, "%.6g", value);
    text += (text.empty() ? "" : " ") + key + "=" + number;
  }
  return text;
}

std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string GradeCsv(const std::vector<GradedRow>& rows) {
  std::string csv = "id,verdict,steps,goal,achieved,reason\n";
  for (const GradedRow& r : rows)
    csv += CsvField(r.id) + "," + r.verdict.verdict + "," + std::to_string(r.verdict.steps) + "," +
           CsvField(r.verdict.goal) + "," + CsvField(Achieved(r.verdict)) + "," + CsvField(r.verdict.reason) + "\n";
  return csv;
}

std::string GradeHtml(const std::vector<GradedRow>& rows, const std::string& title) {
  int pass = 0, fail = 0, refused = 0;
  for (const GradedRow& r : rows) (r.verdict.status == 0 ? pass : r.verdict.status == 1 ? fail : refused) += 1;
  std::string html =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
      "</title>\n<style>body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
      "table{border-collapse:collapse}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left;"
      "vertical-align:top}th{background:#f4f4f4}td.pass{color:#176a2c;font-weight:600}td.fail{color:#a12020;"
      "font-weight:600}td.refused{color:#8a5a00;font-weight:600}td.num{text-align:right}</style></head>\n<body>\n<h1>" +
      HtmlEscape(title) + "</h1>\n<p>" + std::to_string(rows.size()) + " submissions: " + std::to_string(pass) +
      " passed, " + std::to_string(fail) + " failed, " + std::to_string(refused) +
      " refused. Each link was replayed headless by <code>netlab --grade</code>.</p>\n<table>\n"
      "<tr><th>id</th><th>verdict</th><th>steps</th><th>goal</th><th>achieved</th><th>why</th></tr>\n";
  for (const GradedRow& r : rows) {
    const Verdict& v = r.verdict;
    html += "<tr><td>" + HtmlEscape(r.id) + "</td><td class=\"" + v.verdict + "\">" + v.verdict +
            "</td><td class=\"num\">" + std::to_string(v.steps) + "</td><td>" + HtmlEscape(v.goal) + "</td><td>" +
            HtmlEscape(Achieved(v)) + "</td><td>" + HtmlEscape(v.reason) + "</td></tr>\n";
  }
  return html + "</table>\n</body></html>\n";
}

bool ReadSubmissions(const std::string& text, std::vector<std::pair<std::string, std::string>>& rows, std::string& error) {
  rows.clear();
  int line_number = 0;
  for (std::string line : SplitText(text)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto unquote = [](std::string field) {
      while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.erase(0, 1);
      while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.pop_back();
      if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
        std::string out;
        for (size_t i = 1; i + 1 < field.size(); ++i) {
          out += field[i];
          if (field[i] == '"' && field[i + 1] == '"') ++i;
        }
        return out;
      }
      return field;
    };
    // The id is the first field (quoted when it holds a comma); the link is the rest of the line, commas
    // and all (links hold them).
    size_t comma = line.find(',');
    const size_t first = line.find_first_not_of(" \t");
    if (line[first] == '"') {
      size_t close = first + 1;
      while (close < line.size() && !(line[close] == '"' && (close + 1 >= line.size() || line[close + 1] != '"')))
        close += line[close] == '"' ? 2 : 1;
      comma = line.find(',', close);
    }
    const std::string id = unquote(line.substr(0, comma == std::string::npos ? line.size() : comma));
    const std::string link = comma == std::string::npos ? std::string() : unquote(line.substr(comma + 1));
    const bool looks_like_link = link.find('=') != std::string::npos || link.find('#') != std::string::npos;
    if (rows.empty() && !looks_like_link && line_number == 1) continue;  // a header: "student,link"
    if (rows.size() >= 10000) {
      error = "more than 10000 submissions; split the file";
      return false;
    }
    rows.emplace_back(id, link);
  }
  if (rows.empty()) error = "no submissions: each line should be 'student id,link'";
  return !rows.empty();
}

}  // namespace netlab
