// The update every supervised step shares (train/update_step.h), against a case worked by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "train/update_step.h"

using namespace netlab;

TEST_CASE("One update applies L2, reports the norm, clips, and steps with the scheduled rate", "[train][update]") {
  Matrix w(1, 2), g(1, 2), b(1, 1), gb(1, 1);
  w << 3.0f, 4.0f;
  g << 0.0f, 0.0f;
  b << 1.0f;
  gb << 0.0f;
  std::vector<ParameterRef> parameters = {{&w, &g, true}, {&b, &gb, false}};
  Config c;
  c.optimizer.kind = "sgd";
  c.optimizer.learning_rate = 0.1f;
  c.regularization.l2 = 0.5f;
  c.regularization.clip_norm = 1.0f;
  auto optimizer = CreateOptimizer(c.optimizer);
  std::vector<float> norms;
  const UpdateResult r = ApplyUpdate(c, *optimizer, parameters, 0, norms);
  // L2 adds 0.5 w = (1.5, 2) to the weights' gradient (not the bias's): norm 2.5, clipped to 1 -> (0.6, 0.8).
  REQUIRE(norms.size() == 1);
  CHECK(norms[0] == Approx(2.5f));
  CHECK(r.gradient_norm == Approx(2.5));
  CHECK(w(0, 0) == Approx(3.0f - 0.1f * 0.6f));
  CHECK(w(0, 1) == Approx(4.0f - 0.1f * 0.8f));
  CHECK(b(0, 0) == 1.0f);
  CHECK(r.diverged.empty());
  // A weight driven to infinity is reported with the step count.
  g << 0.0f, 0.0f;
  w(0, 0) = INFINITY;
  const UpdateResult bad = ApplyUpdate(c, *optimizer, parameters, 6, norms);
  CHECK(bad.diverged.find("step 7") != std::string::npos);
}
