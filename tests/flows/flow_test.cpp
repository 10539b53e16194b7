// Normalizing flows on 2-D densities: every layer's log-determinant equals the log of its finite-
// difference Jacobian's determinant, the inverses invert, the likelihood gradient is right, and a flow
// trained by maximum likelihood on a Gaussian target matches its closed-form density.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "flows/coupling_layer.h"
#include "flows/flow.h"
#include "flows/flow_trainer.h"
#include "flows/planar_flow.h"
#include "flows/targets.h"

using namespace netlab;

namespace {

// log|det J| of `f` at x from centred differences: each entry errs by O(h²) ≈ 1e-10 here, far inside
// the 1e-6 the tests allow.
template <class F>
double FiniteDifferenceLogDet(const F& f, const Point2& x) {
  const double h = 1e-5;
  const Point2 xp = f({x.x + h, x.y}), xm = f({x.x - h, x.y}), yp = f({x.x, x.y + h}), ym = f({x.x, x.y - h});
  const double j11 = (xp.x - xm.x) / (2 * h), j21 = (xp.y - xm.y) / (2 * h);
  const double j12 = (yp.x - ym.x) / (2 * h), j22 = (yp.y - ym.y) / (2 * h);
  return std::log(std::fabs(j11 * j22 - j12 * j21));
}

void CheckLayer(const FlowLayer& layer) {
  const Point2 points[] = {{0.3, -0.2}, {-1.5, 0.7}, {2.0, 1.1}, {0.0, 0.0}};
  for (const Point2& x : points) {
    double log_det = 0.0;
    const Point2 y = layer.Forward(x, log_det);
    auto f = [&](const Point2& p) {
      double unused = 0.0;
      return layer.Forward(p, unused);
    };
    CHECK(log_det == Approx(FiniteDifferenceLogDet(f, x)).margin(1e-6));
    const Point2 back = layer.Inverse(y);
    CHECK(back.x == Approx(x.x).margin(1e-9));
    CHECK(back.y == Approx(x.y).margin(1e-9));
  }
}

// The analytic gradient of the mean log-density against centred differences in every parameter.
void CheckGradient(Flow& flow, const std::vector<Point2>& batch) {
  std::vector<std::vector<double>> gradient, unused;
  flow.MeanLogDensity(batch, gradient);
  const double h = 1e-6;
  for (size_t l = 0; l < flow.layers().size(); ++l) {
    std::vector<double>& theta = flow.layers()[l]->parameters();
    for (size_t i = 0; i < theta.size(); ++i) {
      const double keep = theta[i];
      theta[i] = keep + h;
      const double up = flow.MeanLogDensity(batch, unused);
      theta[i] = keep - h;
      const double down = flow.MeanLogDensity(batch, unused);
      theta[i] = keep;
      INFO("layer " << l << " parameter " << i);
      // O(h²) truncation plus ~1e-16·|log p|/h ≈ 1e-10 rounding: 1e-6 absolute is ample.
      CHECK(gradient[l][i] == Approx((up - down) / (2 * h)).margin(1e-6));
    }
  }
}

std::vector<Point2> TestBatch() {
  Rng rng(4);
  std::vector<Point2> batch;
  for (int i = 0; i < 12; ++i) batch.push_back({1.2 * rng.Normal(), 0.9 * rng.Normal() + 0.3});
  return batch;
}

}  // namespace

TEST_CASE("planar flow: log|1 + u^T psi(z)| is the log of the Jacobian's determinant, and it inverts",
          "[flows]") {
  CheckLayer(PlanarFlow(0.8, -1.3, 1.1, 0.4, 0.2));
  CheckLayer(PlanarFlow(-2.0, 0.5, -0.3, 1.7, -0.6));
  // u with wᵀu = −5 would fold the plane (1 + wᵀu h' < 0 near a = 0); the reparametrised û has
  // ûᵀw = −1 + log(1 + e⁻⁵) > −1, so the determinant stays positive.
  PlanarFlow folded(-5.0, 0.0, 1.0, 0.0, 0.0);
  const Point2 u_hat = folded.UHat();
  CHECK(u_hat.x * 1.0 + u_hat.y * 0.0 == Approx(-1.0 + std::log1p(std::exp(-5.0))));
  CheckLayer(folded);
}

TEST_CASE("coupling layers: triangular Jacobians, log|det| = s(c), exact inverses", "[flows]") {
  for (bool affine : {false, true})
    for (int changed : {0, 1}) {
      Rng rng(7);
      CouplingLayer layer(changed, 5, affine, rng);
      // Non-zero output weights, so s and t are not constant.
      for (double& p : layer.parameters()) p += 0.3 * rng.Normal();
      INFO("affine " << affine << " changed " << changed);
      CheckLayer(layer);
      double log_det = 0.0;
      layer.Forward({0.4, -0.9}, log_det);
      if (!affine) CHECK(log_det == 0.0);  // NICE's additive coupling preserves volume
    }
  ElementwiseAffine scale;
  scale.parameters() = {0.3, -0.5, 1.0, 2.0};
  CheckLayer(scale);
}

TEST_CASE("the likelihood gradient of each flow matches finite differences", "[flows]") {
  for (const char* kind : {"planar", "additive_coupling", "affine_coupling"}) {
    FlowSettings settings;
    settings.kind = kind;
    settings.layers = 3;
    settings.hidden = 4;
    FlowTrainer trainer(settings);
    trainer.Reset(3);
    Flow& flow = const_cast<Flow&>(trainer.flow());
    Rng rng(5);
    for (auto& layer : flow.layers())
      for (double& p : layer->parameters()) p += 0.2 * rng.Normal();  // away from the identity start
    INFO(kind);
    CheckGradient(flow, TestBatch());
  }
}

TEST_CASE("a flow's density integrates to one", "[flows]") {
  FlowSettings settings;
  settings.kind = "planar";
  settings.layers = 4;
  FlowTrainer trainer(settings);
  trainer.Reset(8);
  // Midpoint rule on [−12, 12]² with step 0.04: the base Gaussian's mass outside is < 1e-20 once the
  // layers' bounded shifts (|û| tanh ≤ |û|) are accounted for.
  double mass = 0.0;
  const double step = 0.04;
  for (double x = -12 + step / 2; x < 12; x += step)
    for (double y = -12 + step / 2; y < 12; y += step) mass += std::exp(trainer.flow().LogDensity({x, y})) * step * step;
  CHECK(mass == Approx(1.0).margin(1e-3));
}

TEST_CASE("trained by maximum likelihood on a Gaussian, a flow matches the closed-form density", "[flows][training][long]") {
  const GaussianTarget target;  // mean (1, −0.5), covariance L Lᵀ with L = (0.8, 0; 0.6, 0.4)
  for (const char* kind : {"affine_coupling", "additive_coupling", "planar"}) {
    FlowSettings settings;
    settings.kind = kind;
    settings.target = "gaussian";
    settings.layers = std::string(kind) == "planar" ? 12 : 4;  // planar layers bend little each
    settings.hidden = 8;
    settings.learning_rate = 0.01;
    settings.batch_size = 256;
    FlowTrainer trainer(settings);
    trainer.Reset(2);
    // 2000 steps at 0.01, then 1000 at 0.002 so the fit settles below the minibatch noise.
    for (int s = 0; s < 3000; ++s) {
      if (s == 2000) trainer.set_learning_rate(0.002);
      trainer.Step();
    }
    // KL(p ‖ q) = E_p[log p − log q] on fresh samples; the entropy of p is log 2πe + log(l11 l22).
    Rng rng(99);
    const int n = 4000;
    double sum = 0.0, sum_sq = 0.0;
    for (int i = 0; i < n; ++i) {
      const Point2 x = target.Sample(rng);
      const double d = target.LogDensity(x) - trainer.flow().LogDensity(x);
      sum += d;
      sum_sq += d * d;
    }
    const double kl = sum / n, standard_error = std::sqrt((sum_sq / n - kl * kl) / n);
    INFO(kind << ": KL " << kl << " +- " << standard_error << ", last log-likelihood " << trainer.last_log_likelihood());
    // KL = 0 exactly when q = p; a fitted flow is within 0.02 nats (a 2% likelihood ratio on average).
    CHECK(kl < 0.02);
    CHECK(kl + 4 * standard_error > 0.0);  // KL is never negative: the estimate must agree
    // Pointwise at the mean, where p = 1 / (2π l11 l22), and one standard deviation out along each axis
    // of L: within 0.1 nats (a 10% density ratio).
    const Point2 probes[] = {target.mean,
                             {target.mean.x + target.l11, target.mean.y + target.l21},
                             {target.mean.x - target.l11, target.mean.y - target.l21},
                             {target.mean.x, target.mean.y + target.l22},
                             {target.mean.x, target.mean.y - target.l22}};
    for (const Point2& x : probes) CHECK(trainer.flow().LogDensity(x) == Approx(target.LogDensity(x)).margin(0.1));
    CHECK(target.LogDensity(target.mean) == Approx(-std::log(2 * 3.141592653589793 * 0.8 * 0.4)));
  }
}

TEST_CASE("invalid flow settings are refused with a message", "[flows]") {
  FlowSettings settings;
  settings.kind = "spline";
  CHECK_FALSE(FlowSettingsError(settings).empty());
  settings.kind = "planar";
  settings.target = "drawn";  // no points drawn yet
  FlowTrainer trainer(settings);
  CHECK_FALSE(trainer.error().empty());
  trainer.Step();
  CHECK(trainer.steps() == 0);
  settings.drawn = {{0.0, 1.0}, {1.0, 0.0}};
  CHECK(FlowSettingsError(settings).empty());
}
