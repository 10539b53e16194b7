// The training history as CSV: one header, one row per reported point, every metric, missing values empty.
#include <catch2/catch.hpp>

#include <cmath>

#include "data/csv.h"
#include "train/history_csv.h"
#include "train/trainer.h"

using namespace netlab;

TEST_CASE("history CSV has a row per point with every metric", "[train][csv]") {
  MetricsPoint a;  // hand-set values, each exactly representable so %.9g prints them as written
  a.step = 0;
  a.epoch = 0.5;
  a.train_loss = 0.75;
  a.test_loss = 1.25;
  a.train_accuracy = 0.5;
  a.test_accuracy = 0.25;
  a.validation_loss = NAN;  // no validation split
  a.learning_rate = 0.03125;
  a.gradient_norm = 2;
  a.layer_gradient_norms = {1.5f, 0.5f};
  MetricsPoint b = a;
  b.step = 100;
  b.validation_loss = 0.125;
  b.layer_gradient_norms = {3.0f};
  const std::string csv = HistoryCsv({a, b});
  CHECK(csv ==
        "step,epoch,train_loss,test_loss,train_accuracy,test_accuracy,validation_loss,learning_rate,gradient_norm,"
        "gradient_norm_layer_1,gradient_norm_layer_2\n"
        "0,0.5,0.75,1.25,0.5,0.25,,0.03125,2,1.5,0.5\n"
        "100,0.5,0.75,1.25,0.5,0.25,0.125,0.03125,2,3,\n");
}

TEST_CASE("a real trainer's history gives one CSV row per evaluation", "[train][csv]") {
  Config config;
  config.regularization.validation_fraction = 0.2f;  // so validation_loss is filled
  Trainer trainer(config);
  trainer.Evaluate();
  for (int s = 0; s < 20; ++s) trainer.Step();
  trainer.Evaluate();
  const std::string csv = HistoryCsv(trainer.history());
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  for (size_t end; (end = csv.find('\n', start)) != std::string::npos; start = end + 1)
    rows.push_back(SplitCsvLine(csv.substr(start, end - start), ','));
  REQUIRE(rows.size() == trainer.history().size() + 1);  // header + one per evaluation
  for (const auto& row : rows) CHECK(row.size() == rows[0].size());
  CHECK(rows[2][0] == "20");  // step column after 20 steps
  double test_loss = 0, validation_loss = 0;
  REQUIRE(ParseNumber(rows[2][3], test_loss));
  CHECK(float(test_loss) == float(trainer.history()[1].test_loss));
  CHECK(ParseNumber(rows[2][6], validation_loss));  // held-out split: a number, not empty
}

TEST_CASE("report lines become a CSV with a column per key, in the order keys first appear", "[train]") {
  // Written by hand from RFC 4180: a phase's line lacks keys (empty cells), an error's text has spaces and
  // a comma (quoted), a quote doubles.
  const std::vector<std::string> lines = {
      "step=0 phase=pretraining layer=1",
      "step=45 phase=fine_tuning test_error=0.5",
      "step=46 error=The loss became NaN, lower the \"learning rate\"",
  };
  CHECK(ReportLinesCsv(lines) ==
        "step,phase,layer,test_error,error\n"
        "0,pretraining,1,,\n"
        "45,fine_tuning,,0.5,\n"
        "46,,,,\"The loss became NaN, lower the \"\"learning rate\"\"\"\n");
  CHECK(ReportLinesCsv({}) == "\n");
}
