// The lesson keys that replaced hard-coded settings reach their runs: the categorical VAE's latent and
// temperature schedule, deep Q-learning's discount and ε schedule, the attention toy's vocabulary. Each
// is left out of a config's text at its default, so the links written before them read the same.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

#include "config/config.h"
#include "tasks/attention/attention_run.h"
#include "tasks/dqn/dqn_run.h"
#include "tasks/gumbel_vae/gumbel_vae_run.h"
#include "reinforcement/grid_world.h"
#include "support/config_text.h"
#include "support/model_test_helpers.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

// The config of `text` written out as a link and read back.
Config RoundTrip(const std::string& text) { return Parsed(ConfigToText(Parsed(text), '&')); }

}  // namespace

TEST_CASE("the new lesson keys are left out at their defaults and round-trip when set", "[lessons]") {
  const std::string plain = ConfigToText(Config());
  for (const char* key : {"categories", "gumbel_temperature", "gumbel_anneal", "discount", "epsilon_start",
                          "epsilon_end", "epsilon_decay_moves", "vocabulary"})
    CHECK(plain.find(key) == std::string::npos);
  const Config back = RoundTrip("task=gumbel-vae&dataset=digits&layers=32:tanh&latent=2&categories=8&"
                                 "gumbel_temperature=2&gumbel_temperature_min=0.25&gumbel_anneal=0.01");
  CHECK(back.lesson.categories == 8);
  CHECK(back.lesson.gumbel_temperature == 2.0f);
  CHECK(back.lesson.gumbel_temperature_min == 0.25f);
  CHECK(back.lesson.gumbel_anneal == 0.01f);
  const Config d_back = RoundTrip("task=dqn&dataset=gridworld&layers=32:relu&discount=0.5&epsilon_start=0.8&"
                                   "epsilon_end=0.1&epsilon_decay_moves=100");
  CHECK(d_back.lesson.discount == 0.5f);
  CHECK(d_back.lesson.epsilon_start == 0.8f);
  CHECK(d_back.lesson.epsilon_end == 0.1f);
  CHECK(d_back.lesson.epsilon_decay_moves == 100);
  CHECK(Parsed(ConfigToText(Parsed("task=attention&dataset=reverse&layers=16:linear&sequence_length=6&vocabulary=20"))).lesson.vocabulary == 20);
  CHECK(Refusal("task=dqn&dataset=gridworld&layers=32:relu&discount=1").find("discount") != std::string::npos);
  CHECK(Refusal("task=dqn&dataset=gridworld&layers=32:relu&epsilon_end=1.5").find("Epsilon") != std::string::npos);
  CHECK(Refusal("task=gumbel-vae&dataset=digits&layers=32:tanh&gumbel_temperature=0").find("temperature") != std::string::npos);
  CHECK(Refusal("task=gumbel-vae&dataset=digits&layers=32:tanh&latent=16&categories=20").find("256") != std::string::npos);
  CHECK(Refusal("task=gumbel-vae&dataset=digits&layers=32:tanh,32:tanh").find("one hidden layer") != std::string::npos);
  CHECK(Refusal("task=attention&dataset=reverse&layers=16:linear&sequence_length=6&vocabulary=1").find("vocabulary") !=
        std::string::npos);
}

TEST_CASE("with discount 0 the DQN learns Q(s, a) = the immediate reward", "[lessons][dqn]") {
  // γ = 0 makes the target r + 0 · max Q = r, so Q(s, a) is the move's own reward: 1 into the goal, −1
  // into the pit, 0 elsewhere (reinforcement/grid_world.h). ε = 1 throughout (start = end) explores every
  // action evenly, which also shows that the ε keys reach the agent.
  const Config config = Parsed("task=dqn&dataset=gridworld&layers=32:relu&initializer=he_normal&init_scale=1&"
                               "optimizer=adam&learning_rate=0.003&batch_size=32&discount=0&epsilon_start=1&"
                               "epsilon_end=1&seed=3");
  DqnRun run(config, TaskData());
  REQUIRE(run.error().empty());
  CHECK(run.agent().settings().discount == 0.0);
  for (int move = 0; move < 6000; ++move) run.Step();
  CHECK(run.agent().epsilon() == Approx(1.0));
  const GridWorld& world = run.world();
  const Matrix q = run.agent().QValues();
  double worst = 0.0;
  for (int s : world.starts())
    for (int a = 0; a < kGridActions; ++a) {
      const double reward = world.Move(s, a).reward;
      CHECK(run.optimal_values()[size_t(s)] >= reward);  // V*(s) = max_a r(s, a) when γ = 0
      worst = std::max(worst, std::abs(double(q(s, a)) - reward));
    }
  INFO("largest |Q(s, a) - r(s, a)| after 6,000 moves: " << worst);
  CHECK(worst < 0.1);  // rewards are 1 apart: 0.1 tells every action's reward from the next
}

TEST_CASE("the attention run reads its vocabulary from the config", "[lessons][attention]") {
  const Config config = Parsed("task=attention&dataset=reverse&layers=16:linear&sequence_length=6&vocabulary=20");
  AttentionRun run(config, TaskData());
  REQUIRE(run.error().empty());
  CHECK(run.vocabulary() == 20);
  CHECK(run.model().vocabulary() == 20);
  std::set<int> seen;
  for (const std::vector<int>& sequence : run.test())
    for (int token : sequence) seen.insert(token);
  // 200 test sequences of 6 draw 1,200 tokens: every one of 20 appears (P(one missing) < 20 · 0.95^1200).
  CHECK(seen.size() == 20);
  CHECK(*seen.rbegin() == 19);
}

TEST_CASE("the gumbel-vae run reads its latent and temperature schedule from the config", "[lessons][gumbel]") {
  TaskData data;
  LoadDigitsSplit(data.train, data.test);
  const Config config = Parsed("task=gumbel-vae&dataset=digits&layers=16:tanh&latent=3&categories=4&"
                               "gumbel_temperature=2&gumbel_temperature_min=0.3&gumbel_anneal=0.01&seed=2");
  GumbelVaeRun run(config, data);
  REQUIRE(run.error().empty());
  CHECK(run.vae().groups() == 3);
  CHECK(run.vae().categories() == 4);
  CHECK(run.Temperature() == Approx(2.0));
  for (int i = 0; i < 100; ++i) run.Step();
  CHECK(run.Temperature() == Approx(2.0 * std::exp(-1.0)));  // τ0 e^{−0.01 · 100}
  for (int i = 0; i < 100; ++i) run.Step();
  CHECK(run.Temperature() == Approx(0.3));  // 2 e^{−2} = 0.27 is under the floor 0.3
  // Binarised pixels: only 0 and 1.
  CHECK((run.test_rows().array() * (1.0f - run.test_rows().array())).abs().maxCoeff() == 0.0f);
}
