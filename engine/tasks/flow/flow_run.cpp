#include "tasks/flow/flow_run.h"

#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "flows/targets.h"
#include "data/task_data.h"

namespace netlab {

FlowSettings FlowSettingsOf(const Config& config) {
  FlowSettings s;
  s.kind = config.lesson.flow;
  s.layers = config.lesson.flow_layers;
  s.hidden = config.hidden.empty() ? 16 : config.hidden[0].units;
  s.learning_rate = config.optimizer.learning_rate;
  s.batch_size = config.batch_size;
  s.target = config.data.kind;
  for (const PaintedPoint& p : config.data.painted) s.drawn.push_back({p.x, p.y});
  return s;
}

FlowRun::FlowRun(const Config& config, const TaskData&) : RunBase(config), trainer_(FlowSettingsOf(config)) {
  report_every_ = 200;
  trainer_.Reset(config.seed);
  error_ = trainer_.error();
  if (!error_.empty()) return;
  const FlowSettings settings = FlowSettingsOf(config);
  Rng rng(DataSeed(config.seed));  // apart from the training batches' stream
  held_out_.resize(2000);
  double mx = 0.0, my = 0.0;
  for (Point2& p : held_out_) {
    p = SampleFlowTarget(settings.target, settings.drawn, rng);
    mx += p.x;
    my += p.y;
  }
  const double n = double(held_out_.size());
  mx /= n;
  my /= n;
  double sxx = 0.0, syy = 0.0, sxy = 0.0;
  for (const Point2& p : held_out_) {
    sxx += (p.x - mx) * (p.x - mx);
    syy += (p.y - my) * (p.y - my);
    sxy += (p.x - mx) * (p.y - my);
  }
  const double det = (sxx / n) * (syy / n) - (sxy / n) * (sxy / n);
  gaussian_log_likelihood_ = -1.8378770664093453 - 0.5 * std::log(det) - 1.0;  // log 2π = 1.8378770664...
}

void FlowRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  trainer_.Step();
  ++updates_;
  if (!std::isfinite(trainer_.last_log_likelihood()))
    diverged_ = "The log-likelihood became NaN or infinite: lower the learning rate and press Reset.";
}

double FlowRun::HeldOutLogLikelihood() const {
  double sum = 0.0;
  for (const Point2& p : held_out_) sum += trainer_.flow().LogDensity(p);
  return held_out_.empty() ? 0.0 : sum / double(held_out_.size());
}

std::string FlowRun::ReportLine() {
  std::ostringstream line;
  line << Prefix() << " log_likelihood=" << JsonNumber(HeldOutLogLikelihood())
       << " gaussian_log_likelihood=" << JsonNumber(gaussian_log_likelihood_);
  return line.str();
}

std::string ValidateFlow(const Config& c) {
  if (c.data.kind == "drawn" && c.data.painted.empty())
    return "The drawn target needs points (points=x:y:label,...): draw some first.";
  return "";
}

}  // namespace netlab
