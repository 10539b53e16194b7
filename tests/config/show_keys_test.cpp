// What the views show (Config::show, the page's keys): every key survives a link, a default is left out of
// it, and a bad value is refused with what the key accepts.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "config/config_text.h"
#include "links/config_text.h"

using namespace netlab;

TEST_CASE("the views' keys survive the text round trip and stay out of a default link", "[config]") {
  Config c;
  const std::string plain = ConfigToText(c, '&');
  for (const char* key : {"log_scale", "test_image", "gumbel_alpha", "race", "backprop", "errors_cell", "paint_class",
                          "sample_temperature", "prompt"})
    CHECK(plain.find(std::string(key) + "=") == std::string::npos);
  ShowConfig& s = c.show;
  s.log_scale = true;
  s.test_data = false;
  s.paint_class = 0;
  s.paint_value = -0.25f;
  s.test_image = 42;
  s.discriminator_surface = false;
  s.sample_gibbs_steps = 17;
  s.wave_frequency = 0.55f;
  s.gumbel_alpha = {0.5f, 1.5f, 2.5f, 19.0f};
  s.backprop = {-0.5, 0.25, 2, 4, 1};
  s.backprop_step = 0.125f;
  s.race_surface = "beale";
  s.racers = {{"adam", 0.05f, true}, {"sgd", 0.001f, false}};
  s.race_speed = 12;
  s.diffusion_t = 60;
  s.sample_temperature = 1.25f;
  s.prompt = "Each licensee is addressed as";
  s.network = 1;
  s.cell_truth = 3, s.cell_predicted = 8;
  for (char separator : {'\n', '&'}) {
    Config back;
    std::string error;
    REQUIRE(ParseConfig(ConfigToText(c, separator), back, error));
    CHECK(ConfigToText(back) == ConfigToText(c));
    CHECK(back.show.gumbel_alpha == s.gumbel_alpha);
    CHECK(back.show.backprop == s.backprop);
    REQUIRE(back.show.racers.size() == 2);
    CHECK((back.show.racers[1].kind == "sgd" && !back.show.racers[1].on && back.show.racers[1].learning_rate == 0.001f));
    CHECK((back.show.cell_truth == 3 && back.show.cell_predicted == 8));
    CHECK(back.show.diffusion_t == 60);
    CHECK(back.show.sample_temperature == 1.25f);
    CHECK(back.show.prompt == "Each licensee is addressed as");
  }
}

TEST_CASE("a bad value of a view's key is refused, naming what it accepts", "[config]") {
  struct Case {
    const char* text;
    const char* named;  // what the message must say
  };
  const Case cases[] = {
      {"race=adam:0.05,lbfgs:0.1", "optimizers: sgd"},
      {"race=adam:5", "steps between 1e-05 and 1"},
      {"race=adam:0.1:maybe", "optimizer:step:off"},
      {"race_surface=himmelblau", "rosenbrock"},
      {"gumbel_alpha=1,2,3", "four weights"},
      {"gumbel_alpha=1,2,3,100", "between 0.05 and 20"},
      {"backprop=1,2,3,4", "five numbers"},
      {"errors_cell=3", "true and predicted"},
      {"test_image=-1", "test_image"},
      {"sample_gibbs_steps=5000", "1000"},
      {"sample_temperature=3", "sample_temperature"},
  };
  for (const Case& k : cases) {
    Config c;
    std::string error;
    INFO(k.text);
    CHECK_FALSE(ParseConfig(k.text, c, error));
    CHECK(error.find(k.named) != std::string::npos);
  }
}
