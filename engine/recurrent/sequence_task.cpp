#include "recurrent/sequence_task.h"

#include <cmath>

#include "recurrent/gru.h"
#include "nn/initializer.h"
#include "recurrent/lstm.h"
#include "recurrent/simple_rnn.h"
#include "optim/regularization.h"

namespace netlab {

void MakeSineBatch(int batch, int steps, float noise, Rng& rng, SineBatch& out) {
  out.inputs.resize(size_t(steps));
  out.targets.resize(size_t(steps));
  for (int t = 0; t < steps; ++t) {
    out.inputs[size_t(t)].resize(batch, 1);
    out.targets[size_t(t)].resize(batch, 1);
  }
  for (int n = 0; n < batch; ++n) {
    const float omega = rng.Uniform(kSineMinOmega, kSineMaxOmega), phase = rng.Uniform(0.0f, 6.2831853f);
    for (int t = 0; t < steps; ++t) {
      out.inputs[size_t(t)](n, 0) = std::sin(omega * float(t) + phase) + (noise > 0.0f ? noise * rng.Normal() : 0.0f);
      out.targets[size_t(t)](n, 0) = std::sin(omega * float(t + 1) + phase);
    }
  }
}

std::unique_ptr<RecurrentLayer> CreateRecurrentCell(const std::string& kind, int inputs, int hidden, Rng& rng) {
  if (kind == "lstm") {
    auto cell = std::make_unique<Lstm>(inputs, hidden);
    cell->Initialize(rng);
    return cell;
  }
  if (kind == "gru") {
    auto cell = std::make_unique<Gru>(inputs, hidden);
    cell->Initialize(rng);
    return cell;
  }
  if (kind == "rnn") {
    auto cell = std::make_unique<SimpleRnn>(inputs, hidden);
    cell->Initialize(rng);
    return cell;
  }
  return nullptr;
}

SineRegressor::SineRegressor(const std::string& cell_kind, int hidden, Rng& rng)
    : cell_(CreateRecurrentCell(cell_kind, 1, hidden, rng)), readout_(hidden, 1) {
  if (!cell_) return;
  FindInitializer("xavier_normal")->fill(readout_.weights, 1.0f, rng);
  cell_->CollectParameters(parameters_);
  readout_.CollectParameters(parameters_);
}

double SineRegressor::Forward(const Sequence& inputs, const Sequence& targets) {
  cell_->Forward(inputs, hidden_);
  const Eigen::Index steps = Eigen::Index(hidden_.size()), batch = steps ? hidden_[0].rows() : 0;
  // All steps through the readout in one product; its weight gradient then sums over steps by itself.
  stacked_hidden_.resize(steps * batch, readout_.weights.rows());
  for (Eigen::Index t = 0; t < steps; ++t) stacked_hidden_.middleRows(t * batch, batch) = hidden_[size_t(t)];
  readout_.Forward(stacked_hidden_, outputs_);
  double squared = 0.0;
  for (Eigen::Index t = 0; t < steps; ++t)
    squared += (outputs_.middleRows(t * batch, batch) - targets[size_t(t)]).cast<double>().squaredNorm();
  return steps * batch > 0 ? squared / double(steps * batch) : 0.0;
}

double SineRegressor::Evaluate(const SineBatch& batch) { return Forward(batch.inputs, batch.targets); }

double SineRegressor::Gradient(const SineBatch& batch) {
  const double loss = Forward(batch.inputs, batch.targets);
  if (hidden_.empty() || !std::isfinite(loss)) return loss;
  const Eigen::Index steps = Eigen::Index(hidden_.size()), rows = hidden_[0].rows();
  const float scale = 2.0f / float(steps * rows);  // d/dy of the mean of (y - target)²
  grad_outputs_.resize(steps * rows, 1);
  for (Eigen::Index t = 0; t < steps; ++t)
    grad_outputs_.middleRows(t * rows, rows) = scale * (outputs_.middleRows(t * rows, rows) - batch.targets[size_t(t)]);
  readout_.Backward(grad_outputs_, grad_stacked_);
  grad_hidden_.resize(size_t(steps));
  for (Eigen::Index t = 0; t < steps; ++t) grad_hidden_[size_t(t)] = grad_stacked_.middleRows(t * rows, rows);
  cell_->Backward(grad_hidden_, grad_inputs_);
  return loss;
}

SineRegressor::Step SineRegressor::TrainStep(const SineBatch& batch, Optimizer& optimizer, double max_norm) {
  Step result{Gradient(batch), 0.0, false};
  if (hidden_.empty() || !std::isfinite(result.loss)) return result;
  result.gradient_norm = ClipGradientNorm(parameters_, max_norm);
  if (!std::isfinite(result.gradient_norm)) return result;
  optimizer.Step(parameters_);
  result.applied = true;
  return result;
}

void SineRegressor::Predict(const std::vector<float>& values, std::vector<float>& predictions) {
  single_.resize(values.size());
  for (size_t t = 0; t < values.size(); ++t) single_[t] = Matrix::Constant(1, 1, values[t]);
  cell_->Forward(single_, hidden_);
  predictions.resize(values.size());
  for (size_t t = 0; t < values.size(); ++t)
    predictions[t] = (hidden_[t] * readout_.weights)(0, 0) + readout_.bias(0, 0);
}

void SineRegressor::Generate(const std::vector<float>& seed, int count, std::vector<float>& generated) {
  // The cells only run whole sequences from a zero state, so each new value reruns the sequence so far:
  // quadratic in the length, which is fine for the few dozen steps the tab plots.
  single_.resize(seed.size());
  for (size_t t = 0; t < seed.size(); ++t) single_[t] = Matrix::Constant(1, 1, seed[t]);
  generated.clear();
  if (seed.empty()) return;  // nothing to start from
  for (int k = 0; k < count; ++k) {
    cell_->Forward(single_, hidden_);
    const float next = (hidden_.back() * readout_.weights)(0, 0) + readout_.bias(0, 0);
    generated.push_back(next);
    single_.push_back(Matrix::Constant(1, 1, next));
  }
}

}  // namespace netlab
