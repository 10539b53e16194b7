// Grading an exercise (grading/exercise.h): the course keys a submission carries, the seal over what a
// student may not change, and the replay's verdict, checked against a fresh run of the same config
// stepped by hand (the page's numbers are the command line's bit for bit, page-equals-headless.test.mjs).
#include <catch2/catch.hpp>

#include <memory>

#include "config/course.h"
#include "core/sha256.h"
#include "grading/exercise.h"
#include "links/config_text.h"
#include "support/config_text.h"
#include "links/share_link.h"
#include "tasks/table.h"

using namespace netlab;

namespace {

// The test loss of `config`'s run after `steps` updates, stepped here and read from its report line.
double TestLossAfter(const Config& config, long steps) {
  std::unique_ptr<TaskRun> run = FindTask(config.task)->make_run(config, TaskData());
  for (long s = 0; s < steps; ++s) run->Step();
  for (const auto& [key, value] : ParseReportNumbers(run->Report()))
    if (key == "test_loss") return value;
  FAIL("no test_loss in the report");
  return 0;
}

const char kExercise[] = "task=playground&dataset=xor&layers=4:tanh&learning_rate=0.03&seed=4&lock=dataset,layers,"
                         "activation&hide=seed&goal_test_loss=0.25&goal_steps=600&goal_text=Fit XOR";

}  // namespace

TEST_CASE("the exercise keys read, write back and survive a share link; bad ones are refused", "[grading]") {
  Config c = Parsed(std::string(kExercise) + "&goal=test_accuracy>0.9,train_loss<0.3&steps=412&seal=" +
                    std::string(64, 'a'));
  REQUIRE(c.course.goal.size() == 2);
  CHECK(c.course.goal[0].metric == "test_accuracy");
  CHECK_FALSE(c.course.goal[0].below);
  CHECK(c.course.goal[1].below);
  CHECK(c.course.goal_steps == 600);
  CHECK(c.course.steps == 412);
  Config back;
  std::string error;
  REQUIRE(DecodeShareLink(EncodeShareLink(c), back, error));
  CHECK(back.course == c.course);
  CHECK(ConfigToText(Config()).find("seal=") == std::string::npos);  // absent from configs without one
  Config bad;
  CHECK_FALSE(ParseConfig("goal=test_accuracy=0.9", bad, error));
  CHECK_FALSE(ParseConfig("goal=Test Loss<0.1", bad, error));
  CHECK_FALSE(ParseConfig("goal_steps=0", bad, error));
  CHECK_FALSE(ParseConfig("seal=12ab", bad, error));
  CHECK(error.find("64 lower-case hexadecimal digits") != std::string::npos);
}

TEST_CASE("the seal covers the locks, the goal and the locked values, not what the student may edit", "[grading]") {
  const Config exercise = Parsed(kExercise);
  const std::string sealed = SealExercise(exercise, "teacher's key");
  CHECK(sealed == Hex(HmacSha256("teacher's key", SealedText(exercise))));
  CHECK(SealExercise(exercise, "") == Hex(Sha256(SealedText(exercise))));
  CHECK(SealExercise(exercise, "another key") != sealed);
  // Editable: the learning rate and the optimizer are neither locked nor hidden.
  CHECK(SealExercise(Parsed(std::string(kExercise) + "&learning_rate=0.1&optimizer=adam"), "teacher's key") == sealed);
  // Each of these changes something the exercise fixed.
  for (const char* edit : {"&dataset=circle", "&layers=8:tanh", "&layers=4:relu", "&layers=4:tanh,2:tanh", "&seed=5",
                           "&goal_test_loss=0.5", "&goal_steps=6000", "&lock=dataset", "&hide=", "&goal_text=x",
                           "&goal=test_accuracy>0.5"}) {
    INFO(edit);
    CHECK(SealExercise(Parsed(std::string(kExercise) + edit), "teacher's key") != sealed);
  }
}

TEST_CASE("--verify's replay passes at the first step the goal holds and agrees with a run stepped by hand", "[grading]") {
  const Config exercise = Parsed(kExercise);
  const Verdict v = VerifyExercise(exercise, TaskData(), VerifyOptions());
  INFO(v.Json());
  REQUIRE(v.verdict == "pass");
  REQUIRE(v.status == 0);
  REQUIRE(v.steps > 0);
  REQUIRE(v.steps <= 600);
  CHECK(v.seal == "none");
  // The first step: the test loss is below 0.25 there and not one step before, in a run stepped here.
  const double at = TestLossAfter(exercise, v.steps), before = TestLossAfter(exercise, v.steps - 1);
  CHECK(at < 0.25);
  CHECK_FALSE(before < 0.25);
  REQUIRE(v.achieved.size() == 1);
  CHECK(v.achieved[0].second == at);
  // The same verdict twice: the replay is deterministic.
  CHECK(VerifyExercise(exercise, TaskData(), VerifyOptions()).Json() == v.Json());

  // A submission with a step count is judged at that step: before the goal held, it fails.
  Config early = exercise;
  early.course.steps = v.steps - 1;
  const Verdict e = VerifyExercise(early, TaskData(), VerifyOptions());
  CHECK(e.verdict == "fail");
  CHECK(e.status == 1);
  CHECK(e.steps == v.steps - 1);
  REQUIRE(e.achieved.size() == 1);
  CHECK(e.achieved[0].second == before);
}

TEST_CASE("--verify refuses what it cannot grade and fails what does not reach the goal", "[grading]") {
  Config over = Parsed(std::string(kExercise) + "&steps=601");
  Verdict v = VerifyExercise(over, TaskData(), VerifyOptions());
  CHECK(v.status == 2);
  CHECK(v.reason.find("asks for 601 steps; the exercise allows 600") != std::string::npos);

  // Too few steps allowed for this network to get there: a fail, with the budget named.
  v = VerifyExercise(Parsed(std::string(kExercise) + "&goal_steps=3"), TaskData(), VerifyOptions());
  CHECK(v.status == 1);
  CHECK(v.steps == 3);
  CHECK(v.reason.find("budget of 3 steps") != std::string::npos);

  v = VerifyExercise(Parsed(std::string(kExercise) + "&goal=test_perplexity<3"), TaskData(), VerifyOptions());
  CHECK(v.status == 2);
  CHECK(v.reason.find("'test_perplexity', which the playground task does not report (it reports: step, epoch, "
                      "train_loss, test_loss") != std::string::npos);

  v = VerifyExercise(Parsed("task=playground&dataset=xor"), TaskData(), VerifyOptions());
  CHECK(v.status == 2);
  CHECK(v.reason.find("no goal") != std::string::npos);

  // With the teacher's key: a sealed link passes the check; an edited lock or a missing seal is refused.
  Config sealed = Parsed(kExercise);
  sealed.course.seal = SealExercise(sealed, "k3y");
  VerifyOptions keyed;
  keyed.key = "k3y";
  v = VerifyExercise(sealed, TaskData(), keyed);
  CHECK(v.status == 0);
  CHECK(v.seal == "hmac");
  Config edited = sealed;
  edited.hidden = {{8, "tanh"}};
  v = VerifyExercise(edited, TaskData(), keyed);
  CHECK(v.status == 2);
  CHECK(v.reason.find("the seal does not match") != std::string::npos);
  Config unsealed = Parsed(kExercise);
  CHECK(VerifyExercise(unsealed, TaskData(), keyed).status == 2);
  // Without the key the keyed seal cannot be checked, and the verdict says so.
  v = VerifyExercise(sealed, TaskData(), VerifyOptions());
  CHECK(v.seal == "unchecked");
  // Against the exercise link itself: the first differing line is named.
  const Config exercise = Parsed(kExercise);
  VerifyOptions against;
  against.exercise = &exercise;
  v = VerifyExercise(edited, TaskData(), against);
  CHECK(v.status == 2);
  CHECK(v.reason.find("'layers.units=8' where the exercise has 'layers.units=4'") != std::string::npos);
}

TEST_CASE("--grade reads 'id,link' lines with commas in the links and writes quoted CSV and HTML", "[grading]") {
  std::vector<std::pair<std::string, std::string>> rows;
  std::string error;
  REQUIRE(ReadSubmissions("student,link\r\nann,task=playground&layers=4:tanh,2:tanh\n\n\"b, c\",\"#x=1\"\n", rows, error));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::make_pair(std::string("ann"), std::string("task=playground&layers=4:tanh,2:tanh")));
  CHECK(rows[1] == std::make_pair(std::string("b, c"), std::string("#x=1")));
  CHECK_FALSE(ReadSubmissions("student,link\n", rows, error));
  CHECK(error.find("no submissions") != std::string::npos);
  Verdict v = RefusedVerdict("the link cannot be read: \"x\"");
  const std::string csv = GradeCsv({{"o'neil, j", v}});
  CHECK(csv == "id,verdict,steps,goal,achieved,reason\n\"o'neil, j\",refused,0,,,\"the link cannot be read: \"\"x\"\"\"\n");
  const std::string html = GradeHtml({{"<b>", v}}, "class");
  CHECK(html.find("&lt;b&gt;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("0 passed, 0 failed, 1 refused") != std::string::npos);
}
