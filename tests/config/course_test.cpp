// Course keys (config/course.h): hidden and locked controls and the exercise's goal, read and written
// like every other key, refused with a sentence when they name nothing, and carried by TF Playground links.
#include <catch2/catch.hpp>

#include <algorithm>

#include "config/course.h"
#include "links/share_link.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("course keys read, write back and survive a share link", "[config][course]") {
  Config c;
  std::string error;
  REQUIRE(ParseConfig("hide=learning_rate,seed&lock=dataset,features&goal_test_loss=0.1&goal_max_neurons=4"
                      "&goal_text=Separate the spiral", c, error));
  REQUIRE(c.course.hidden == std::vector<std::string>{"learning_rate", "seed"});
  REQUIRE(c.course.locked == std::vector<std::string>{"dataset", "features"});
  REQUIRE(c.course.goal_test_loss == 0.1f);
  REQUIRE(c.course.goal_max_neurons == 4);
  REQUIRE(c.course.goal_text == "Separate the spiral");
  Config back;
  REQUIRE(DecodeShareLink(EncodeShareLink(c), back, error));
  REQUIRE(back.course == c.course);
  // A config without them writes none of the keys (old links and texts stay as they were).
  REQUIRE(ConfigToText(Config()).find("goal_") == std::string::npos);
  REQUIRE(ConfigToText(Config()).find("hide=") == std::string::npos);
}

TEST_CASE("unknown controls and impossible goals are refused with a sentence", "[config][course]") {
  Config c;
  std::string error;
  REQUIRE_FALSE(ParseConfig("hide=learning_rat", c, error));
  REQUIRE(error.find("Unknown control 'learning_rat' in hide") == 0);
  REQUIRE_FALSE(ParseConfig("lock=warp_drive", c, error));
  REQUIRE(error.find("in lock") != std::string::npos);
  REQUIRE_FALSE(ParseConfig("goal_max_neurons=4", c, error));
  REQUIRE(error.find("needs goal_test_loss") != std::string::npos);
  REQUIRE_FALSE(ParseConfig("goal_test_loss=-1", c, error));
}

TEST_CASE("the goal is met below the loss with few enough neurons", "[config][course]") {
  CourseConfig course;
  course.goal_test_loss = 0.1f;
  course.goal_max_neurons = 4;
  REQUIRE(EvaluateGoal(course, 0.05, 4).met);
  REQUIRE_FALSE(EvaluateGoal(course, 0.05, 5).met);  // too many neurons
  REQUIRE_FALSE(EvaluateGoal(course, 0.2, 3).met);   // loss too high
  REQUIRE_FALSE(EvaluateGoal(course, 0.1000001, 3).met);  // strictly below
  REQUIRE_FALSE(EvaluateGoal(course, std::nan(""), 3).met);
  REQUIRE(EvaluateGoal(course, 0.231, 6).summary ==
          "Goal: test loss < 0.1 with at most 4 neurons. Now 0.231 with 6 neurons.");
  course.goal_max_neurons = 0;  // no limit
  REQUIRE(EvaluateGoal(course, 0.05, 200).met);
  REQUIRE_FALSE(EvaluateGoal(CourseConfig(), 0.0, 0).met);  // no goal, nothing to meet
}

TEST_CASE("TF Playground's _hide keys hide Netlab's controls; course keys ride on its links", "[config][course][tfplayground]") {
  Config c;
  std::string error;
  std::vector<std::string> notices;
  REQUIRE(DecodeShareLink("https://playground.tensorflow.org/#learningRate_hide=true&networkShape_hide=true"
                          "&xSquared_hide=true&problem_hide=true&seed=1&lock=dataset&goal_test_loss=0.05",
                          c, error, &notices));
  REQUIRE(c.tf_playground);
  REQUIRE(Has(c.course.hidden, "learning_rate"));
  REQUIRE(Has(c.course.hidden, "layers"));
  REQUIRE(Has(c.course.hidden, "x1_squared"));
  REQUIRE(c.course.locked == std::vector<std::string>{"dataset"});
  REQUIRE(c.course.goal_test_loss == 0.05f);
  // The faithful link keeps TF Playground's own keys and the course keys it cannot hold.
  const std::string link = EncodeShareLink(c);
  REQUIRE(link.find("learningRate_hide=true") != std::string::npos);
  REQUIRE(link.find("lock=dataset") != std::string::npos);
  Config back;
  REQUIRE(DecodeShareLink(link, back, error));
  REQUIRE(back.course == c.course);
}

TEST_CASE("regression #29: a TF Playground link whose course key names playground.tensorflow.org opens once",
          "[config][course][tfplayground][regression]") {
  // Found by config_link_fuzz in a 300-s run: DecodeShareLink -> DecodeTfPlaygroundLink -> ReadCourseKeys
  // -> DecodeShareLink on the course keys, which named TF Playground's host and so were a TF Playground
  // link again, without end (a stack overflow natively, a dead tab in the page). The input and its
  // minimised forms are in tests/fuzz/corpus/config_link/ (issue29_*).
  const std::string found = "https://playground.tensorflow.org/#activation=tanh&goal_text=playground.tensorflow.org";
  Config c;
  std::string error;
  REQUIRE(DecodeShareLink(found, c, error));
  REQUIRE(c.tf_playground);
  REQUIRE(c.course.goal_text == "playground.tensorflow.org");
  // Minimised (10 bytes, crashed the old reader too): a name that is a course key ("goal_...") and a TF
  // Playground key ("..._hide") at once. Read once, it is not of the form key=value: refused with a
  // message naming it.
  Config minimised;
  REQUIRE_FALSE(DecodeShareLink("goal__hide", minimised, error));
  REQUIRE(error.find("goal__hide") != std::string::npos);
  // A fragment whose value names the host is no TF Playground link: only an address before '#' is. It
  // opens Netlab's defaults and says what it ignored.
  Config host;
  std::vector<std::string> notices;
  REQUIRE(DecodeShareLink("goal_=playground.tensorflow.org", host, error, &notices));
  REQUIRE_FALSE(host.tf_playground);
  REQUIRE(std::any_of(notices.begin(), notices.end(),
                      [](const std::string& n) { return n.find("'goal_'") != std::string::npos; }));
  // The round trip the fuzz target checks: what opened re-encodes to a link that opens the same.
  Config back;
  REQUIRE(DecodeShareLink(EncodeShareLink(c), back, error));
  REQUIRE(ConfigToText(back) == ConfigToText(c));
}

TEST_CASE("a Netlab link whose goal names TF Playground's host stays a Netlab link", "[config][course][tfplayground]") {
  // Found by config_link_fuzz after #29's fix: the plain link written for a goal_text naming the host
  // was read back as TF Playground's defaults (the host anywhere in a link made it a TF link).
  Config c;
  std::string error;
  REQUIRE(DecodeShareLink("goal_text=Beat%20playground.tensorflow.org&optimizer=sgd&seed=3", c, error));
  REQUIRE_FALSE(c.tf_playground);
  Config back;
  REQUIRE(DecodeShareLink(EncodeShareLink(c), back, error));
  REQUIRE_FALSE(back.tf_playground);
  REQUIRE(ConfigToText(back) == ConfigToText(c));
}

TEST_CASE("course keys whose text names TF Playground are read once, not as another TF link", "[config][course][tfplayground]") {
  // The course keys are read back as a Netlab fragment; read as a share link, a value naming TF
  // Playground made them a TF link again, whose course keys were read again, without end (found by
  // config_link_fuzz: a stack overflow).
  Config c;
  std::string error;
  REQUIRE(DecodeShareLink("https://playground.tensorflow.org/#seed=1&goal_text=Beat%20playground.tensorflow.org"
                          "&goal_test_loss=0.2",
                          c, error));
  REQUIRE(c.tf_playground);
  REQUIRE(c.course.goal_text == "Beat playground.tensorflow.org");
  REQUIRE(c.course.goal_test_loss == 0.2f);
  // A course key that is itself a TF Playground key name is refused with a message, not followed.
  Config unchanged;
  REQUIRE_FALSE(DecodeShareLink("playground.tensorflow.org/#seed=1&hide=learningRate_hide", unchanged, error));
  REQUIRE_FALSE(error.empty());
}
