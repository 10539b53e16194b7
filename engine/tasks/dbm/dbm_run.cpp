// The deep Boltzmann machine lesson: mean-field bounds with an exact log Z (lessons/dbm_run.h).
#include "tasks/dbm/dbm_run.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "models/made.h"  // Binarize

namespace netlab {

DbmRun::DbmRun(const Config& config, const TaskData& data)
    : RunBase(config),
      dbm_(std::max(data.inputs(), 1), config.hidden.size() == 2 ? config.hidden[0].units : 1,
           config.hidden.size() == 2 ? config.hidden[1].units : 1) {
  if (data.train.features.rows() == 0 || data.test.features.rows() == 0) {
    error_ = "The data set has no training or test samples.";
    return;
  }
  if (config.hidden.size() != 2 || config.hidden[0].units > kMaxDbmEnumerated) {
    error_ = "The deep Boltzmann machine has two dense layers, the first of at most " +
             std::to_string(kMaxDbmEnumerated) + " units.";
    return;
  }
  train_ = Binarize(data.train.features);
  epoch_rows_ = long(train_.rows());
  test_ = Binarize(data.test.features);
  dbm_.Initialize(rng_);
  settings_.mean_field_steps = kMeanFieldSteps;
  settings_.chains = kChains;
  settings_.gibbs_steps = config.family.cd_k;
  settings_.learning_rate = config.optimizer.learning_rate;
  settings_.momentum = config.optimizer.momentum;
  settings_.weight_decay = config.regularization.l2;
  StartMeasure();  // epoch 0
  FinishMeasure();
}

void DbmRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  AdvanceMeasure(kStatesPerStep);
  const bool epoch_ended = NextBatch(train_, batch_);
  dbm_.TrainStep(batch_, settings_, rng_);
  ++updates_;
  if (!dbm_.w1.allFinite() || !dbm_.w2.allFinite())
    diverged_ = "A weight became NaN or infinite: lower the learning rate and press Reset.";
  else if (epoch_ended) {
    FinishMeasure();
    StartMeasure();
  }
}


void DbmRun::StartMeasure() {
  pending_ = std::make_unique<Pending>(Pending{Point(), dbm_, StateSum(dbm_.hidden1())});
  Point& p = pending_->point;
  p.epoch = epochs_done();
  p.train_bound = MeanFieldBound(dbm_, train_, kMeanFieldSteps, 0.0);
  p.test_bound = MeanFieldBound(dbm_, test_, kMeanFieldSteps, 0.0);
}

void DbmRun::AdvanceMeasure(long states) {
  if (!pending_) return;
  Pending& m = *pending_;
  auto add = [&m](long first, long count, RunningLogSumExp& total) { AddDbmHiddenStates(m.dbm, first, count, total); };
  if (!m.log_z.Advance(states, add)) return;
  m.point.log_z = m.log_z.Value();
  m.point.train_bound -= m.point.log_z;
  m.point.test_bound -= m.point.log_z;
  history_.push_back(m.point);
  pending_.reset();
}

void DbmRun::FinishMeasure() {
  if (pending_) AdvanceMeasure(pending_->log_z.states());
}

std::string DbmRun::ReportLine() {
  if (!error_.empty()) return "error=" + error_;
  FinishMeasure();
  const Point& p = history_.back();
  std::ostringstream line;
  line << Prefix() << " train_bound=" << JsonNumber(p.train_bound)
       << " test_bound=" << JsonNumber(p.test_bound) << " log_z=" << JsonNumber(p.log_z);
  return line.str();
}

std::string ValidateDbm(const Config& c) {
  if (!c.hidden.empty() && c.hidden[0].units > 20)
    return "The deep Boltzmann machine has two dense layers, the first of at most 20 units (its log Z sums "
           "over their 2^h1 states).";
  return "";
}

}  // namespace netlab
