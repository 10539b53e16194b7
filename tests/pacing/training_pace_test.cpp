// TrainingPace: a step dearer than the frame's budget runs once per three step-times; cheaper steps run
// every frame.
#include <catch2/catch.hpp>

#include "pacing/training_pace.h"

using netlab::TrainingPace;

TEST_CASE("Steps within the budget train every frame", "[train][pace]") {
  TrainingPace pace;
  REQUIRE(pace.ShouldTrain(0.003, 0.0));  // nothing measured yet
  pace.Trained(10, 0.003, 0.0);           // 0.3 ms a step
  for (int frame = 1; frame < 5; ++frame) REQUIRE(pace.ShouldTrain(0.003, frame / 30.0));
}

TEST_CASE("A step dearer than the budget waits twice its time after the last one", "[train][pace]") {
  TrainingPace pace;
  pace.Trained(1, 0.012, 1.000);  // one 12 ms step, ending at t = 1 s; the budget is 3 ms
  REQUIRE_FALSE(pace.ShouldTrain(0.003, 1.010));
  REQUIRE_FALSE(pace.ShouldTrain(0.003, 1.0239));
  REQUIRE(pace.ShouldTrain(0.003, 1.0241));  // 2 x 12 ms later: training takes a third of the time
  // A bigger budget (a lighter frame) lets the same step run every frame.
  REQUIRE(pace.ShouldTrain(0.012, 1.001));
  // The cost is smoothed: a 4 ms step next makes it (12 + 4) / 2 = 8 ms, a 16 ms wait.
  pace.Trained(1, 0.004, 2.000);
  REQUIRE_FALSE(pace.ShouldTrain(0.003, 2.0159));
  REQUIRE(pace.ShouldTrain(0.003, 2.0161));
  // A frame that trained nothing changes nothing; a new model forgets the cost.
  pace.Trained(0, 0.0, 3.0);
  REQUIRE_FALSE(pace.ShouldTrain(0.003, 2.0100));
  pace.Reset();
  REQUIRE(pace.ShouldTrain(0.003, 2.0100));
}
