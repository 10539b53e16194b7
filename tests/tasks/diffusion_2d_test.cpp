// The diffusion model (diffusion/ddpm.h, tasks/diffusion_2d/; Ho et al. 2020) against what the maths
// says: the forward process's marginal q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I) in closed form and by
// sampling, one shot against t single steps; for Gaussian data the Bayes-optimal noise predictor is linear
// in x_t and the trained network approaches it; training on two moons brings the samples nearer held-out
// points; the loss's gradient is the chain rule (central differences); and the run is deterministic.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/settings.h"
#include "core/finite_difference.h"
#include "diffusion/ddpm.h"
#include "support/config_text.h"
#include "tasks/diffusion_2d/diffusion_2d_run.h"
#include "tasks/examples.h"
#include "tasks/table.h"

using namespace netlab;

namespace {

DdpmSettings Settings(const std::string& schedule, int steps, std::vector<int> hidden) {
  DdpmSettings s;
  s.schedule = schedule;
  s.steps = steps;
  s.hidden = hidden;
  s.optimizer.kind = "adam";
  s.optimizer.learning_rate = 0.003f;
  return s;
}

struct Moments {
  double mean = 0.0, variance = 0.0;
};
Moments MomentsOf(const std::vector<double>& v) {
  Moments m;
  for (double x : v) m.mean += x;
  m.mean /= double(v.size());
  for (double x : v) m.variance += (x - m.mean) * (x - m.mean);
  m.variance /= double(v.size() - 1);
  return m;
}

}  // namespace

TEST_CASE("the noise schedules: ᾱ_t is the product of 1 − β_s, and each schedule's own closed form", "[diffusion]") {
  // Linear: β_t = (1000/T)(1e-4 + (0.02 − 1e-4)(t − 1)/(T − 1)), written out again here.
  for (int steps : {10, 100, 1000}) {
    INFO("T = " << steps);
    const NoiseSchedule s = MakeNoiseSchedule("linear", steps);
    REQUIRE(s.steps() == steps);
    CHECK(s.alpha_bar[0] == 1.0);
    double product = 1.0;
    for (int t = 1; t <= steps; ++t) {
      const double scale = 1000.0 / steps;
      const double beta = std::min(0.999, scale * (1e-4 + (0.02 - 1e-4) * (t - 1) / (steps - 1)));
      CHECK(s.beta[size_t(t)] == Approx(beta).epsilon(1e-12));
      product *= 1.0 - beta;
      CHECK(s.alpha_bar[size_t(t)] == Approx(product).epsilon(1e-10));
    }
    // Σ β ≈ 10.05 whatever T (above 50 steps, where nothing is clipped): ᾱ_T ≤ e^−Σβ (1 − β ≤ e^−β).
    if (steps >= 50) CHECK(s.alpha_bar[size_t(steps)] <= std::exp(-10.0));
  }
  // Cosine: ᾱ_t = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s) π/2), wherever no β was clipped at 0.999.
  const int steps = 100;
  const NoiseSchedule s = MakeNoiseSchedule("cosine", steps);
  const auto f = [&](double t) { return std::pow(std::cos((t / steps + 0.008) / 1.008 * 3.141592653589793 / 2), 2); };
  for (int t = 1; t < steps; ++t) CHECK(s.alpha_bar[size_t(t)] == Approx(f(t) / f(0)).epsilon(1e-9));
  CHECK(s.beta[steps] == 0.999);  // f(T) = cos²(π/2) = 0: the last step is the clipped one
  CHECK(MakeNoiseSchedule("quadratic", 100).beta.empty());
}

TEST_CASE("the time embedding is Vaswani's sinusoids", "[diffusion]") {
  float e[kTimeEmbeddingDims];
  EmbedTime(37, e);
  CHECK(e[0] == Approx(std::sin(37.0)));
  CHECK(e[1] == Approx(std::cos(37.0)));
  const double omega3 = std::pow(10000.0, -3.0 / 8.0);  // k = 3 of D/2 = 8
  CHECK(e[6] == Approx(std::sin(37.0 * omega3)));
  CHECK(e[7] == Approx(std::cos(37.0 * omega3)));
}

TEST_CASE("q(x_t | x_0) by sampling: mean √ᾱ_t x_0, variance 1 − ᾱ_t, the same as t single steps", "[diffusion]") {
  Rng init(3);
  const Ddpm model(Settings("linear", 100, {8}), init);
  const int n = 20000;
  const double x0 = 1.5;
  Rng rng(11);
  for (int t : {1, 10, 40, 100}) {
    INFO("t = " << t);
    const double a = model.schedule().alpha_bar[size_t(t)];
    // One shot, through the model's own Noised; and t steps of q(x_s | x_{s−1}) = N(√(1 − β_s) x_{s−1}, β_s).
    Matrix x(n, 2), eps(n, 2);
    for (Eigen::Index i = 0; i < eps.size(); ++i) eps.data()[i] = rng.Normal();
    x.setConstant(float(x0));
    const Matrix shot = model.Noised(x, std::vector<int>(size_t(n), t), eps);
    std::vector<double> one_shot, iterated;
    for (int i = 0; i < n; ++i) {
      one_shot.push_back(shot(i, 0));
      double y = x0;
      for (int s = 1; s <= t; ++s) {
        const double beta = model.schedule().beta[size_t(s)];
        y = std::sqrt(1.0 - beta) * y + std::sqrt(beta) * rng.Normal();
      }
      iterated.push_back(y);
    }
    const Moments m1 = MomentsOf(one_shot), m2 = MomentsOf(iterated);
    const double var = 1.0 - a;
    // 5 standard errors: the mean's is √(var / n); the sample variance's is var √(2 / (n − 1)) (Gaussian).
    const double mean_tolerance = 5.0 * std::sqrt(var / n), var_tolerance = 5.0 * var * std::sqrt(2.0 / (n - 1));
    CHECK(std::fabs(m1.mean - std::sqrt(a) * x0) < mean_tolerance);
    CHECK(std::fabs(m1.variance - var) < var_tolerance);
    CHECK(std::fabs(m2.mean - std::sqrt(a) * x0) < mean_tolerance);
    CHECK(std::fabs(m2.variance - var) < var_tolerance);
    // And the two samples against each other: their means differ by at most 5 √(2 var / n).
    CHECK(std::fabs(m1.mean - m2.mean) < 5.0 * std::sqrt(2.0 * var / n));
  }
}

// For x_0 ~ N(μ, s² I), x_t = √ᾱ x_0 + √(1 − ᾱ) ε is Gaussian and jointly so with ε:
//   Cov(ε, x_t) = √(1 − ᾱ) I,  Var x_t = (ᾱ s² + 1 − ᾱ) I,  so
//   E[ε | x_t] = √(1 − ᾱ) / (ᾱ s² + 1 − ᾱ) · (x_t − √ᾱ μ),
// and what is left, Var[ε | x_t] = ᾱ s² / (ᾱ s² + 1 − ᾱ) per coordinate, is the floor of L_simple at t.
TEST_CASE("on Gaussian data the trained noise predictor approaches the linear Bayes predictor", "[diffusion]") {
  const double mu[2] = {0.8, -0.4}, sd = 0.5;
  const int steps = 50;
  Rng init(5);
  Ddpm model(Settings("linear", steps, {32, 32}), init);
  const NoiseSchedule& q = model.schedule();
  Rng rng(17);
  const auto draw = [&](int count) {
    Matrix x0(count, 2);
    for (int i = 0; i < count; ++i)
      for (int c = 0; c < 2; ++c) x0(i, c) = float(mu[c] + sd * rng.Normal());
    return x0;
  };
  // Then a tenth of the step: Adam's noise around the optimum shrinks with it (the pointwise checks).
  for (int step = 0; step < 4000; ++step) {
    if (step == 2500) model.set_learning_rate(0.0003f);
    model.TrainStep(draw(128), rng);
  }

  // The floor: L* = E_t 2 v_t, v_t = ᾱ_t s² / (ᾱ_t s² + 1 − ᾱ_t), t uniform (≈ 0.34 here). For the Bayes
  // predictor each point's loss is v_t χ²₂ (mean 2 v_t, variance 4 v_t² ≤ 4), so the held-out mean over
  // n = 5,000 points with t spread evenly over 1..T lies within 2/√n ≈ 0.03 of L* per standard deviation.
  double floor = 0.0;
  for (int t = 1; t <= steps; ++t) {
    const double a = q.alpha_bar[size_t(t)];
    floor += 2.0 * a * sd * sd / (a * sd * sd + 1.0 - a) / steps;
  }
  const int n = 5000;
  std::vector<int> ts(n);
  for (int i = 0; i < n; ++i) ts[size_t(i)] = 1 + i % steps;
  Matrix eps(n, 2);
  for (Eigen::Index i = 0; i < eps.size(); ++i) eps.data()[i] = rng.Normal();
  const double held_out = model.Loss(draw(n), ts, eps);
  INFO("L* = " << floor << ", held-out L_simple = " << held_out);
  CHECK(held_out > floor - 0.06);  // no model beats the Bayes floor by 2 of those deviations
  CHECK(held_out < floor + 0.06);  // the net comes within 2 of them (what the small net leaves included)

  // Pointwise, at x_t = √ᾱ μ + k √(ᾱ s² + 1 − ᾱ) (1, −1) for k = ±1 (one standard deviation of x_t out,
  // where training saw plenty of points), within 0.1: a tenth of ε's standard deviation. A predictor of 0
  // (what the net starts near) misses there by c_t √(ᾱ s² + 1 − ᾱ) = √(1 − ᾱ)/√(ᾱ s² + 1 − ᾱ) ≥ 0.33 at
  // these t, so the check can fail.
  for (int t : {5, 15, 30, 50}) {
    const double a = q.alpha_bar[size_t(t)], spread = std::sqrt(a * sd * sd + 1.0 - a);
    const double c = std::sqrt(1.0 - a) / (spread * spread);
    REQUIRE(c * spread >= 0.33);
    for (double k : {-1.0, 1.0}) {
      Matrix x_t(1, 2);
      x_t(0, 0) = float(std::sqrt(a) * mu[0] + k * spread);
      x_t(0, 1) = float(std::sqrt(a) * mu[1] - k * spread);
      const Matrix predicted = model.PredictNoise(x_t, {t});
      INFO("t = " << t << ", k = " << k);
      CHECK(std::fabs(predicted(0, 0) - c * k * spread) < 0.1);
      CHECK(std::fabs(predicted(0, 1) + c * k * spread) < 0.1);
    }
  }
}

TEST_CASE("L_simple's gradient is the chain rule: central differences agree for every weight", "[diffusion]") {
  Rng init(7), rng(8);
  Ddpm model(Settings("cosine", 30, {6, 5}), init);
  const int batch = 5;
  Matrix x0(batch, 2), eps(batch, 2);
  for (Eigen::Index i = 0; i < x0.size(); ++i) x0.data()[i] = rng.Normal(), eps.data()[i] = rng.Normal();
  const std::vector<int> t = {1, 4, 11, 23, 30};
  model.Loss(x0, t, eps, true);
  for (const ParameterRef& p : model.net.Parameters()) {
    const Matrix analytic = *p.gradient;
    const double error =
        GradientRelativeError(*p.value, analytic, [&] { return model.Loss(x0, t, eps); }, 1e-2, 1e-3);
    INFO(p.value->rows() << " x " << p.value->cols());
    CHECK(error < 1e-3);  // SiLU is smooth: the central difference's O(h²) error, in float, stays this small
  }
}

TEST_CASE("the diffusion run: training on two moons brings samples nearer held-out points, deterministically", "[diffusion]") {
  const Config config = Parsed(ExampleConfigText("diffusion-2d"));
  REQUIRE(config.task == "diffusion-2d");
  Diffusion2dRun run(config, TaskData());
  REQUIRE(run.error() == "");
  const double untrained = run.SampleMmd();
  for (int i = 0; i < 3000; ++i) run.Step();
  const double trained = run.SampleMmd();
  // The bar a model must clear to have learned more than two moments: the Gaussian with the held-out
  // points' own mean and covariance (x = m + L z, L L^T = Σ by Cholesky), measured the same way.
  const std::vector<Point2>& held = run.held_out();
  double mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0;
  for (const Point2& p : held) mx += p.x, my += p.y;
  mx /= double(held.size()), my /= double(held.size());
  for (const Point2& p : held) sxx += (p.x - mx) * (p.x - mx), sxy += (p.x - mx) * (p.y - my), syy += (p.y - my) * (p.y - my);
  sxx /= double(held.size()), sxy /= double(held.size()), syy /= double(held.size());
  const double l11 = std::sqrt(sxx), l21 = sxy / l11, l22 = std::sqrt(syy - l21 * l21);
  Matrix gaussian(Diffusion2dRun::kSamplePoints, 2);
  Rng rng(99);
  for (Eigen::Index i = 0; i < gaussian.rows(); ++i) {
    const double a = rng.Normal(), b = rng.Normal();
    gaussian(i, 0) = float(mx + l11 * a);
    gaussian(i, 1) = float(my + l21 * a + l22 * b);
  }
  const double moments_only = run.MmdToHeldOut(gaussian);
  INFO("MMD² untrained " << untrained << ", after 3,000 steps " << trained << ", the moment-matched Gaussian " << moments_only);
  CHECK(moments_only < untrained);  // the bar is below the untrained model's score: the check has teeth
  CHECK(trained < moments_only / 3);  // well past the Gaussian: the moons' shape, not just their spread

  // The same seed, the same numbers: two fresh runs report alike, digit for digit.
  Diffusion2dRun a(config, TaskData()), b(config, TaskData());
  for (int i = 0; i < 300; ++i) a.Step(), b.Step();
  CHECK(a.ReportLine() == b.ReportLine());
}

TEST_CASE("the diffusion task refuses a drawn target without points and T outside 10..1000", "[diffusion]") {
  Config config = Parsed(ExampleConfigText("diffusion-2d"));
  config.data.kind = "drawn";
  CHECK(ValidateDiffusion2d(config).find("needs points") != std::string::npos);
  Diffusion2dRun run(config, TaskData());
  CHECK(run.error() != "");
  config = Parsed(ExampleConfigText("diffusion-2d"));
  config.lesson.diffusion_steps = 5000;
  CHECK(ValidateSettings(config) == "diffusion_steps (Diffusion steps T) must be between 10 and 1000, not 5000.");
  config.lesson.diffusion_steps = 10;
  CHECK(ValidateSettings(config) == "");
}

TEST_CASE("diffusion_compare trains a flow and a GAN beside the diffusion, and the report measures all three", "[diffusion]") {
  Config config = Parsed(ExampleConfigText("diffusion-2d"));
  config.lesson.diffusion_compare = true;
  config.data.kind = "ring";
  Diffusion2dRun run(config, TaskData());
  REQUIRE(run.comparing());
  const double flow_before = run.MmdToHeldOut(run.FlowSamples(Diffusion2dRun::kSamplePoints));
  const double gan_before = run.MmdToHeldOut(run.GanSamples(Diffusion2dRun::kSamplePoints));
  for (int i = 0; i < 400; ++i) run.Step();
  const std::string line = run.ReportLine();
  INFO(line);
  CHECK(line.find(" flow_mmd2=") != std::string::npos);
  CHECK(line.find(" gan_mmd2=") != std::string::npos);
  // Each model beside moved towards the ring: a flow that starts as N(0, I) and a GAN near its origin
  // both put their mass inside the ring, far (in MMD²) from it.
  CHECK(run.MmdToHeldOut(run.FlowSamples(Diffusion2dRun::kSamplePoints)) < 0.5 * flow_before);
  CHECK(run.MmdToHeldOut(run.GanSamples(Diffusion2dRun::kSamplePoints)) < 0.5 * gan_before);
  // Off, the report is the diffusion's alone.
  config.lesson.diffusion_compare = false;
  Diffusion2dRun plain(config, TaskData());
  CHECK_FALSE(plain.comparing());
  CHECK(plain.ReportLine().find("flow_mmd2") == std::string::npos);
}
