#pragma once
// Grading an exercise without trusting the student's browser (README, "Exercises and grading"). Netlab
// trains deterministically, so a submitted link *is* its result: the same config, replayed headless for
// the same steps, reaches the same numbers bit for bit (tests/browser/page-equals-headless.test.mjs).
//   VerifyExercise  replays one submission and checks its goal: pass, fail, or refused (malformed, over
//                   the step budget, its locks or goal edited)
//   SealExercise    what the teacher's page writes as `seal=`: HMAC-SHA256 under the teacher's key of the
//                   exercise's sealed text (SHA-256 without a key, which only catches a careless edit)
//   GradeCsv/Html   one row per submission of a class
#include <string>
#include <vector>

#include "config/config.h"
#include "data/task_data.h"

namespace netlab {

// The hidden neurons a goal counts: the units of the hidden layers.
int HiddenNeurons(const Config& config);

// What the seal covers, one "key=value" line each: the task, the course keys (all but `seal` and
// `steps`), and the values of every setting a hidden or locked control edits (CourseControl::keys).
std::string SealedText(const Config& config);
// Lower-case hex of HMAC-SHA256(key, SealedText), or of SHA-256(SealedText) when `key` is empty.
std::string SealExercise(const Config& config, const std::string& key);

struct VerifyOptions {
  std::string key;            // the teacher's key (--key FILE); empty: none given
  const Config* exercise = nullptr;  // the teacher's exercise link (--exercise), compared line by line
};

struct Verdict {
  int status = 2;           // 0 pass, 1 fail, 2 refused
  std::string verdict;      // "pass", "fail" or "refused"
  std::string reason;       // why it failed or was refused; empty on a pass
  std::string task, goal;   // the goal as its terms ("test_loss<0.1,neurons<=4")
  std::vector<std::pair<std::string, double>> achieved;  // the goal's numbers where it was decided
  int neurons = 0;
  long steps = 0, budget = 0;
  std::string seal;         // "hmac", "sha256", "exercise", "unchecked" or "none"
  std::string checked;      // a sentence: what the seal did and did not check
  std::string Json() const;  // one line
};

// Replays `config` (a submitted link) on `data` and checks its goal. `data` is the task's data as the
// command line loads it; the run is made from the task table.
Verdict VerifyExercise(const Config& config, const TaskData& data, const VerifyOptions& options);
// A verdict for a link that could not be read at all.
Verdict RefusedVerdict(const std::string& reason);

// One submission of a class: the student's id and the verdict on their link.
struct GradedRow {
  std::string id;
  Verdict verdict;
};
// "id,verdict,steps,goal,achieved,reason" and a row per submission (RFC 4180 quoting).
std::string GradeCsv(const std::vector<GradedRow>& rows);
// A self-contained HTML page: the counts and the table, for the class.
std::string GradeHtml(const std::vector<GradedRow>& rows, const std::string& title);
// The submissions of a CSV: per line "id,link" (the link may hold commas; a quoted field is unquoted), a
// first line without a link read as a header. False with `error` for a file with no submission.
bool ReadSubmissions(const std::string& text, std::vector<std::pair<std::string, std::string>>& rows, std::string& error);

}  // namespace netlab
