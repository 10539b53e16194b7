// The backprop inspector's four ways of differentiating the lecture graph agree, each to the accuracy
// its method allows, and need the number of operations counted by hand from the graph's formulas.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>

#include "teaching/differentiation_modes.h"

using namespace netlab;

namespace {

// Relative difference |a − b| / max(|a|, |b|).
double RelativeDifference(double a, double b) { return std::fabs(a - b) / std::max(std::fabs(a), std::fabs(b)); }

// Error bound of the central difference (L(w + h) − L(w − h)) / 2h along a weight whose input is
// `slope` (du/dw: x1³ for w1, x2 for w2):
//  - truncation h²/6 · max|d³L/dw³| (Taylor with remainder). With ℓ(t) = ½(σ(t) − y)² and y in [0, 1],
//    ℓ''' = 3σ'σ'' + (σ − y)σ''', and |σ'| ≤ 1/4, |σ''| ≤ √3/18 (at σ = (3 ± √3)/6), |σ'''| ≤ 1/8 (at
//    σ = 1/2), so |ℓ'''| ≤ 3/4 · √3/18 + 1/8; along w, d³L/dw³ = slope³ · ℓ'''.
//  - rounding: each L has relative error at most n ε (n = 12 operations, γ_n of Higham ch. 3), so the
//    difference of two is off by 2 n ε L and the quotient by 2 n ε L / 2h.
double CentralDifferenceBound(double slope, double loss, double h) {
  const double third_derivative_bound = 0.75 * std::sqrt(3.0) / 18.0 + 0.125;
  const double truncation = h * h / 6.0 * std::pow(std::fabs(slope), 3) * third_derivative_bound;
  const double rounding = 2.0 * 12.0 * DBL_EPSILON * loss / (2.0 * h);
  return truncation + rounding;
}

void CheckAllAgree(const LecturePoint& p, double h) {
  const DifferentiationComparison c = CompareDifferentiationModes(p, h);
  // Reverse mode, forward mode and the formula are exact but for rounding: at most 80 operations
  // (forward mode, the longest), each with relative error ε, so two of them differ by at most 2·80 ε.
  const double exact_tolerance = 2.0 * 80.0 * DBL_EPSILON;
  for (const DerivativeEstimate* m : {&c.symbolic, &c.forward_mode}) {
    INFO(m->method);
    CHECK(RelativeDifference(m->d_w1, c.reverse_mode.d_w1) <= exact_tolerance);
    CHECK(RelativeDifference(m->d_w2, c.reverse_mode.d_w2) <= exact_tolerance);
  }
  const double x1_cubed = p.x1 * p.x1 * p.x1;
  CHECK(std::fabs(c.finite_differences.d_w1 - c.reverse_mode.d_w1) <= CentralDifferenceBound(x1_cubed, c.loss, h));
  CHECK(std::fabs(c.finite_differences.d_w2 - c.reverse_mode.d_w2) <= CentralDifferenceBound(p.x2, c.loss, h));
}

}  // namespace

TEST_CASE("finite differences, symbolic, forward and reverse mode give the same gradient", "[lecture][autodiff]") {
  SECTION("the notes' point") {
    LecturePoint p;  // w1 = .02, w2 = .01, x1 = 3, x2 = 5, y = 0
    CheckAllAgree(p, 1e-6);
    // By hand: u = .02·27 + .01·5 = .59, σ(.59) = .643365, dL/dw1 = σ·σ(1 − σ)·27 = 3.98574 (4 digits).
    const DifferentiationComparison c = CompareDifferentiationModes(p);
    CHECK(c.reverse_mode.d_w1 == Approx(3.9857).margin(1e-4));
    CHECK(c.reverse_mode.d_w2 == Approx(3.9857 * 5.0 / 27.0).margin(1e-4));  // du/dw2 = x2 = 5 instead of 27
  }
  SECTION("a point with negative inputs and target 1") {
    LecturePoint p;
    p.w1 = -0.5;
    p.w2 = 0.3;
    p.x1 = 1.2;
    p.x2 = -0.7;
    p.y = 1.0;
    CheckAllAgree(p, 1e-5);
  }
  SECTION("a larger step makes finite differences worse, within the truncation bound") {
    LecturePoint p;
    const DifferentiationComparison c = CompareDifferentiationModes(p, 1e-3);
    const double error = std::fabs(c.finite_differences.d_w1 - c.reverse_mode.d_w1);
    CHECK(error <= CentralDifferenceBound(27.0, c.loss, 1e-3));
    CHECK(error > CentralDifferenceBound(27.0, c.loss, 1e-6));  // the h² term is visible at h = 1e-3
  }
}

TEST_CASE("each way of differentiating needs the operations counted from its formulas", "[lecture][autodiff]") {
  const DifferentiationComparison c = CompareDifferentiationModes(LecturePoint());
  // One pass: a³ = 2 multiplies; w1·a³, w2·x2, their sum: 3; σ(u) = 1 / (1 + exp(−u)): 4; u_out − y: 1;
  // ½e² = 0.5·e·e: 2. Total 12.
  CHECK(c.forward_pass_operations == 12);
  // Central differences per weight: w ± h (1 each) and a pass (12) on each side, then (L+ − L−) / (2h): 3.
  // 2·(2·13 + 3) = 58, four passes.
  CHECK(c.finite_differences.operations == 58);
  CHECK(c.finite_differences.graph_passes == 4);
  // The formula per weight: σ(u) 9 (u: 5, σ: 4), then (σ − y)·σ·(1 − σ)·du/dw: 5, plus x1³ again (2) for
  // w1. 16 + 14 = 30.
  CHECK(c.symbolic.operations == 30);
  // Dual arithmetic: + and − cost 2, × costs 4 (ab, a'b + ab'), ÷ costs 6, negation 2, exp 2. Per pass:
  // a³ 8, two products 8, sum 2, σ 2 + 2 + 2 + 6 = 12, difference 2, 0.5·e·e 8: 40. One pass per weight: 80.
  CHECK(c.forward_mode.operations == 80);
  CHECK(c.forward_mode.graph_passes == 2);
  // Backward sweep, each line g·(local derivative) added into the operand's gradient: ½e² 2, difference
  // 2, σ 4 (g·s·(1 − s) + add), sum 2, each product 4, a³ 4 (g·3·a·a + add): 22. With the forward pass: 34.
  CHECK(c.reverse_mode.operations == 34);
  CHECK(c.reverse_mode.graph_passes == 2);
  // The cheap-gradient principle (Griewank & Walther 2008, ch. 4): the whole gradient costs a small
  // constant times one evaluation, here under 3, while forward mode and differences grow with the weights.
  CHECK(c.reverse_mode.operations < 3 * c.forward_pass_operations);
}
