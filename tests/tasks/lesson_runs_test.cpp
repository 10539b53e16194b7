// The lessons as workbench tasks (engine/lessons): read from a config like any task, built by
// the task table's make_run, and training to known results — the perceptron stops within Novikoff's bound on the
// task's separable points and cycles on its XOR corners; the flow's fitted-Gaussian baseline is the
// closed form on a Gaussian target, and a coupling flow beats it on the ring.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "config/config.h"
#include "links/share_link.h"
#include "flows/targets.h"
#include "tasks/flow/flow_run.h"
#include "tasks/perceptron/perceptron_run.h"
#include "support/config_text.h"
#include "tasks/table.h"
#include "links/config_text.h"

using namespace netlab;

TEST_CASE("the lessons' keys read, write only when set, and refuse bad values with a message", "[lessons]") {
  const Config plain;
  const std::string text = ConfigToText(plain);
  for (const char* key : {"perceptron_rule", "perceptron_update", "flow=", "flow_layers", "label_noise"})
    CHECK(text.find(key) == std::string::npos);  // default: left out, so older links read as before
  const Config c = Parsed("task=perceptron&dataset=xor&perceptron_rule=sigmoid&perceptron_update=batch");
  CHECK(c.lesson.perceptron_rule == "sigmoid");
  CHECK(c.lesson.perceptron_update == "batch");
  const Config back = Parsed(ConfigToText(c, '&'));
  CHECK(back.lesson.perceptron_rule == "sigmoid");
  CHECK(back.lesson.perceptron_update == "batch");
  const Config f = Parsed("task=flow&dataset=ring&flow=planar&flow_layers=12&layers=8:tanh");
  CHECK(Parsed(ConfigToText(f)).lesson.flow_layers == 12);
  // A link keeps only the keys that differ from the task's defaults, also after keys left out while empty
  // (here the painted points and flow's lesson keys), which shift the positions of the rest.
  const Config drawn = Parsed("task=flow&dataset=drawn&points=1:1:0,-1:0.5:0&flow_layers=12&layers=8:tanh");
  const std::string compact = CompactConfigText(drawn);
  CHECK(compact.find("flow_layers=12") != std::string::npos);
  CHECK(compact.find("points=") != std::string::npos);
  CHECK(compact.find("layout=") == std::string::npos);
  CHECK(compact.find("view=") == std::string::npos);  // the flow's first view: its task's default
  CHECK(compact.find("task=flow") != std::string::npos);
  CHECK(ConfigToText(Parsed(compact)) == ConfigToText(drawn));
  CHECK(Refusal("task=perceptron&dataset=separable&perceptron_rule=hebb").find("perceptron_rule") != std::string::npos);
  CHECK(Refusal("task=flow&dataset=ring&flow=glow&layers=8:tanh").find("Unknown flow") != std::string::npos);
  CHECK(Refusal("task=flow&dataset=ring&layers=8:tanh,8:tanh").find("one dense layer") != std::string::npos);
  CHECK(Refusal("task=flow&dataset=drawn&layers=8:tanh").find("points") != std::string::npos);
  CHECK(Refusal("task=flow&dataset=moons&layers=8:tanh").find("two_moons") != std::string::npos);
  CHECK(Refusal("task=flow&flow_layers=33&dataset=ring&layers=8:tanh").find("flow_layers") != std::string::npos);
  CHECK(Refusal("task=classify&dataset=digits&label_noise=1.5").find("label_noise (Shuffled labels) must be between 0 and 1, not 1.5") != std::string::npos);
}

TEST_CASE("the perceptron task stops within Novikoff's bound on its separable points", "[lessons]") {
  const Config config = Parsed("task=perceptron&dataset=separable&samples=60&layers=&learning_rate=1&seed=3");
  std::unique_ptr<TaskRun> run = FindTask(config.task)->make_run(config, TaskData());
  REQUIRE(run);
  REQUIRE(run->error().empty());
  auto& perceptron_run = dynamic_cast<PerceptronRun&>(*run);
  // Novikoff (1962): from w = 0 at most (R/γ)² mistakes, with R the largest ‖(x, 1)‖ and γ the margin
  // of a unit separator in the same augmented space: (0.8, −0.6, 0.3)/‖·‖ keeps every point ≥ 0.2/‖·‖.
  const PerceptronPoints& points = perceptron_run.points();
  double r2 = 0.0;
  for (int i = 0; i < points.points.rows(); ++i)
    r2 = std::max(r2, double(points.points.row(i).squaredNorm()) + 1.0);
  const double gamma = 0.2 / std::sqrt(0.8 * 0.8 + 0.6 * 0.6 + 0.3 * 0.3);
  int epochs = 0;
  while (perceptron_run.perceptron().Errors() > 0 && epochs < 1000) {
    for (long i = 0; i < run->StepsPerReport(); ++i) run->Step();
    ++epochs;
  }
  CHECK(perceptron_run.perceptron().Errors() == 0);
  CHECK(double(perceptron_run.perceptron().updates()) <= r2 / (gamma * gamma));
  CHECK(run->ReportLine().find("errors=0 ") != std::string::npos);
}

TEST_CASE("the perceptron task cycles on XOR: never all right, and an epoch's weights come back", "[lessons]") {
  const Config config = Parsed("task=perceptron&dataset=xor&samples=12&layers=&learning_rate=1");
  std::unique_ptr<TaskRun> run = FindTask(config.task)->make_run(config, TaskData());
  REQUIRE(run);
  auto& perceptron_run = dynamic_cast<PerceptronRun&>(*run);
  std::set<std::tuple<double, double, double>> seen;
  bool repeated = false;
  for (int epoch = 0; epoch < 50; ++epoch) {
    for (long i = 0; i < run->StepsPerReport(); ++i) run->Step();
    CHECK(perceptron_run.perceptron().Errors() > 0);  // no line separates XOR (Minsky & Papert 1969)
    const PerceptronWeights& w = perceptron_run.perceptron().weights();
    repeated = repeated || !seen.insert({w.w1, w.w2, w.b}).second;
  }
  CHECK(repeated);  // integer steps on integer corners: the weights live on a finite set (Block & Levin 1970)
}

TEST_CASE("the flow task's Gaussian baseline is the closed form, and a coupling flow beats it on the ring",
          "[lessons]") {
  // On the Gaussian target the fitted Gaussian is the truth: its mean log-density is −log 2π −
  // log(l11 l22) − 1 (the entropy's negative), up to sampling error on 2,000 points (about 0.03).
  const GaussianTarget truth;
  const double closed_form = -std::log(2.0 * 3.141592653589793) - std::log(truth.l11 * truth.l22) - 1.0;
  FlowRun gaussian(Parsed("task=flow&dataset=gaussian&layers=8:tanh"), TaskData());
  REQUIRE(gaussian.error().empty());
  CHECK(gaussian.gaussian_log_likelihood() == Approx(closed_form).margin(0.05));

  Config ring = Parsed("task=flow&dataset=ring&flow=affine_coupling&flow_layers=8&layers=16:tanh&learning_rate=0.005&batch_size=256");
  FlowRun run(ring, TaskData());
  REQUIRE(run.error().empty());
  const double before = run.HeldOutLogLikelihood();
  for (int i = 0; i < 400; ++i) run.Step();
  const double after = run.HeldOutLogLikelihood();
  INFO("before " << before << ", after " << after << ", Gaussian " << run.gaussian_log_likelihood());
  CHECK(after > before);
  CHECK(after > run.gaussian_log_likelihood() + 0.3);
}
